// The saturation curve: new codes per transcript in interview order, and the sentence that sums it up.
import { AccordError } from '../../../../shared/api/errors';
import type { Filters, SaturationCurve, SaturationPoint } from '../../../../shared/api/intersections';
import type { CodeId, DocumentId } from '../../../../shared/model/types';
import type { Session } from '../../session';
import { listCodes } from '../codebook';
import { load, natural, type ScopeDoc } from './scope';

/** The saturation curve over the filtered transcripts: new codes per transcript, cumulative distinct codes. */
export function saturationCurve(s: Session, input: Filters & { orderBy?: string }): SaturationCurve {
  const loaded = load(s, input);
  const transcripts = loaded.docs.filter((d) => d.kind === 'transcript');
  let dateOf = new Map<number, string>();
  let orderBy: string | null = null;
  if (input.orderBy) {
    const attr = s.db.prepare('SELECT id, name FROM attributes WHERE name = ?').get(input.orderBy) as { id: number; name: string } | undefined;
    if (!attr) throw new AccordError('INVALID_INPUT', `no participant attribute called "${input.orderBy}" to order the transcripts by`);
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
  const codeById = new Map(listCodes(s).map((c) => [c.id as number, c]));
  const order = new Map([...codeById.keys()].map((id, i) => [id, i]));
  const seen = new Set<number>();
  const points: SaturationPoint[] = transcripts.map((d) => {
    const fresh = [...(codesIn.get(d.id) ?? [])].filter((id) => !seen.has(id)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    for (const id of fresh) seen.add(id);
    return {
      documentId: d.id as DocumentId,
      document: d.name,
      participant: d.participant,
      date: orderBy ? date(d) : null,
      codings: codingsIn.get(d.id) ?? 0,
      newCodes: fresh.map((id) => ({ id: id as CodeId, label: codeById.get(id)?.label ?? '', name: codeById.get(id)?.name ?? `code ${id}` })),
      cumulative: seen.size,
    };
  });
  return { orderBy, points, totalCodes: seen.size, summary: saturationSummary(points, orderBy), scope: loaded.scope };
}

/** One sentence describing the curve, for the COREQ answer and the methods text. */
export function saturationSummary(points: SaturationPoint[], orderBy: string | null): string {
  const coded = points.filter((p) => p.codings > 0);
  if (coded.length === 0) return 'No coded transcripts yet, so there is no saturation curve.';
  let last = -1;
  points.forEach((p, i) => {
    if (p.newCodes.length > 0) last = i;
  });
  const total = points[points.length - 1].cumulative;
  const after = points.length - 1 - last;
  const order = orderBy ? `ordered by ${orderBy}` : 'in interview (import) order';
  return (
    `Saturation curve over ${points.length} transcript${points.length === 1 ? '' : 's'} ${order}: ${total} distinct code${total === 1 ? '' : 's'}; ` +
    `the last new code appeared in transcript ${last + 1} (${points[last].document})` +
    (after > 0 ? `, and the last ${after} transcript${after === 1 ? '' : 's'} added no new codes.` : '.')
  );
}

/** Whether a saturation curve can be drawn: the project has transcripts with codings (for COREQ item 22). */
export function saturationAvailable(s: Session): boolean {
  return (
    s.db.prepare("SELECT 1 FROM codings c JOIN documents d ON d.id = c.document_id WHERE d.kind = 'transcript' LIMIT 1").get() !== undefined
  );
}

