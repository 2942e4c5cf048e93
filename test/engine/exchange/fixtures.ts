// Helpers for the exchange tests: a synthetic study built through the engine (emoji, labels, a code
// hierarchy, three coders, memos on every kind of target, participants with typed attributes, document
// groups), a view of a project that must survive export → import and merges, and a CLI runner.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { nowIso } from '../../../electron/engine/db/changes';
import type { Session } from '../../../electron/engine/session';
import { b64 } from '../../helpers/temp';

export { accord } from '../../helpers/cli';

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** An engine with a new, empty project (no coder chosen). */
export async function emptyProject(dir: string, name: string): Promise<Engine> {
  const engine = new Engine({ stateDir: null });
  await engine.call('project:create', { path: join(dir, name) });
  afterAll(() => engine.close());
  return engine;
}

// Emoji (outside the BMP) before the coded words, so code-point and UTF-16 offsets differ.
export const TEXT_1 = 'Interviewer: How did it go? 😀\nID01: We adapted 👍 the software to each locality.\nInterviewer: And the staff?\nID01: Training helped 🌱 a lot.';
export const TEXT_2 = 'Interviewer: Tell me more.\nID02: The rollout felt rushed 😬, honestly.\nID02: But leadership listened.';

export function span(text: string, words: string): { start: number; end: number } {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" not in text`);
  return { start, end: start + words.length };
}

/**
 * The synthetic study: 2 documents (participants ID01, ID02), codes 10 > 10a, 20 and an unlabelled
 * "Hope 🌱" > "Quiet hope", codings by Ana, Ben and Chloé (some on the same words), memos on a
 * document, a code, a coding and the project, attributes of three types, and document groups
 * "Nurses" (ID01), "Managers" (ID02), "Interviews" (both) and "Pilot" (empty).
 */
export async function buildStudy(engine: Engine): Promise<void> {
  await engine.call('coders:select', { name: 'Ana' });
  const d1 = (await engine.call('documents:import', { fileName: 'ID01 interview.txt', dataBase64: b64(TEXT_1) })).document;
  const d2 = (await engine.call('documents:import', { fileName: 'ID02 interview.txt', dataBase64: b64(TEXT_2) })).document;
  await engine.call('codebook:import', {
    fileName: 'codes.txt',
    text: '10\tFeatures of the innovation (<i>design principles</i>)\n10a.\tAdaptation (e.g., make innovation fit)\n20\tImplementation climate\n',
  });
  const hope = await engine.call('codebook:create', { parentId: null, name: 'Hope 🌱', definition: 'Optimism about the future.\nSecond line & <tags>.', color: '#12ab9f' });
  const quiet = await engine.call('codebook:create', { parentId: hope.id, name: 'Quiet hope', definition: '' });
  const codes = await engine.call('codebook:list', {});
  const byLabel = (l: string) => codes.find((c) => c.label === l)!.id;
  const text1 = (await engine.call('documents:get', { id: d1.id })).text;
  const text2 = (await engine.call('documents:get', { id: d2.id })).text;

  const a = await engine.call('codings:apply', { documentId: d1.id, codeIds: [byLabel('10a')], ...span(text1, 'We adapted 👍 the software') });
  await engine.call('codings:apply', { documentId: d1.id, codeIds: [hope.id], ...span(text1, 'Training helped 🌱 a lot') });
  await engine.call('codings:apply', { documentId: d2.id, codeIds: [byLabel('20')], ...span(text2, 'rollout felt rushed 😬') });
  await engine.call('coders:select', { name: 'Ben' });
  await engine.call('codings:apply', { documentId: d1.id, codeIds: [byLabel('10a'), byLabel('10')], ...span(text1, 'We adapted 👍 the software') });
  await engine.call('codings:apply', { documentId: d2.id, codeIds: [quiet.id], ...span(text2, 'leadership listened') });
  await engine.call('coders:select', { name: 'Chloé' });
  await engine.call('codings:apply', { documentId: d1.id, codeIds: [byLabel('10a')], ...span(text1, 'adapted 👍 the software to each locality') });

  await engine.call('memos:save', { documentId: d1.id, title: 'About ID01', body: 'Rich interview 😀.' });
  await engine.call('memos:save', { codeId: hope.id, title: '', body: 'Watch for irony.' });
  await engine.call('memos:save', { codingId: a[0].id, title: 'Key quote', body: 'Use in Table 2.' });
  await engine.call('memos:save', { title: 'Project memo', body: 'Started coding.\n\tIndented line.' });

  for (const [name, members] of [['Nurses', [d1.id]], ['Managers', [d2.id]], ['Interviews', [d1.id, d2.id]], ['Pilot', []]] as const) {
    const group = await engine.call('groups:create', { name });
    if (members.length > 0) await engine.call('groups:setMembers', { groupId: group.id, documentIds: [...members], member: true });
  }

  const s = engine.current;
  setAttributes(s, {
    ID01: { Age: '34', Role: 'Nurse', Joined: '2019-03-01', Notes: 'Worked nights for ten years before moving to the day ward; asked that this be kept.' },
    ID02: { Age: '51', Role: 'Manager', Joined: '2020-11-15' },
  }, { Age: 'number', Role: 'category', Joined: 'date', Notes: 'text' });
}

