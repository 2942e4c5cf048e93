// The co-occurrence matrix over one layer and the quotes behind each of its cells. The counting
// lives in shared/stats/cooccurrence.ts; this file loads the layer and names the result.
import { AccordError } from '../../../../shared/errors';
import type { EvidenceResult, Filters, MatrixCode, MatrixResult, Scope } from '../../../../shared/api/intersections';
import type { CodeId } from '../../../../shared/model/types';
import {
  cooccurrence,
  cooccurrenceEvidence,
  rollUpColumns,
  type CoDocument,
  type CooccurrenceMode,
} from '../../../../shared/stats/cooccurrence';
import type { Session } from '../../session';
import { progress } from '../../progress';
import { toQuotes } from './quotes';
import { codeTree, load, loadColumns, withRollUp, type ScopeDoc } from './scope';

/** `overlap`, `chars:N`, `turn` or `document` → the algorithm's mode. */
export function parseMode(text: string): CooccurrenceMode {
  const t = text.trim().toLowerCase();
  if (t === 'overlap' || t === 'turn' || t === 'document') return { kind: t };
  const m = /^chars:(\d{1,9})$/.exec(t);
  if (m) return { kind: 'chars', n: Number(m[1]) };
  throw new AccordError('INVALID_INPUT', `unknown mode "${text}": use overlap, chars:N (e.g. chars:100), turn or document`);
}


/** Documents as the co-occurrence algorithm needs them; speaker turns only in turn mode. */
function coDocuments(s: Session, docs: ScopeDoc[], mode: CooccurrenceMode): CoDocument[] {
  const out = docs.map<CoDocument>((d) => ({ id: d.id, length: d.length, participant: d.participant }));
  if (mode.kind === 'turn') {
    const byId = new Map(out.map((d) => [d.id, d]));
    const rows = s.db.prepare('SELECT document_id, start, "end" FROM turns ORDER BY document_id, ord').raw().all() as [number, number, number][];
    for (const [docId, start, end] of rows) {
      const d = byId.get(docId);
      if (!d || end <= start) continue;
      const turns = (d.turns ?? []) as { start: number; end: number }[];
      turns.push({ start, end });
      d.turns = turns;
    }
  }
  return out;
}


/** The co-occurrence matrix of every code (or the given codes) over the filtered layer. */
export function cooccurrenceMatrix(
  s: Session,
  input: Filters & { mode: string; rollUp: boolean; codeIds?: CodeId[] },
): MatrixResult {
  const mode = parseMode(input.mode);
  const { codes, parentOf } = codeTree(s);
  let chosen = codes;
  if (input.codeIds) {
    const wanted = new Set<number>(input.codeIds);
    const missing = [...wanted].filter((id) => !parentOf.has(id));
    if (missing.length) throw new AccordError('NOT_FOUND', `no code with id ${missing.join(', ')}`);
    chosen = codes.filter((c) => wanted.has(c.code.id));
  }
  const loaded = loadColumns(s, input, true);
  const result = cooccurrence(
    input.rollUp ? rollUpColumns(loaded.codings, parentOf) : loaded.codings,
    coDocuments(s, loaded.docs, mode),
    chosen.map((c) => c.code.id),
    mode,
    (done, total) => progress(done, total, 'documents'),
  );
  const matrixCodes = chosen.map<MatrixCode>((c, k) => ({
    id: c.code.id,
    parentId: c.code.parentId,
    label: c.code.label,
    name: c.code.name,
    color: c.code.color,
    depth: c.depth,
    hasChildren: c.hasChildren,
    n: result.totals[k].n,
    codings: result.totals[k].codings,
    characters: result.totals[k].characters,
    documents: result.totals[k].documents,
    participants: result.totals[k].participants,
  }));
  const unit = mode.kind === 'document' ? 'documents' : 'passages';
  return {
    mode: input.mode.trim().toLowerCase(),
    unit,
    counts: countsSentence(mode, loaded.scope),
    rollUp: input.rollUp,
    codes: matrixCodes,
    cells: result.cells,
    scope: loaded.scope,
  };
}

const MODE_WORDS: Record<CooccurrenceMode['kind'], string> = {
  overlap: 'overlapping passages',
  chars: 'passages within N characters of each other',
  turn: 'passages in the same speaker turn',
  document: 'the same document',
};

/** What the matrix counts, in one sentence: unit, mode and layer (and the pooling warning's gist). */
export function countsSentence(mode: CooccurrenceMode, scope: Scope): string {
  const how = mode.kind === 'chars' ? `passages within ${mode.n} characters of each other` : MODE_WORDS[mode.kind];
  const unit =
    mode.kind === 'document'
      ? 'Counts documents: n(A,B) is the documents holding both codes, n(A) the documents holding A; c, Jaccard and P(B|A) are ratios of documents'
      : `Counts passages: n(A,B) is the groups of ${how} coded A and B, n(A) the codings of A; c and P(B|A) are ratios of codings, Jaccard of characters`;
  const layer = scope.layerKind === 'pooled' ? `${scope.layer} — a disagreement between coders counts as a co-occurrence` : scope.layer;
  return `${unit}. Layer: ${layer}${scope.layerReason ? ` (default: ${scope.layerReason})` : ''}.`;
}


/** The quotes behind one cell of the matrix (each co-occurrence group; on the diagonal, each coding). */
export function cellEvidence(
  s: Session,
  input: Filters & { mode: string; rollUp: boolean; a: CodeId; b: CodeId; context: number },
): EvidenceResult {
  const mode = parseMode(input.mode);
  const { parentOf } = codeTree(s);
  for (const id of [input.a, input.b]) if (!parentOf.has(id)) throw new AccordError('NOT_FOUND', `no code with id ${id}`);
  const loaded = load(s, input, true);
  const groups = cooccurrenceEvidence(withRollUp(loaded.codings, input.rollUp, parentOf), coDocuments(s, loaded.docs, mode), input.a, input.b, mode);
  const segments = groups.map((g) => ({ documentId: g.documentId, start: g.start, end: g.end, codingIds: [...g.aCodingIds, ...g.bCodingIds] }));
  return { a: input.a, b: input.b, quotes: toQuotes(s, loaded, segments, input.context), scope: loaded.scope };
}

