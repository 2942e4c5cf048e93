// Negotiated consensus: for one code in one document, the regions where coders' ranges lie (agreed
// or not) side by side, and decisions that settle a region into the consensus layer — a coder of
// its own, so the original coders' work is never overwritten. Each decision (author, time, rule,
// rationale, ranges before and after) is stored and audited, and undoable with its codings.
import type { CoderRanges, ConsensusDecision, ConsensusRegion, ConsensusRegions, ConsensusRule } from '../../../shared/api/agreement';
import { AccordError } from '../../../shared/errors';
import { paletteColor } from '../../../shared/model/colors';
import type { CodeId, Coder, CoderId, DocumentId, Span } from '../../../shared/model/types';
import { intersect, overlaps, union } from '../../../shared/spans/spans';
import { nowIso, type ChangeSet } from '../db/changes';
import type { Session } from '../session';
import { codingFilter, codingVisibility, consensusCoder } from './blind';
import { getCode } from './codebook';
import { documentText, getDocumentSummary } from './documents';
import { toCoder, type CoderRow } from './rows';

export const CONSENSUS_NAME = 'Consensus';

/** The consensus layer's coder, created on first use (recorded, not undoable: it is not a decision). */
export function ensureConsensusCoder(s: Session): Coder {
  const found = consensusCoder(s);
  if (found) return found;
  const clash = s.db.prepare('SELECT 1 FROM coders WHERE name = ?').get(CONSENSUS_NAME);
  if (clash) throw new AccordError('CONFLICT', `a coder named "${CONSENSUS_NAME}" exists but is not the consensus layer; rename is not possible, so consensus cannot start`);
  const count = (s.db.prepare('SELECT count(*) AS n FROM coders').get() as { n: number }).n;
  s.change(
    'coder.create',
    'add the consensus layer',
    (c) => c.insert('coders', { name: CONSENSUS_NAME, color: paletteColor(count + 3), is_consensus: 1, created_at: nowIso() }),
    false,
  );
  return consensusCoder(s)!;
}

/** A consensus decision as stored (its before/after images as JSON). */
export interface DecisionRow {
  id: number;
  document_id: number;
  code_id: number;
  region_start: number;
  region_end: number;
  rule: ConsensusRule;
  accepted_coder_id: number | null;
  rationale: string;
  author: string;
  decided_at: string;
  before: string;
  after: string;
}

const DECISION_COLUMNS = 'id, document_id, code_id, region_start, region_end, rule, accepted_coder_id, rationale, author, decided_at, before, after';

function toDecision(r: DecisionRow): ConsensusDecision {
  return {
    id: r.id,
    documentId: r.document_id as DocumentId,
    codeId: r.code_id as CodeId,
    start: r.region_start,
    end: r.region_end,
    rule: r.rule,
    acceptedCoderId: r.accepted_coder_id as CoderId | null,
    rationale: r.rationale,
    author: r.author,
    decidedAt: r.decided_at,
    before: JSON.parse(r.before) as ConsensusDecision['before'],
    after: JSON.parse(r.after) as Span[],
  };
}

/** Recorded decisions, newest first. */
export function listDecisions(s: Session, filter: { documentId?: number; codeId?: number } = {}): ConsensusDecision[] {
  const where: string[] = [];
  const args: number[] = [];
  if (filter.documentId !== undefined) {
    where.push('document_id = ?');
    args.push(filter.documentId);
  }
  if (filter.codeId !== undefined) {
    where.push('code_id = ?');
    args.push(filter.codeId);
  }
  const sql = `SELECT ${DECISION_COLUMNS} FROM consensus_decisions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC`;
  const rows = s.db.prepare(sql).all(...args) as DecisionRow[];
  // A decision carries every coder's ranges: a blind caller sees those on revealed documents only.
  const visible = codingFilter(s);
  return (visible ? rows.filter((r) => visible(r.document_id, null)) : rows).map(toDecision);
}

/** The coders compared: those given, else every human coder with codings in the document. */
export function comparedCoders(s: Session, documentId: number, coderIds?: number[]): Coder[] {
  if (coderIds && coderIds.length > 0) {
    const get = s.db.prepare('SELECT id, name, color, is_consensus FROM coders WHERE id = ?');
    return [...new Set(coderIds)].map((id) => {
      const row = get.get(id) as CoderRow | undefined;
      if (!row) throw new AccordError('NOT_FOUND', `no coder with id ${id}`);
      const c = toCoder(row);
      if (c.isConsensus) throw new AccordError('INVALID_INPUT', 'compare the coders, not the consensus layer with itself');
      return c;
    });
  }
  return (
    s.db
      .prepare(
        `SELECT c.id, c.name, c.color, c.is_consensus FROM coders c
         WHERE c.is_consensus = 0 AND EXISTS (SELECT 1 FROM codings k WHERE k.coder_id = c.id AND k.document_id = ?)
         ORDER BY c.id`,
      )
      .all(documentId) as CoderRow[]
  ).map(toCoder);
}

function rangesOf(s: Session, documentId: number, codeId: number, coderId: number): Span[] {
  return s.db
    .prepare('SELECT start, "end" FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? ORDER BY start, "end"')
    .all(documentId, codeId, coderId) as Span[];
}

