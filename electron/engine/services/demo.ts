// The demo study: a project modelled on Curry et al. (BMJ Open 2022) built from the data files in
// resources/demo/ — the 64-code structure, 26 participants, archival documents in six groups, short
// invented transcripts and two coders' codings. Later features extend it through `extend`.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccordError } from '../../../shared/errors';
import type { DocumentId } from '../../../shared/model/types';
import { Session } from '../session';
import { importParticipants } from './attributes';
import { listCodes } from './codebook';
import { importCodes } from './codebook-lists';
import { selectCoder } from './coders';
import { applyCodings } from './codings';
import { documentText, findDocumentByName, importDocument } from './documents';
import { acceptAgreed, consensusRegions, settleRegion } from './consensus';
import { saveMemo } from './memos';
import { createTheme, linkCode } from './themes';

/** The coders whose codings the demo carries; the first is the session's coder afterwards. */
export const DEMO_CODERS = ['Ana', 'Ben'] as const;

/** Where the demo's data files are: ACCORD_DEMO_DIR, the packaged app's resources, or the source tree. */
export function demoDataDir(): string {
  const candidates: string[] = [];
  if (process.env.ACCORD_DEMO_DIR) candidates.push(process.env.ACCORD_DEMO_DIR);
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'demo'));
  try {
    candidates.push(fileURLToPath(new URL('../../../resources/demo', import.meta.url)));
  } catch {
    // Bundled without import.meta.url: the other candidates apply.
  }
  candidates.push(resolve('resources/demo'));
  const found = candidates.find((d) => existsSync(join(d, 'participants.csv')));
  if (!found) throw new AccordError('NOT_FOUND', `the demo study's data files were not found (looked in ${candidates.join(', ')})`);
  return found;
}

function rows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
}

/** Reads a two-column CSV whose second column may be quoted (the demo's manifest files). */
function pairs(path: string): [string, string][] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const i = l.indexOf(',');
      return [l.slice(0, i), l.slice(i + 1).replace(/^"(.*)"$/, '$1')];
    });
}

/** The transcript on which the demo's coders have already reached consensus. */
export const CONSENSUS_DOCUMENT = 'ID05 interview';

/**
 * Negotiated consensus on one transcript, as a team would reach it: agreed regions are accepted, and
 * each disagreement is settled with a rule and a rationale (the longer reading where Ben's quote stops
 * mid-passage, the shared words where the two readings only partly meet).
 */
function settleDemoConsensus(s: Session, documentName: string): void {
  selectCoder(s, DEMO_CODERS[0]);
  const doc = findDocumentByName(s, documentName);
  const codeIds = (s.db.prepare('SELECT DISTINCT code_id AS id FROM codings WHERE document_id = ? ORDER BY code_id').all(doc.id) as { id: number }[]).map((r) => r.id);
  for (const codeId of codeIds) {
    acceptAgreed(s, doc.id, codeId);
    for (const region of consensusRegions(s, doc.id, codeId).regions) {
      if (region.agreed || region.decision !== null) continue;
      const everyone = region.coders.every((c) => c.ranges.length > 0);
      settleRegion(s, {
        documentId: doc.id,
        codeId,
        start: region.start,
        end: region.end,
        rule: everyone ? 'union' : 'reject',
        rationale: everyone
          ? 'Both coders saw this code here; the passage needs the whole reading to make sense.'
          : 'Only one coder saw this code here; on discussion the passage does not fit its definition.',
      });
    }
  }
}

export interface DemoOptions {
  dataDir?: string;
  /** Runs on the open session after the demo's own content, before the file is closed. */
  extend?: (s: Session) => void | Promise<void>;
}

/** Fills an open, empty project with the demo study. */
export async function populateDemo(s: Session, dataDir: string = demoDataDir()): Promise<void> {
  selectCoder(s, DEMO_CODERS[0]);
  importCodes(s, 'codebook.tsv', readFileSync(join(dataDir, 'codebook.tsv'), 'utf8'));
  const transcripts = readdirSync(join(dataDir, 'transcripts')).filter((f) => f.endsWith('.txt')).sort();
  for (const f of transcripts) await importDocument(s, f, readFileSync(join(dataDir, 'transcripts', f)), 'transcript');
  importParticipants(s, 'participants.csv', readFileSync(join(dataDir, 'participants.csv'), 'utf8'));
  for (const [file, group] of pairs(join(dataDir, 'archival.csv'))) {
    await importDocument(s, file, readFileSync(join(dataDir, 'archival', file)), 'archival', { group, duplicates: 'import' });
  }
  const codes = listCodes(s);
  for (const [coder, document, label, quote] of rows(join(dataDir, 'codings.tsv'))) {
    const doc = findDocumentByName(s, document);
    const start = documentText(s, doc.id).indexOf(quote);
    const code = codes.find((c) => c.label === label);
    if (start < 0 || !code) throw new AccordError('INVALID_INPUT', `codings.tsv: "${quote.slice(0, 40)}…" (${label}) is not in ${document}`);
    selectCoder(s, coder);
    applyCodings(s, { documentId: doc.id, codeIds: [code.id], start, end: start + quote.length });
  }
  settleDemoConsensus(s, CONSENSUS_DOCUMENT);
  selectCoder(s, DEMO_CODERS[0]);
  for (const [document, body] of pairs(join(dataDir, 'memos.csv'))) {
    saveMemo(s, { documentId: findDocumentByName(s, document).id as DocumentId, codeId: null, codingId: null, themeId: null, title: '', body });
  }
  // Themes with their codes, so that support counts show on opening (themes.tsv is optional).
  if (existsSync(join(dataDir, 'themes.tsv'))) {
    for (const [name, summary, labels] of rows(join(dataDir, 'themes.tsv'))) {
      const theme = createTheme(s, { parentId: null, name, summary });
      for (const label of labels.split(/\s+/).filter(Boolean)) {
        const code = codes.find((c) => c.label.replace(/\.$/, '') === label);
        if (!code) throw new AccordError('INVALID_INPUT', `themes.tsv: no code ${label} for "${name}"`);
        linkCode(s, theme.id, code.id);
      }
    }
  }
}

/** Builds the demo study at `path` (which must not exist yet) and closes it. */
export async function buildDemo(path: string, options: DemoOptions = {}): Promise<string> {
  const s = Session.create(path);
  try {
    await populateDemo(s, options.dataDir);
    await options.extend?.(s);
    s.close();
  } catch (err) {
    // A half-built demo must not be opened next time as if it were complete.
    s.close();
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    throw err;
  }
  return path;
}
