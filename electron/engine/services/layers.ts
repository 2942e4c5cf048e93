// Which coding layer a report reads by default. The consensus layer is the team's agreed reading, but
// only where it exists: a consensus on one transcript says nothing about the others. So it is the
// default only where it covers every coded document of the selection; otherwise a report reads one
// coder (never several pooled, which would make a disagreement look like an association).
import type { Session } from '../session';

export interface LayerCoder {
  id: number;
  name: string;
  isConsensus: boolean;
}

/** How far the consensus layer reaches into the documents that coders coded. */
export interface Coverage {
  consensus: LayerCoder | null;
  /** Documents with codings by at least one coder other than the consensus layer. */
  coded: number;
  /** Of those, the documents where the consensus layer has codings or consensus decisions. */
  covered: number;
  /** Names of the covered documents' ids, for the sentence (ids in the caller's order). */
  coveredIds: number[];
}

export interface DefaultLayer {
  /** The coder read (the consensus coder, or one coder); null when no coder has codings here. */
  coderId: number | null;
  kind: 'consensus' | 'coder' | 'none';
  /** Why this layer, in words, e.g. "the consensus layer covers only 1 of 3 coded documents". */
  reason: string;
  coverage: Coverage;
}

export function listLayerCoders(s: Session): LayerCoder[] {
  return (s.db.prepare('SELECT id, name, is_consensus FROM coders ORDER BY id').all() as { id: number; name: string; is_consensus: number }[]).map((c) => ({
    id: c.id,
    name: c.name,
    isConsensus: c.is_consensus === 1,
  }));
}

/** Documents that hold consensus decisions (settled regions), whether or not a coding was kept. */
export function decidedDocuments(s: Session): Set<number> {
  const exists = s.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'consensus_decisions'").get() !== undefined;
  if (!exists) return new Set();
  return new Set((s.db.prepare('SELECT DISTINCT document_id AS d FROM consensus_decisions').all() as { d: number }[]).map((r) => r.d));
}

/** Codings per coder in each document: document id → coder id → count. */
export type CodingsPerDocument = Map<number, Map<number, number>>;

/** {@link CodingsPerDocument} from SQL, for the documents in `only` (all when null). */
export function codingsPerDocument(s: Session, only: Set<number> | null = null): CodingsPerDocument {
  const out: CodingsPerDocument = new Map();
  // The counts kept beside the codings (migration 14), not a count of every coding.
  const rows = s.db.prepare('SELECT document_id AS d, coder_id AS c, n FROM coding_counts').all() as { d: number; c: number; n: number }[];
  for (const r of rows) {
    if (only && !only.has(r.d)) continue;
    let m = out.get(r.d);
    if (!m) out.set(r.d, (m = new Map()));
    m.set(r.c, r.n);
  }
  return out;
}

export function coverageOf(coders: LayerCoder[], perDoc: CodingsPerDocument, decided: Set<number>): Coverage {
  const consensus = coders.find((c) => c.isConsensus) ?? null;
  const own = new Set(coders.filter((c) => !c.isConsensus).map((c) => c.id));
  let coded = 0;
  const coveredIds: number[] = [];
  for (const [doc, byCoder] of perDoc) {
    if (![...byCoder.keys()].some((c) => own.has(c))) continue;
    coded++;
    if (consensus && ((byCoder.get(consensus.id) ?? 0) > 0 || decided.has(doc))) coveredIds.push(doc);
  }
  return { consensus, coded, covered: coveredIds.length, coveredIds };
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The consensus layer's reach in words, e.g. "the consensus layer covers 1 of 3 coded documents". */
export function coverageSentence(c: Coverage): string {
  if (!c.consensus) return 'there is no consensus layer yet';
  if (c.coded === 0) return 'no coder has coded these documents';
  if (c.covered === 0) return `the consensus layer covers none of the ${plural(c.coded, 'coded document')}`;
  if (c.covered === c.coded) return `the consensus layer covers all ${plural(c.coded, 'coded document')}`;
  return `the consensus layer covers only ${c.covered} of ${plural(c.coded, 'coded document')}`;
}

/**
 * The default single layer over the documents in `perDoc`: the consensus layer where it covers every
 * coded document; else the current coder when they have codings there; else the coder with most
 * codings there (ties: the first coder).
 */
export function chooseDefaultLayer(coders: LayerCoder[], perDoc: CodingsPerDocument, decided: Set<number>, currentCoderId: number | null): DefaultLayer {
  const coverage = coverageOf(coders, perDoc, decided);
  const { consensus } = coverage;
  const consensusCodings = consensus ? [...perDoc.values()].reduce((n, m) => n + (m.get(consensus.id) ?? 0), 0) : 0;
  if (consensus && ((coverage.coded > 0 && coverage.covered === coverage.coded) || (coverage.coded === 0 && consensusCodings > 0))) {
    return { coderId: consensus.id, kind: 'consensus', reason: coverageSentence(coverage), coverage };
  }
  const totals = new Map<number, number>();
  for (const m of perDoc.values()) for (const [c, n] of m) totals.set(c, (totals.get(c) ?? 0) + n);
  const own = coders.filter((c) => !c.isConsensus);
  const current = own.find((c) => c.id === currentCoderId);
  if (current && (totals.get(current.id) ?? 0) > 0) {
    return { coderId: current.id, kind: 'coder', reason: `${coverageSentence(coverage)}, so the current coder's codings are read`, coverage };
  }
  let best: LayerCoder | null = null;
  for (const c of own) if ((totals.get(c.id) ?? 0) > (best ? (totals.get(best.id) ?? 0) : 0)) best = c;
  if (best) {
    const who = current ? `the current coder (${current.name}) has no codings here, so` : 'no coder is chosen, so';
    return { coderId: best.id, kind: 'coder', reason: `${coverageSentence(coverage)} and ${who} the coder with most codings here is read`, coverage };
  }
  return { coderId: current?.id ?? null, kind: current ? 'coder' : 'none', reason: 'no coder has codings in these documents', coverage };
}