export function requireVisible(s: Session, documentId: number, docName: string): void {
  if (!codingVisibility(s, documentId).all) {
    throw new AccordError('FORBIDDEN', `blind mode: the coders' codings on "${docName}" are hidden until the lead reveals them`);
  }
}

function clip(spans: readonly Span[], region: Span): Span[] {
  const out: Span[] = [];
  for (const x of spans) {
    const start = Math.max(x.start, region.start);
    const end = Math.min(x.end, region.end);
    if (start < end) out.push({ start, end });
  }
  return out;
}

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  const x = union(a);
  const y = union(b);
  return x.length === y.length && x.every((s, i) => s.start === y[i].start && s.end === y[i].end);
}

/**
 * The regions of one code in one document: maximal stretches covered by any coder's ranges, each
 * with every coder's ranges in it (overlapping ranges merged, touching ones kept apart), whether
 * they agree character for character, the consensus ranges there and the latest decision on it.
 */
export function consensusRegions(s: Session, documentId: number, codeId: number, coderIds?: number[]): ConsensusRegions {
  const doc = getDocumentSummary(s, documentId);
  const code = getCode(s, codeId);
  requireVisible(s, documentId, doc.name);
  const coders = comparedCoders(s, documentId, coderIds);
  const consensus = consensusCoder(s);
  const out = regionsOf(
    coders,
    coders.map((c) => rangesOf(s, documentId, codeId, c.id)),
    consensus ? rangesOf(s, documentId, codeId, consensus.id) : [],
    latestDecisions(listDecisions(s, { documentId, codeId })),
  );
  const disagreements = out.filter((r) => !r.agreed);
  return {
    documentId: doc.id,
    code,
    coders: coders.map((c) => ({ id: c.id, name: c.name, color: c.color })),
    regions: out,
    disagreements: disagreements.length,
    settled: disagreements.filter((r) => r.decision !== null).length,
  };
}

/** The latest decision on each region (keyed `start:end`) of decisions listed newest first. */
export function latestDecisions(newestFirst: readonly ConsensusDecision[]): Map<string, ConsensusDecision> {
  const latest = new Map<string, ConsensusDecision>();
  for (const d of newestFirst) if (!latest.has(`${d.start}:${d.end}`)) latest.set(`${d.start}:${d.end}`, d);
  return latest;
}

/**
 * The regions of one code in one document from each compared coder's ranges and the consensus
 * layer's (each sorted by start and end), with the latest decision on each region: the one region
 * logic the explorer and the project's list of disagreements share.
 */
export function regionsOf(
  coders: readonly Coder[],
  ranges: readonly (readonly Span[])[],
  consensusRanges: readonly Span[],
  latest: ReadonlyMap<string, ConsensusDecision>,
): ConsensusRegion[] {
  const perCoder = ranges.map((r) => union(r, false));
  const regions = union(perCoder.flat(), true);
  const consensusSpans = union(consensusRanges, false);
  // Each coder's merged ranges and the consensus ranges are sorted: walk them alongside the regions.
  const cursor = coders.map(() => 0);
  let k = 0;
  return regions.map((region, index) => {
    const byCoder: CoderRanges[] = coders.map((c, i) => {
      const mine: Span[] = [];
      const list = perCoder[i];
      while (cursor[i] < list.length && list[cursor[i]].start < region.end) mine.push(list[cursor[i]++]);
      return { coderId: c.id, name: c.name, ranges: mine };
    });
    while (k < consensusSpans.length && consensusSpans[k].end <= region.start) k++;
    const here: Span[] = [];
    for (let j = k; j < consensusSpans.length && consensusSpans[j].start < region.end; j++) here.push(consensusSpans[j]);
    const agreed = byCoder.every((c) => sameSpans(c.ranges, byCoder[0].ranges));
    return { index, start: region.start, end: region.end, agreed, coders: byCoder, consensus: here, decision: latest.get(`${region.start}:${region.end}`) ?? null };
  });
}

export interface SettleInput {
  documentId: number;
  codeId: number;
  start: number;
  end: number;
  rule: ConsensusRule;
  coderId?: number;
  ranges?: Span[];
  rationale?: string;
  coderIds?: number[];
}

/** The consensus ranges a rule gives for the coders' ranges in a region. */
export function applyRule(rule: ConsensusRule, coders: readonly CoderRanges[], input: { coderId?: number; ranges?: Span[] }, docLength: number): Span[] {
  switch (rule) {
    case 'accept': {
      const chosen = coders.find((c) => c.coderId === input.coderId);
      if (!chosen) throw new AccordError('INVALID_INPUT', `"accept" needs one of the compared coders (${coders.map((c) => c.name).join(', ')})`);
      return union(chosen.ranges, false);
    }
    case 'union':
      return union(coders.flatMap((c) => c.ranges), false);
    case 'intersection':
      return coders.length === 0 ? [] : coders.slice(1).reduce<Span[]>((acc, c) => intersect(acc, c.ranges), union(coders[0].ranges));
    case 'edit': {
      if (!input.ranges || input.ranges.length === 0) throw new AccordError('INVALID_INPUT', '"edit" needs the hand-edited ranges (use "reject" for none)');
      for (const r of input.ranges) {
        if (!(r.end > r.start) || r.end > docLength) {
          throw new AccordError('INVALID_INPUT', `the edited range [${r.start}, ${r.end}) is empty or not inside the document (0–${docLength})`);
        }
      }
      return union(input.ranges, false);
    }
    case 'reject':
      return [];
  }
}