/** Give participants attribute values (created as needed), as the study namespace will. */
export function setAttributes(s: Session, values: Record<string, Record<string, string>>, types: Record<string, string>): void {
  s.change('test.attributes', 'set attributes', (c) => {
    const attr = new Map<string, number>();
    Object.keys(types).forEach((name, ord) => {
      const row = s.db.prepare('SELECT id FROM attributes WHERE name = ?').get(name) as { id: number } | undefined;
      attr.set(name, row ? row.id : c.insert('attributes', { name, type: types[name], ord }));
    });
    for (const [pid, vals] of Object.entries(values)) {
      const p = s.db.prepare('SELECT id FROM participants WHERE pid = ?').get(pid) as { id: number } | undefined;
      const participantId = p ? p.id : c.insert('participants', { pid, created_at: nowIso() });
      for (const [name, value] of Object.entries(vals)) c.insert('participant_attributes', { participant_id: participantId, attribute_id: attr.get(name)!, value });
    }
  });
}

/**
 * Everything a project holds that export → import and merging must keep, independent of row ids:
 * codes by path, coders by name, documents by name, codings by (document, code path, coder, range).
 */
export function projectView(s: Session) {
  const all = <T>(sql: string): T[] => s.db.prepare(sql).all() as T[];
  const codes = all<{ id: number; guid: string; parent_id: number | null; label: string; name: string; definition: string; color: string; ord: number }>(
    'SELECT id, guid, parent_id, label, name, definition, color, ord FROM codes',
  );
  const byId = new Map(codes.map((c) => [c.id, c]));
  const path = (id: number): string => {
    const c = byId.get(id)!;
    const own = [c.label, c.name].filter(Boolean).join(' ');
    return c.parent_id === null ? own : `${path(c.parent_id)} > ${own}`;
  };
  const coders = new Map(all<{ id: number; name: string }>('SELECT id, name FROM coders').map((c) => [c.id, c.name]));
  const docs = all<{ id: number; name: string; text: string; pid: string | null }>(
    'SELECT d.id, d.name, d.text, p.pid FROM documents d LEFT JOIN participants p ON p.id = d.participant_id',
  );
  const docName = new Map(docs.map((d) => [d.id, d.name]));
  const codings = all<{ id: number; document_id: number; code_id: number; coder_id: number; start: number; end: number; text: string }>(
    'SELECT id, document_id, code_id, coder_id, start, "end", text FROM codings',
  );
  const codingKey = new Map(codings.map((k) => [k.id, `${docName.get(k.document_id)} | ${path(k.code_id)} | ${coders.get(k.coder_id)} | ${k.start}-${k.end}`]));
  const memos = all<{ document_id: number | null; code_id: number | null; coding_id: number | null; title: string; body: string }>(
    'SELECT document_id, code_id, coding_id, title, body FROM memos',
  );
  const attrs = all<{ pid: string; name: string; type: string; value: string }>(
    'SELECT p.pid, a.name, a.type, pa.value FROM participant_attributes pa JOIN participants p ON p.id = pa.participant_id JOIN attributes a ON a.id = pa.attribute_id',
  );
  const sort = <T>(xs: T[]): T[] => xs.map((x) => JSON.stringify(x)).sort().map((x) => JSON.parse(x) as T);
  return {
    codes: sort(
      codes.map((c) => ({ path: path(c.id), guid: c.guid.toLowerCase(), label: c.label, name: c.name, definition: c.definition, color: c.color, ord: c.ord })),
    ),
    coders: [...coders.values()].sort(),
    documents: sort(docs.map((d) => ({ name: d.name, text: d.text, participant: d.pid }))),
    codings: sort(codings.map((k) => ({ key: codingKey.get(k.id), text: k.text }))),
    memos: sort(
      memos.map((m) => ({
        target:
          m.coding_id !== null
            ? `coding ${codingKey.get(m.coding_id)}`
            : m.code_id !== null
              ? `code ${path(m.code_id)}`
              : m.document_id !== null
                ? `document ${docName.get(m.document_id)}`
                : 'project',
        title: m.title,
        body: m.body,
      })),
    ),
    participants: sort(all<{ pid: string }>('SELECT pid FROM participants').map((p) => p.pid)),
    attributes: sort(attrs),
    // Groups in their order, each with its documents' names.
    groups: all<{ id: number; name: string }>('SELECT id, name FROM groups ORDER BY ord, id').map((g) => ({
      name: g.name,
      documents: all<{ document_id: number; group_id: number }>('SELECT document_id, group_id FROM document_groups')
        .filter((m) => m.group_id === g.id)
        .map((m) => docName.get(m.document_id)!)
        .sort(),
    })),
  };
}

/** Counts as `accord info` shows them, plus the audit log's size. */
export function snapshot(s: Session): Record<string, number> {
  const n = (sql: string): number => (s.db.prepare(sql).get() as { n: number }).n;
  return {
    documents: n('SELECT count(*) AS n FROM documents'),
    participants: n('SELECT count(*) AS n FROM participants'),
    codes: n('SELECT count(*) AS n FROM codes'),
    codings: n('SELECT count(*) AS n FROM codings'),
    coders: n('SELECT count(*) AS n FROM coders'),
    memos: n('SELECT count(*) AS n FROM memos'),
    attributes: n('SELECT count(*) AS n FROM participant_attributes'),
    groups: n('SELECT count(*) AS n FROM groups'),
    groupMembers: n('SELECT count(*) AS n FROM document_groups'),
    batches: n('SELECT count(*) AS n FROM change_batches'),
    auditRows: n('SELECT count(*) AS n FROM audit_log'),
  };
}
