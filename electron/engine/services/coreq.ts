// The COREQ checklist of a project: the facts the project can answer (pre-fill), the author's saved
// answers and pages, and the merge of both (an author's answer always wins).
import pkg from '../../../package.json' with { type: 'json' };
import type { CoreqRow } from '../../../shared/api/reports';
import { COREQ_ITEMS, prefillCoreq, type CoreqAnswer, type CoreqFacts } from '../../../shared/reports/coreq';
import { nowIso } from '../db/changes';
import type { Session } from '../session';
import { saturationAvailable as hasCodedTranscripts, saturationForCoreq } from './intersections/saturation';
import { listThemes } from './themes';

/** The application's name and version as item 27 reports it. */
export const SOFTWARE = { name: 'Accord', version: (pkg as { version: string }).version };

/** Category attributes that at least one participant holds a value for, in attribute order. */
export function categoryAttributes(s: Session): { name: string; participants: number }[] {
  return s.db
    .prepare(
      `SELECT a.name, count(pa.id) AS participants FROM attributes a
       LEFT JOIN participant_attributes pa ON pa.attribute_id = a.id AND trim(pa.value) <> ''
       WHERE a.type = 'category' GROUP BY a.id ORDER BY a.ord, a.id`,
    )
    .all() as { name: string; participants: number }[];
}

/**
 * Whether the saturation curve (new codes per transcript) can be drawn: the intersections feature
 * computes it whenever transcripts have codings.
 */
function saturationAvailable(s: Session): boolean | undefined {
  return hasCodedTranscripts(s);
}

/** Everything prefillCoreq needs, read from the project. Each field's query is its evidence. */
export function coreqFacts(s: Session): CoreqFacts {
  const one = (sql: string): number => (s.db.prepare(sql).get() as { n: number }).n;
  const attrs = categoryAttributes(s).filter((a) => a.participants > 0).map((a) => a.name);
  const coders = s.db
    .prepare(
      `SELECT c.name, c.is_consensus, count(k.id) AS codings FROM coders c LEFT JOIN codings k ON k.coder_id = c.id
       GROUP BY c.id ORDER BY c.is_consensus, c.id`,
    )
    .all() as { name: string; is_consensus: number; codings: number }[];
  const durations = (
    s.db.prepare("SELECT duration_ms AS d FROM documents WHERE kind = 'transcript' AND duration_ms IS NOT NULL AND duration_ms > 0").all() as { d: number }[]
  ).map((r) => r.d);
  const codes = one('SELECT count(*) AS n FROM codes');
  const themes = listThemes(s).themes;
  const allNodes = themes.flatMap((t) => [t, ...t.subthemes]);
  const quotes = allNodes.flatMap((t) => t.quotes);
  const facts: CoreqFacts = {
    participantsWithTranscripts: one(
      "SELECT count(DISTINCT participant_id) AS n FROM documents WHERE kind = 'transcript' AND participant_id IS NOT NULL",
    ),
    participantAttributes: attrs,
    hasParticipantTable: attrs.length > 0,
    coders: coders.map((c) => ({ name: c.name, codings: c.codings, isConsensus: c.is_consensus === 1 })),
    software: SOFTWARE,
    transcriptDurationsMs: durations,
    codebook: { codes, topLevel: one('SELECT count(*) AS n FROM codes WHERE parent_id IS NULL'), hasTable: codes > 0 },
    themes: {
      themes: themes.length,
      subthemes: themes.reduce((n, t) => n + t.subthemes.length, 0),
      linkedToCodes: allNodes.filter((t) => t.codes.length > 0).length,
      hasTable: themes.length > 0,
    },
    quotes: { count: quotes.length, allIdentified: quotes.every((q) => q.participant.trim() !== '') },
  };
  const saturation = saturationAvailable(s);
  if (saturation !== undefined) facts.hasSaturationCurve = saturation;
  const assessed = saturationForCoreq(s);
  if (assessed) facts.saturation = assessed;
  facts.participantsInTable = one('SELECT count(*) AS n FROM participants');
  facts.transcriptsReturned = transcriptsReturned(s, facts.participantsWithTranscripts ?? 0);
  return facts;
}