function writeDecision(s: Session, c: ChangeSet, ctx: { documentId: number; codeId: number; consensusId: number; text: string }, input: SettleInput, coders: CoderRanges[]): number {
  const region = { start: input.start, end: input.end };
  const after = applyRule(input.rule, coders, input, ctx.text.length);
  // The consensus codings this decision replaces: those of this code overlapping the region or the new ranges.
  const reach = union([region, ...after]);
  const existing = s.db
    .prepare('SELECT id, start, "end" FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ?')
    .all(ctx.documentId, ctx.codeId, ctx.consensusId) as (Span & { id: number })[];
  const replaced = existing.filter((e) => reach.some((r) => overlaps(r, e)));
  for (const e of replaced) {
    for (const m of s.db.prepare('SELECT id FROM memos WHERE coding_id = ?').all(e.id) as { id: number }[]) c.delete('memos', m.id);
    c.delete('codings', e.id);
  }
  const now = nowIso();
  for (const r of after) {
    c.insert('codings', {
      document_id: ctx.documentId,
      code_id: ctx.codeId,
      coder_id: ctx.consensusId,
      start: r.start,
      end: r.end,
      text: ctx.text.slice(r.start, r.end),
      created_at: now,
    });
  }
  return c.insert('consensus_decisions', {
    document_id: ctx.documentId,
    code_id: ctx.codeId,
    region_start: input.start,
    region_end: input.end,
    rule: input.rule,
    accepted_coder_id: input.rule === 'accept' ? (input.coderId ?? null) : null,
    rationale: input.rationale ?? '',
    author: s.actor,
    decided_at: now,
    before: JSON.stringify({ coders, consensus: union(replaced.map((e) => ({ start: e.start, end: e.end })), false) }),
    after: JSON.stringify(after),
  });
}

function getDecision(s: Session, id: number): ConsensusDecision {
  return toDecision(s.db.prepare(`SELECT ${DECISION_COLUMNS} FROM consensus_decisions WHERE id = ?`).get(id) as DecisionRow);
}

/** Settle one region (any [start, end) of the document; normally a region from consensusRegions). */
export function settleRegion(s: Session, input: SettleInput): ConsensusDecision {
  const doc = getDocumentSummary(s, input.documentId);
  const code = getCode(s, input.codeId);
  requireVisible(s, input.documentId, doc.name);
  const text = documentText(s, input.documentId);
  if (!(input.end > input.start) || input.end > text.length) {
    throw new AccordError('INVALID_INPUT', `the region [${input.start}, ${input.end}) is empty or not inside "${doc.name}" (0–${text.length})`);
  }
  const coders = comparedCoders(s, input.documentId, input.coderIds);
  if (coders.length === 0) throw new AccordError('INVALID_INPUT', `no coder has codings in "${doc.name}"`);
  const region = { start: input.start, end: input.end };
  const ranges: CoderRanges[] = coders.map((c) => ({
    coderId: c.id,
    name: c.name,
    ranges: clip(union(rangesOf(s, input.documentId, input.codeId, c.id), false), region),
  }));
  // Validate the rule before creating the consensus coder, so a bad request leaves no trace.
  applyRule(input.rule, ranges, input, text.length);
  const consensus = ensureConsensusCoder(s);
  const label = `settle ${code.label || code.name} in ${doc.name} [${input.start}, ${input.end}) by ${input.rule}`;
  const id = s.change('consensus.settle', label, (c) =>
    writeDecision(s, c, { documentId: input.documentId, codeId: input.codeId, consensusId: consensus.id, text }, input, ranges),
  );
  return getDecision(s, id);
}

/** Copy every agreed, undecided region into the consensus layer, in one undoable step. */
export function acceptAgreed(s: Session, documentId: number, codeId: number, coderIds?: number[]): ConsensusDecision[] {
  const view = consensusRegions(s, documentId, codeId, coderIds);
  const todo = view.regions.filter((r) => r.agreed && r.decision === null);
  if (todo.length === 0) return [];
  const doc = getDocumentSummary(s, documentId);
  const text = documentText(s, documentId);
  const consensus = ensureConsensusCoder(s);
  const ids = s.change('consensus.acceptAgreed', `accept ${todo.length} agreed region(s) of ${view.code.label || view.code.name} in ${doc.name}`, (c) =>
    todo.map((r) =>
      writeDecision(
        s,
        c,
        { documentId, codeId, consensusId: consensus.id, text },
        { documentId, codeId, start: r.start, end: r.end, rule: 'union', rationale: 'all coders agree' },
        r.coders,
      ),
    ),
  );
  return ids.map((id) => getDecision(s, id));
}
