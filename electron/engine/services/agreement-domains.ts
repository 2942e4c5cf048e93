// Semantic domains: cu-α per domain and Cu-α across domains (the measures ATLAS.ti reports beside each
// code's binary α), on characters, with the agreement report's coders, documents and scope. The pure
// measure is shared/stats/semantic-domain.ts; here the codings of the domains' codes are read once per
// document and swept once per domain, so cost grows with the number of codings, not characters.
import type { DomainAgreement, DomainOverlap, DomainOverlaps, DomainsReport, AgreementScope } from '../../../shared/api/agreement';
import { AccordError } from '../../../shared/errors';
import type { Code, CodeId, DocumentId } from '../../../shared/model/types';
import {
  addDomainCounts,
  cuAlphaFromCounts,
  domainCountsOf,
  emptyCoderRanges,
  emptyDomainCounts,
  type CategoryOverlap,
  type CoderRanges,
  type DomainCounts,
} from '../../../shared/stats/semantic-domain';
import type { Session } from '../session';
import { codePaths, countingMasks, popcount, scopeSentence, selectedCoders, selectedDocuments, withBits } from './agreement';
import { listCodes } from './codebook';
import { plural } from '../../../shared/text/wording';

export interface DomainSelection {
  coderIds?: number[];
  documentIds?: number[];
  scope?: AgreementScope;
  domains?: { name?: string; codeIds: number[] }[];
  parents?: 'none' | 'top-level' | 'all';
}

/** Overlap spans listed per domain (the count and characters cover all of them). */
const MAX_OVERLAP_SPANS = 20;

interface Domain {
  name: string;
  parentId: CodeId | null;
  /** The listed codes, in codebook order: the categories. */
  listed: Code[];
  /** Every code whose codings count in the domain → its category (nearest listed code up the tree). */
  categoryOf: Map<number, number>;
  /** The categories as the measure numbers them (code ids as text), in `listed` order. */
  categories: string[];
  counts: DomainCounts;
  overlaps: DomainOverlaps;
}

function codeName(c: Code): string {
  return [c.label, c.name].filter(Boolean).join(' ');
}

/** The domains asked for: explicit ones first, then the parents' (without repeating a code set). */
function resolveDomains(all: readonly Code[], sel: DomainSelection): Domain[] {
  const byId = new Map(all.map((c) => [c.id as number, c]));
  const children = new Map<number, Code[]>();
  for (const c of all) {
    if (c.parentId === null) continue;
    let list = children.get(c.parentId);
    if (!list) children.set(c.parentId, (list = []));
    list.push(c);
  }
  const specs: { name?: string; codeIds: number[] }[] = [...(sel.domains ?? [])];
  const parents = sel.parents ?? 'none';
  if (parents !== 'none') {
    for (const c of all) if (children.has(c.id) && (parents === 'all' || c.parentId === null)) specs.push({ codeIds: [c.id] });
  }
  const out: Domain[] = [];
  const seen = new Set<string>();
  const names = new Set<string>();
  const order = new Map(all.map((c, i) => [c.id as number, i]));
  for (const spec of specs) {
    const ids = [...new Set(spec.codeIds)];
    for (const id of ids) if (!byId.has(id)) throw new AccordError('NOT_FOUND', `no code with id ${id}`);
    const parent = ids.length === 1 ? byId.get(ids[0])! : null;
    const listedIds = parent ? [parent.id as number, ...(children.get(parent.id) ?? []).map((c) => c.id as number)] : ids;
    const key = [...listedIds].sort((a, b) => a - b).join(',');
    if (seen.has(key) && spec.name === undefined) continue;
    seen.add(key);
    const listed = listedIds.map((id) => byId.get(id)!).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const name = spec.name ?? (parent ? codeName(parent) : listed.map((c) => c.label || c.name).join(', '));
    if (names.has(name)) throw new AccordError('INVALID_INPUT', `two domains are named "${name}": give each a different name`);
    names.add(name);
    const listedSet = new Set(listedIds);
    const categoryOf = new Map<number, number>();
    for (const c of all) {
      let cur: number | null = c.id;
      let steps = 0;
      while (cur !== null && steps++ <= byId.size) {
        if (listedSet.has(cur)) {
          categoryOf.set(c.id, cur);
          break;
        }
        cur = byId.get(cur)?.parentId ?? null;
      }
    }
    out.push({
      name,
      parentId: parent && (children.get(parent.id)?.length ?? 0) > 0 ? parent.id : null,
      listed,
      categoryOf,
      categories: listed.map((c) => String(c.id)),
      counts: emptyDomainCounts(),
      overlaps: { count: 0, characters: 0, spans: [] },
    });
  }
  return out;
}

