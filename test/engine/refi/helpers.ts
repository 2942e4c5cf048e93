// Shared helpers for the REFI-QDA tests: where the reference files live, schema validation through
// xmllint, and the parts of a model that must survive a write → read round trip.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QdaProject } from '../../../electron/engine/refi/model';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** /work/shared, found next to the repository; tests that need it skip when it is missing. */
export const sharedDir = path.resolve(repoRoot, '../shared');
export const refiDir = path.join(sharedDir, 'refi-qda');
export const samplesDir = path.join(refiDir, 'samples');

/** Validate XML against an XSD with xmllint (Debian libxml2-utils); returns xmllint's verdict. */
export function xmllint(xml: string, xsd: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'accord-refi-'));
  const file = path.join(dir, 'doc.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (r.error) return { ok: false, output: `xmllint could not run (install libxml2-utils): ${r.error.message}` };
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/**
 * What a round trip must keep: users, codes (hierarchy, order, description, colour), the text of
 * text sources, codings with their offsets, notes (targets the writer can express), cases, sets
 * (members that were written). Selection names are kept only when the original had one.
 */
export function roundTripView(p: QdaProject, withSelectionNames = true): unknown {
  const written = new Set(p.sources.filter((s) => s.kind === 'text' && s.text !== null).map((s) => s.guid));
  const codes = new Set(p.codes.map((c) => c.guid));
  const selections = new Set(p.codings.map((c) => c.selectionGuid));
  const codings = new Set(p.codings.map((c) => c.guid));
  const noteTarget = (t: string): boolean => codes.has(t) || written.has(t) || selections.has(t) || codings.has(t);
  return {
    users: p.users,
    codes: p.codes,
    sources: p.sources.filter((s) => written.has(s.guid)).map((s) => ({ guid: s.guid, name: s.name, text: s.text, creatingUser: s.creatingUser })),
    codings: p.codings.map((c) => ({ ...c, selectionName: withSelectionNames ? c.selectionName : undefined })),
    notes: p.notes.map((n) => ({ ...n, targets: n.targets.filter(noteTarget).sort() })),
    cases: p.cases.map((c) => ({ ...c, sourceGuids: c.sourceGuids.filter((s) => written.has(s)) })),
    variables: p.variables,
    sets: p.sets.map((s) => ({ ...s, memberSources: s.memberSources.filter((m) => written.has(m)), memberCodes: s.memberCodes.filter((m) => codes.has(m)) })),
  };
}
