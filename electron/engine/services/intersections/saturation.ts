// The saturation curve (new codes per coded transcript in interview order) and its assessment after
// Guest, Namey & Chen (2020); the method itself is shared/stats/saturation.ts.
import { AccordError } from '../../../../shared/errors';
import type { Filters, SaturationAssessment, SaturationCurve, SaturationPoint } from '../../../../shared/api/intersections';
import type { CodeId, DocumentId } from '../../../../shared/model/types';
import { assessSaturation, GUEST_DEFAULTS, interviewsText, percentText, thresholdText } from '../../../../shared/stats/saturation';
import type { Session } from '../../session';
import { listCodes } from '../codebook';
import { load, natural, type ScopeDoc } from './scope';

/**
 * The saturation curve over the filtered transcripts coded in the layer (new codes per transcript,
 * cumulative distinct codes) and Guest, Namey & Chen's assessment of it.
 */
export function saturationCurve(
  s: Session,
  input: Filters & { orderBy?: string; importOrder?: boolean; base?: number; run?: number; threshold?: number; newCodesFrom?: string },
): SaturationCurve {
  const loaded = load(s, input);
  const transcripts = loaded.docs.filter((d) => d.kind === 'transcript');
  let dateOf = new Map<number, string>();
  let orderBy: string | null = null;
  let chosenByDefault = false;
  let attr: { id: number; name: string } | undefined;
  if (input.orderBy) {
    attr = s.db.prepare('SELECT id, name FROM attributes WHERE name = ?').get(input.orderBy) as { id: number; name: string } | undefined;
    if (!attr) throw new AccordError('INVALID_INPUT', `no participant attribute called "${input.orderBy}" to order the transcripts by`);
  } else if (!input.importOrder) {
    // Interview order by default: the date attribute named for interviews, or the only date attribute.
    const dates = s.db.prepare("SELECT id, name FROM attributes WHERE type = 'date' ORDER BY ord, id").all() as { id: number; name: string }[];
    attr = dates.find((a) => /interview/i.test(a.name)) ?? (dates.length === 1 ? dates[0] : undefined);
    chosenByDefault = attr !== undefined;
  }
  if (attr) {
    orderBy = attr.name;
    dateOf = new Map(
      (s.db.prepare('SELECT participant_id AS p, value FROM participant_attributes WHERE attribute_id = ?').all(attr.id) as { p: number; value: string }[])
        .filter((r) => r.value.trim() !== '')
        .map((r) => [r.p, r.value.trim()]),
    );
  }
  const date = (d: ScopeDoc): string | null => (d.participantId !== null ? (dateOf.get(d.participantId) ?? null) : null);
  if (orderBy) {
    // ISO dates sort as text; transcripts without a value keep import order after the dated ones.
    transcripts.sort((x, y) => {
      const a = date(x);
      const b = date(y);
      if (a !== b) return a === null ? 1 : b === null ? -1 : natural(a, b);
      return x.ord - y.ord || x.id - y.id;
    });
  }
  const codesIn = new Map<number, Set<number>>();
  const codingsIn = new Map<number, number>();
  for (const c of loaded.codings) {
    let set = codesIn.get(c.documentId);
    if (!set) codesIn.set(c.documentId, (set = new Set()));
    set.add(c.codeId);
    codingsIn.set(c.documentId, (codingsIn.get(c.documentId) ?? 0) + 1);
  }
  // Only transcripts coded in this layer are interviews of the curve: an uncoded transcript adds no
  // codes because nobody read it, not because it held nothing new.
  const coded = transcripts.filter((d) => (codingsIn.get(d.id) ?? 0) > 0);
  const uncoded = transcripts.filter((d) => (codingsIn.get(d.id) ?? 0) === 0);
  const codes = listCodes(s);
  const codeById = new Map(codes.map((c) => [c.id as number, c]));
  const order = new Map([...codeById.keys()].map((id, i) => [id, i]));
  const from = input.newCodesFrom ?? null;
  const createdAt = new Map((s.db.prepare('SELECT id, created_at FROM codes').all() as { id: number; created_at: string }[]).map((r) => [r.id, r.created_at]));
  const countsAsNew = (id: number): boolean => from === null || (createdAt.get(id) ?? '') >= from;
  const seen = new Set<number>();
  const points: SaturationPoint[] = coded.map((d, i) => {
    const fresh = [...(codesIn.get(d.id) ?? [])].filter((id) => !seen.has(id)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    for (const id of fresh) seen.add(id);
    return {
      interview: i + 1,
      documentId: d.id as DocumentId,
      document: d.name,
      participant: d.participant,
      date: orderBy ? date(d) : null,
      codings: codingsIn.get(d.id) ?? 0,
      newCodes: fresh.map((id) => ({ id: id as CodeId, label: codeById.get(id)?.label ?? '', name: codeById.get(id)?.name ?? `code ${id}` })),
      newInformation: fresh.filter(countsAsNew).length,
      cumulative: seen.size,
    };
  });
  const options = { base: input.base ?? GUEST_DEFAULTS.base, run: input.run ?? GUEST_DEFAULTS.run, threshold: input.threshold ?? GUEST_DEFAULTS.threshold };
  const a = assessSaturation(
    coded.map((d) => [...(codesIn.get(d.id) ?? [])]),
    options,
    countsAsNew,
  );
  const names = coded.map((d) => d.name);
  const assessment: SaturationAssessment = {
    method: SATURATION_METHOD,
    ...options,
    newCodesFrom: from,
    baseCodes: a.baseCodes,
    runs: a.runs.map((r) => ({ from: r.from, to: r.to, documents: names.slice(r.from - 1, r.to), newCodes: r.newCodes, newInformation: r.newInformation })),
    reached: a.reached,
    reachedAt: a.reachedAt,
    reachedAtDocument: a.reachedAt !== null ? names[a.reachedAt - 1] : null,
    confirmedBy: a.confirmedBy ? { from: a.confirmedBy.from, to: a.confirmedBy.to } : null,
    reason: a.reason,
  };
  const undated = orderBy ? coded.filter((d) => date(d) === null).length : 0;
  const orderText = orderBy
    ? `ordered by ${orderBy}${chosenByDefault ? ' (the project\'s interview date)' : ''}${undated ? ` (${undated} without a value last, in import order)` : ''}`
    : input.importOrder
      ? 'in import order'
      : 'in import order (the project has no interview date attribute)';
  return {
    orderBy,
    order: orderText,
    points,
    uncoded: uncoded.map((d) => ({ documentId: d.id as DocumentId, document: d.name, participant: d.participant })),
    totalCodes: seen.size,
    assessment,
    summary: saturationSummary({ points, uncoded: uncoded.length, assessment, order: orderText, layer: loaded.scope.layer }),
    scope: loaded.scope,
  };
}

export const SATURATION_METHOD = 'Guest, Namey & Chen (2020), PLoS ONE 15(5): e0232076';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The result in sentences, for the view, the methods text and COREQ item 22: the method and its
 * parameters, whether saturation was reached and where (or why not), and what was counted.
 */
export function saturationSummary(c: { points: SaturationPoint[]; uncoded: number; assessment: SaturationAssessment; order: string; layer: string }): string {
  const a = c.assessment;
  const method = `Saturation (Guest, Namey & Chen 2020; base ${a.base}, run ${a.run}, new-information threshold ${thresholdText(a.threshold)}${a.newCodesFrom ? `; only codes created from ${a.newCodesFrom} count as new` : ''})`;
  const counted = `Counted over ${plural(c.points.length, 'transcript')} coded in ${c.layer}, ${c.order}` + (c.uncoded > 0 ? `; ${plural(c.uncoded, 'transcript')} not coded in this layer ${c.uncoded === 1 ? 'is' : 'are'} left out.` : '.');
  if (c.points.length === 0) return `No transcript is coded in ${c.layer} yet, so saturation cannot be assessed.` + (c.uncoded > 0 ? ` ${plural(c.uncoded, 'transcript')} ${c.uncoded === 1 ? 'is' : 'are'} not coded.` : '');
  let result: string;
  if (a.reached && a.reachedAt !== null && a.confirmedBy) {
    const run = a.runs.find((r) => r.from === a.confirmedBy!.from)!;
    result =
      `${method} was reached at interview ${a.reachedAt} (${a.reachedAtDocument}): ${interviewsText(run.from, run.to)} added ` +
      `${plural(run.newCodes, 'new code')}, ${percentText(run.newInformation ?? 0)} of the ${plural(a.baseCodes ?? 0, 'code')} in the base.`;
  } else if (a.runs.length === 0) {
    result = `${method} cannot be assessed yet: ${a.reason}.`;
  } else {
    result = `${method} was not reached: ${a.reason}.`;
  }
  return `${result} ${counted}`;
}

/**
 * The saturation result for COREQ item 22 in the default layer, or null when no transcript is coded
 * (then the item has nothing to show).
 */
export function saturationForCoreq(s: Session): string | null {
  if (!saturationAvailable(s)) return null;
  const curve = saturationCurve(s, { layer: 'auto' } as Filters);
  return curve.points.length > 0 ? curve.summary : null;
}

/** Whether a saturation curve can be drawn: the project has transcripts with codings (for COREQ item 22). */
export function saturationAvailable(s: Session): boolean {
  return (
    s.db.prepare("SELECT 1 FROM codings c JOIN documents d ON d.id = c.document_id WHERE d.kind = 'transcript' LIMIT 1").get() !== undefined
  );
}