function noteOverlaps(
  target: DomainOverlaps,
  found: readonly CategoryOverlap[],
  document: string,
  coderNames: readonly string[],
  label: (category: string) => string,
): void {
  for (const o of found) {
    target.count++;
    target.characters += o.end - o.start;
    if (target.spans.length < MAX_OVERLAP_SPANS) {
      const span: DomainOverlap = { document, coder: coderNames[o.coder], start: o.start, end: o.end, codes: o.categories.map(label) };
      target.spans.push(span);
    }
  }
}

/**
 * cu-α per requested domain and Cu-α across them. Coders default to every non-consensus coder with
 * codings, documents to all; scope as in agreementReport (design: a coder counts on the documents
 * assigned to them, or without assignments on those they coded; elsewhere missing). Documents where
 * fewer than two selected coders count are left out.
 */
export function domainsReport(s: Session, sel: DomainSelection = {}): DomainsReport {
  const scope = sel.scope ?? 'design';
  const allCodes = listCodes(s);
  const domains = resolveDomains(allCodes, sel);
  if (domains.length === 0) throw new AccordError('INVALID_INPUT', 'no semantic domain was given: name a code with subcodes or a list of codes');
  const docs = selectedDocuments(s, sel.documentIds, 'character');
  const docIds = sel.documentIds && sel.documentIds.length > 0 ? docs.map((d) => d.id as number) : null;
  const coders = selectedCoders(s, sel.coderIds, docIds);
  if (coders.length < 2) {
    throw new AccordError(
      'INVALID_INPUT',
      `agreement needs at least two coders; ${coders.length === 0 ? 'no coder has' : `only ${coders[0].name} has`} codings${docIds ? ' in the selected documents' : ''}`,
    );
  }
  const m = coders.length;
  const names = coders.map((c) => c.name);
  const coderIndex = new Map(coders.map((c, i) => [c.id as number, i]));
  const { masks, always } = countingMasks(s, scope, coders, docs);

  // Cu-α across the outer domains: a domain inside another (a sub-code's domain inside its parent's)
  // is left out of it; two outer domains sharing a code give a coding no single domain.
  const inside = (x: Domain, y: Domain) => x.categoryOf.size < y.categoryOf.size && [...x.categoryOf.keys()].every((k) => y.categoryOf.has(k));
  const outer = domains.map((d, i) => i).filter((i) => !domains.some((y) => inside(domains[i], y)));
  const domainOf = new Map<number, number>();
  const shared: string[] = [];
  for (const i of outer) {
    for (const code of domains[i].categoryOf.keys()) {
      const before = domainOf.get(code);
      if (before !== undefined) shared.push(`${codeName(allCodes.find((c) => c.id === code)!)} (${domains[before].name}; ${domains[i].name})`);
      else domainOf.set(code, i);
    }
  }
  // Each code's place in every domain, so a coding visits only the domains it belongs to.
  const placesOf = new Map<number, { domain: number; cat: number }[]>();
  domains.forEach((d, i) => {
    const index = new Map(d.listed.map((c, x) => [c.id as number, x]));
    for (const [code, category] of d.categoryOf) {
      let list = placesOf.get(code);
      if (!list) placesOf.set(code, (list = []));
      list.push({ domain: i, cat: index.get(category)! });
    }
  });
  // Cu-α's categories: the outer domains.
  const globalCategories = domains.map((d) => d.name);
  const globalCounts = emptyDomainCounts();
  const globalOverlaps: DomainOverlaps = { count: 0, characters: 0, spans: [] };
  const byId = new Map(allCodes.map((c) => [c.id as number, c]));
  const label = (category: string) => codeName(byId.get(Number(category))!);

  // Only the domains' codes are read (all codes without a filter when the domains cover the codebook).
  const codeIds = placesOf.size < allCodes.length ? [...placesOf.keys()] : [];
  const read = s.db
    .prepare(`SELECT code_id, coder_id, start, "end" FROM codings WHERE document_id = ?${codeIds.length > 0 ? ` AND code_id IN (${codeIds.map(() => '?').join(',')})` : ''}`)
    .raw();
  const codersIn = s.db.prepare('SELECT DISTINCT coder_id FROM codings WHERE document_id = ?').pluck();
  const used: { id: DocumentId; name: string }[] = [];
  const leftOut: string[] = [];
  let characters = 0;
  for (const doc of docs) {
    let counting = masks.get(doc.id);
    if (counting === null || counting === undefined) {
      let coded = 0;
      for (const id of codersIn.all(doc.id) as number[]) {
        const ci = coderIndex.get(id);
        if (ci !== undefined) coded += 2 ** ci;
      }
      counting = withBits(coded, always, m);
    }
    if (popcount(counting, m) < 2) {
      leftOut.push(doc.name);
      continue;
    }
    used.push({ id: doc.id, name: doc.name });
    characters += doc.length;
    const flags = coders.map((_, c) => Math.floor(counting / 2 ** c) % 2 === 1);
    // Per domain touched here: each coder's ranges with their categories.
    const perDomain = new Map<number, CoderRanges[]>();
    const global: CoderRanges[] = Array.from({ length: m }, emptyCoderRanges);
    let anyGlobal = false;
    for (const [code, coder, start, end] of read.all(doc.id, ...codeIds) as number[][]) {
      const ci = coderIndex.get(coder);
      if (ci === undefined || !flags[ci]) continue;
      if (end > doc.length) throw new AccordError('INVALID_INPUT', `document "${doc.name}": a coding of code ${code} ends past the text's ${doc.length} characters`);
      for (const { domain, cat } of placesOf.get(code) ?? []) {
        let lists = perDomain.get(domain);
        if (!lists) perDomain.set(domain, (lists = Array.from({ length: m }, emptyCoderRanges)));
        const r = lists[ci];
        r.start.push(start);
        r.end.push(end);
        r.cat.push(cat);
      }
      const di = domainOf.get(code);
      if (di !== undefined) {
        const r = global[ci];
        r.start.push(start);
        r.end.push(end);
        r.cat.push(di);
        anyGlobal = true;
      }
    }
    for (const [i, lists] of perDomain) {
      const d = domains[i];
      const counts = domainCountsOf(doc.length, d.categories, lists, flags, d.parentId === null ? -1 : d.listed.findIndex((c) => c.id === d.parentId));
      noteOverlaps(d.overlaps, counts.overlaps, doc.name, names, label);
      counts.overlaps = [];
      addDomainCounts(d.counts, counts);
    }
    if (shared.length === 0 && anyGlobal) {
      const counts = domainCountsOf(doc.length, globalCategories, global, flags);
      noteOverlaps(globalOverlaps, counts.overlaps, doc.name, names, (x) => x);
      counts.overlaps = [];
      addDomainCounts(globalCounts, counts);
    }
  }

  const paths = codePaths(allCodes);
  const rows: DomainAgreement[] = domains.map((d) => {
    const measure = cuAlphaFromCounts(d.counts);
    if (measure.value === null && d.listed.length === 1) measure.reason = 'the domain has one code: cu-α compares two or more';
    return {
      name: d.name,
      parentId: d.parentId,
      codes: d.listed.map((c) => ({ codeId: c.id, label: c.label, name: c.name, path: paths.get(c.id) ?? c.name })),
      cuAlpha: measure,
      units: d.counts.units,
      overlaps: d.overlaps,
    };
  });
  let globalCuAlpha = cuAlphaFromCounts(globalCounts);
  if (shared.length > 0) {
    globalCuAlpha = { value: null, reason: `the domains share codes, so a coding has no single domain: ${shared.slice(0, 5).join(', ')}`, n: 0 };
  } else if (outer.length < 2) {
    globalCuAlpha = {
      value: null,
      reason: domains.length < 2 ? 'Cu-α compares two or more domains; one was given' : 'Cu-α compares two or more domains; the others lie inside one',
      n: globalCounts.units,
    };
  }

  const notes: string[] = [];
  if (leftOut.length > 0) {
    notes.push(
      `${plural(leftOut.length, 'document')} where fewer than two of the selected coders count left out` +
        (scope === 'design' ? ' (scope: design; --scope all counts every coder everywhere)' : '') +
        `: ${leftOut.slice(0, 20).join(', ')}${leftOut.length > 20 ? ', …' : ''}`,
    );
  }
  for (const d of rows) {
    if (d.overlaps.count > 0) {
      notes.push(
        `${d.name}: ${plural(d.overlaps.count, 'place')} (${plural(d.overlaps.characters, 'character')}) where one coder applied two or more of its codes; ` +
          'ATLAS.ti requires the codes of a domain to be mutually exclusive: that text counts as uncoded for that coder',
      );
    }
  }
  const cuUnits = rows.reduce((n, d) => n + d.units, 0);
  const domainSentence =
    `Within each semantic domain (${rows.map((d) => d.name).join('; ')}), agreement on which of its codes applies was computed as ` +
    `Krippendorff's cu-α on the text that two or more coders counting there coded with the domain's codes (${plural(cuUnits, 'character')} in all), ` +
    `gaps left out` +
    (outer.length >= 2
      ? `; across ${outer.length < domains.length ? `the outermost domains (${outer.map((i) => domains[i].name).join('; ')})` : 'the domains'}, Cu-α treats each domain as one category (${plural(globalCounts.units, 'character')})`
      : '') +
    ` (Krippendorff 2019, §12.6).`;
  return {
    unit: 'character',
    scope,
    sentence: scopeSentence(scope, 'character', names, used.length, characters),
    domainSentence,
    coders: coders.map((c) => ({ id: c.id, name: c.name })),
    documents: used,
    domains: rows,
    globalCuAlpha,
    globalUnits: globalCounts.units,
    globalOverlaps,
    notes,
  };
}