/** A participant attribute that records returned transcripts ("Transcript returned", "Member check", …). */
const RETURNED = /(transcripts?.*return|return.*transcripts?|member.?check)/i;
/** Values that say yes: yes/y/true/1/returned/done, or a date. */
const YES = /^(yes|y|true|1|returned|done|sent)$|^\d{4}-\d{2}-\d{2}/i;

/** What the project records about transcripts returned to participants (COREQ item 23). */
function transcriptsReturned(s: Session, participants: number): CoreqFacts['transcriptsReturned'] {
  const attrs = s.db.prepare('SELECT id, name FROM attributes ORDER BY ord, id').all() as { id: number; name: string }[];
  const attr = attrs.find((a) => RETURNED.test(a.name));
  if (!attr) return { attribute: null, returned: 0, participants };
  const values = (s.db.prepare('SELECT value FROM participant_attributes WHERE attribute_id = ?').all(attr.id) as { value: string }[]).map((r) => r.value.trim());
  return { attribute: attr.name, returned: values.filter((v) => YES.test(v)).length, participants };
}

interface SavedRow {
  id: number;
  item: number;
  answer: string;
  page: string;
}

/** The checklist as shown and exported: saved answers over the pre-fill, item by item. */
export function listCoreq(s: Session): CoreqRow[] {
  const prefill = new Map(prefillCoreq(coreqFacts(s)).map((a) => [a.number, a]));
  const saved = new Map((s.db.prepare('SELECT id, item, answer, page FROM coreq_answers').all() as SavedRow[]).map((r) => [r.item, r]));
  return COREQ_ITEMS.map((item) => {
    const p = prefill.get(item.number);
    const own = saved.get(item.number);
    const ownAnswer = own?.answer.trim() ?? '';
    return {
      number: item.number,
      domain: item.domain,
      section: item.section,
      title: item.title,
      question: item.question,
      answer: ownAnswer !== '' ? own!.answer : (p?.answer ?? ''),
      page: own?.page ?? '',
      fromProject: ownAnswer === '' && p !== undefined,
      draft: ownAnswer === '' && p?.draft === true,
      saved: own !== undefined,
      prefill: p ? { answer: p.answer, evidence: p.evidence ?? '' } : null,
    };
  });
}

/** The rows as CoreqAnswers for coreqTable: pre-filled ones carry their evidence. */
export function coreqAnswers(s: Session): CoreqAnswer[] {
  return listCoreq(s)
    .filter((r) => r.answer !== '' || r.page !== '')
    .map((r) => ({
      number: r.number,
      answer: r.answer,
      ...(r.page ? { page: r.page } : {}),
      fromProject: r.fromProject,
      ...(r.fromProject && r.prefill ? { evidence: r.prefill.evidence } : {}),
      ...(r.draft ? { draft: true } : {}),
    }));
}

/** Save the author's answer and page; saving both empty removes the row so the pre-fill shows again. */
export function saveCoreq(s: Session, input: { number: number; answer: string; page: string }): CoreqRow {
  const existing = s.db.prepare('SELECT id, item, answer, page FROM coreq_answers WHERE item = ?').get(input.number) as SavedRow | undefined;
  const answer = input.answer.trim();
  const page = input.page.trim();
  const label = `COREQ item ${input.number}`;
  if (answer === '' && page === '') {
    if (existing) s.change('coreq.clear', `clear ${label}`, (c) => c.delete('coreq_answers', existing.id));
  } else if (existing) {
    s.change('coreq.save', `answer ${label}`, (c) => c.update('coreq_answers', existing.id, { answer, page, author: s.actor, updated_at: nowIso() }));
  } else {
    s.change('coreq.save', `answer ${label}`, (c) =>
      c.insert('coreq_answers', { item: input.number, answer, page, author: s.actor, updated_at: nowIso() }),
    );
  }
  return listCoreq(s).find((r) => r.number === input.number)!;
}
