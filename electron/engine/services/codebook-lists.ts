// Code lists in and out of the codebook (a study's tab-separated list, or CSV). Apart from
// codebook.ts so that the CSV parser loads with the first import or export, not with the engine.
import type { CodebookImportResult } from '../../../shared/api/contract';
import { codeListToCsv, parseCodeList } from '../../../shared/codebook/code-list';
import type { Session } from '../session';
import { insertCode, listCodes } from './codebook';

/**
 * Import a code list. Codes whose label (or, without a label, name) already exists under the same
 * parent are updated rather than duplicated, so importing the same list twice changes nothing.
 */
export function importCodes(s: Session, fileName: string, text: string): CodebookImportResult {
  const { format, drafts } = parseCodeList(fileName, text);
  const created = s.change('code.import', `import ${drafts.length} codes from ${fileName}`, (c) => {
    const byKey = new Map<string, number>();
    const existing = s.db.prepare('SELECT id, label, name FROM codes').all() as { id: number; label: string; name: string }[];
    for (const e of existing) {
      if (e.label) byKey.set(`l:${e.label.toLowerCase()}`, e.id);
      byKey.set(`n:${e.name.toLowerCase()}`, e.id);
    }
    const keyOf = (d: { label: string; name: string }) => (d.label ? `l:${d.label.toLowerCase()}` : `n:${d.name.toLowerCase()}`);
    let n = 0;
    for (const d of drafts) {
      const parentId = d.parent ? (byKey.get(`l:${d.parent.toLowerCase()}`) ?? byKey.get(`n:${d.parent.toLowerCase()}`) ?? null) : null;
      const found = byKey.get(keyOf(d));
      if (found !== undefined) {
        c.update('codes', found, { name: d.name, definition: d.definition, ...(d.color ? { color: d.color, color_chosen: 1 } : {}) });
        continue;
      }
      const id = insertCode(s, c, { parentId, label: d.label, name: d.name, definition: d.definition, color: d.color });
      byKey.set(keyOf(d), id);
      if (d.label) byKey.set(`n:${d.name.toLowerCase()}`, id);
      n++;
    }
    return n;
  });
  return { format, created, codes: listCodes(s) };
}

export function exportCodesCsv(s: Session): string {
  const codes = listCodes(s);
  const byId = new Map(codes.map((c) => [c.id, c]));
  return codeListToCsv(
    codes.map((c) => {
      const p = c.parentId !== null ? byId.get(c.parentId) : undefined;
      return { label: c.label, name: c.name, definition: c.definition, parent: p ? p.label || p.name : null, color: c.color };
    }),
  );
}
