// Plain-text lines for the exchange reports shown in the UI (import and merge), kept apart from the
// React view so they can be tested without a DOM.
import type { MergeCounts, MergeReport, RefiImportReport } from '../../../shared/api/exchange';
import { plural } from '../../../shared/text/wording';

// In the words of the people reading them: coders rather than "users", documents rather than "text
// sources", memos rather than "notes", and where coded passages start and end rather than "offsets".

function unitLabel(r: RefiImportReport): string {
  const unit = r.offsetUnit === 'utf16' ? 'counted as NVivo and other Windows tools count them (UTF-16 units)' : 'counted in characters, as the REFI-QDA standard says (code points)';
  return `${unit}, a Windows line break counting as ${plural(r.crlfCountsAs, 'character')}`;
}

/** The headline counts of an import, e.g. `2 coders, 152 codes, 2 documents, 303 codings, …`. */
export function importCounts(r: RefiImportReport): string {
  if (r.kind === 'codebook') return `${plural(r.codes, 'code')} (${r.created.codes} new)`;
  const groups = r.groups.sets ? `, ${plural(r.groups.sets, 'document set')} (now document groups)` : '';
  return `${plural(r.users, 'coder')}, ${plural(r.codes, 'code')}, ${plural(r.sources, 'document')}, ${plural(r.codings, 'coding')}, ${plural(r.notes, 'memo')}, ${plural(r.cases, 'case')}${groups}`;
}

/** Where coded passages start and end was read how, and why; null for a codebook (it has no passages). */
export function offsetLine(r: RefiImportReport): string | null {
  return r.kind === 'codebook' ? null : `Passage positions ${unitLabel(r)}, because ${r.offsetReason}`;
}

const COUNT_NOUNS: Record<string, [string, string]> = {
  attributeValues: ['attribute value', 'attribute values'],
  coders: ['coder', 'coders'],
  codes: ['code', 'codes'],
  documents: ['document', 'documents'],
  participants: ['participant', 'participants'],
  attributes: ['attribute', 'attributes'],
  codings: ['coding', 'codings'],
  memos: ['memo', 'memos'],
};

/** `1 code, 3 codings` from a count object, leaving out zeros; `nothing` when all are zero. */
export function countsLine(c: MergeCounts | Record<string, number>): string {
  const parts = Object.entries(c)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => {
      const [one, many] = COUNT_NOUNS[k] ?? [k, k];
      return plural(v, one, many);
    });
  return parts.length ? parts.join(', ') : 'nothing';
}

/** One line per source of a merge: what was added and what was already there. */
export function mergeLines(r: MergeReport): string[] {
  return r.sources.map((s) => {
    const { codesByGuid, codesByPath, ...matched } = s.matched;
    const name = s.path.split(/[\\/]/).pop() ?? s.path;
    const codes = matched.codes ? ` (codes recognised: ${codesByGuid} by their identifier, ${codesByPath} by their place in the code tree)` : '';
    const g = s.groups.added || s.groups.addedMembers.length ? `; groups: ${s.groups.added} new, ${s.groups.addedMembers.length} documents added` : '';
    return `${name}: added ${countsLine(s.added)}; already there ${countsLine(matched)}${codes}${g}`;
  });
}
