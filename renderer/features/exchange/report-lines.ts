// Plain-text lines for the exchange reports shown in the UI (import and merge), kept apart from the
// React view so they can be tested without a DOM.
import type { MergeCounts, MergeReport, RefiImportReport } from '../../../shared/api/exchange';

function unitLabel(r: RefiImportReport): string {
  const unit = r.offsetUnit === 'utf16' ? 'UTF-16 code units' : 'code points';
  return `${unit}, a CRLF line break counted as ${r.crlfCountsAs}`;
}

/** The headline counts of an import, e.g. `2 users, 152 codes, 2 text sources, 303 codings, …`. */
export function importCounts(r: RefiImportReport): string {
  if (r.kind === 'codebook') return `${r.codes} codes (${r.created.codes} new)`;
  const groups = r.groups.sets ? `, ${r.groups.sets} document sets → groups` : '';
  return `${r.users} users, ${r.codes} codes, ${r.sources} text sources, ${r.codings} codings, ${r.notes} notes, ${r.cases} cases${groups}`;
}

/** How the offsets were read, and why; null for a codebook (it has no text selections). */
export function offsetLine(r: RefiImportReport): string | null {
  return r.kind === 'codebook' ? null : `Offsets read as ${unitLabel(r)}: ${r.offsetReason}`;
}

/** `3 codings, 1 codes` from a count object, leaving out zeros; `nothing` when all are zero. */
export function countsLine(c: MergeCounts | Record<string, number>): string {
  const parts = Object.entries(c)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${v} ${k === 'attributeValues' ? 'attribute values' : k}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

/** One line per source of a merge: what was added and what was already there. */
export function mergeLines(r: MergeReport): string[] {
  return r.sources.map((s) => {
    const { codesByGuid, codesByPath, ...matched } = s.matched;
    const name = s.path.split(/[\\/]/).pop() ?? s.path;
    const codes = matched.codes ? ` (codes: ${codesByGuid} by GUID, ${codesByPath} by path)` : '';
    const g = s.groups.added || s.groups.addedMembers.length ? `; groups: ${s.groups.added} new, ${s.groups.addedMembers.length} documents added` : '';
    return `${name}: added ${countsLine(s.added)}; already there ${countsLine(matched)}${codes}${g}`;
  });
}
