// The methods appendix: a short factual account of the analysis written from the project's audit
// trail and tables. Every number in a sentence carries a `[n]` marker naming the query it came from,
// so an author (or reviewer) can trace it; sections without data say so instead of guessing.
import { AccordError } from '../../../shared/errors';
import type { MethodsAppendix, MethodsSection } from '../../../shared/api/reports';
import type { Measure } from '../../../shared/stats/agreement';
import type { Session } from '../session';
import { agreementReport } from './agreement';
import { listThemes } from './themes';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function tableExists(s: Session, name: string): boolean {
  return s.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

const CODE_ACTIONS: [string, string, string][] = [
  ['code.import', 'import', 'imports'],
  ['code.create', 'code created', 'codes created'],
  ['code.update', 'edit', 'edits'],
  ['code.move', 'move', 'moves'],
  ['code.delete', 'deletion', 'deletions'],
];

/** Builds the appendix from the open project. */
export function methodsAppendix(s: Session): MethodsAppendix {
  const sources: string[] = [];
  const cite = (source: string): string => {
    const at = sources.indexOf(source);
    if (at >= 0) return `[${at + 1}]`;
    sources.push(source);
    return `[${sources.length}]`;
  };
  const one = (sql: string, ...params: unknown[]): number => (s.db.prepare(sql).get(...params) as { n: number }).n;
  const sections: MethodsSection[] = [];

  // Codebook and its changes, by day.
  const codes = one('SELECT count(*) AS n FROM codes');
  const top = one('SELECT count(*) AS n FROM codes WHERE parent_id IS NULL');
  const codebook: string[] = [];
  codebook.push(
    codes === 0
      ? `The codebook is empty ${cite('the codebook: every code (accord codes PROJECT)')}.`
      : `The final codebook holds ${plural(codes, 'code')}, ${top} at the top level ${cite('the codebook: every code, and those with no parent (accord codes PROJECT)')}.`,
  );
  const batches = s.db
    .prepare(
      `SELECT substr(at, 1, 10) AS day, action, count(*) AS n FROM change_batches
       WHERE action LIKE 'code.%' GROUP BY day, action ORDER BY day, action`,
    )
    .all() as { day: string; action: string; n: number }[];
  if (batches.length === 0) {
    codebook.push('No changes to the codebook are recorded in the audit log.');
  } else {
    const source = cite('the audit log: codebook changes per day and kind (every change is logged with who and when)');
    const total = batches.reduce((n, b) => n + b.n, 0);
    const days = [...new Set(batches.map((b) => b.day))];
    codebook.push(
      `The codebook was changed in ${plural(total, 'recorded action')} ${days.length === 1 ? `on ${days[0]}` : `on ${days.length} days between ${days[0]} and ${days[days.length - 1]}`} ${source}:`,
    );
    for (const day of days) {
      const parts = CODE_ACTIONS.flatMap(([action, oneWord, many]) => {
        const n = batches.find((b) => b.day === day && b.action === action)?.n ?? 0;
        return n > 0 ? [plural(n, oneWord, many)] : [];
      });
      const other = batches.filter((b) => b.day === day && !CODE_ACTIONS.some(([a]) => a === b.action)).reduce((n, b) => n + b.n, 0);
      if (other > 0) parts.push(plural(other, 'other change'));
      codebook.push(`${day}: ${listWords(parts)}.`);
    }
  }
  sections.push({ heading: 'Codebook', paragraphs: codebook });

  // Coders and what each coded.
  const coders = s.db
    .prepare(
      `SELECT c.name, c.is_consensus, count(k.id) AS codings, count(DISTINCT k.document_id) AS documents
       FROM coders c LEFT JOIN codings k ON k.coder_id = c.id GROUP BY c.id ORDER BY c.is_consensus, c.id`,
    )
    .all() as { name: string; is_consensus: number; codings: number; documents: number }[];
  const coding: string[] = [];
  const active = coders.filter((c) => c.is_consensus === 0 && c.codings > 0);
  const docs = one('SELECT count(*) AS n FROM documents');
  const coderQuery = 'the codings: per coder, how many and in how many documents (accord codings export PROJECT)';
  if (active.length === 0) coding.push(`No coder has applied codings yet ${cite(coderQuery)}.`);
  else {
    const docSource = cite('the documents (accord documents PROJECT)');
    coding.push(
      `${plural(active.length, 'coder')} applied codes to the ${plural(docs, 'document')} of the project ${docSource}: ${listWords(
        active.map((c) => `${c.name} coded ${plural(c.documents, 'document')} (${plural(c.codings, 'coding')})`),
      )} ${cite(coderQuery)}.`,
    );
  }
  for (const c of coders.filter((k) => k.is_consensus === 1)) {
    coding.push(`The consensus layer (${c.name}) holds ${plural(c.codings, 'coding')} in ${plural(c.documents, 'document')} ${cite(coderQuery)}.`);
  }
  sections.push({ heading: 'Coders', paragraphs: coding });

  // Agreement figures from the agreement service (coders compared on characters).
  const agreement: string[] = [];
  try {
    const report = agreementReport(s, { detail: false });
    const o = report.overall;
    const fmt = (m: Measure, percent = false): string =>
      m.value === null ? `not defined (${m.reason ?? 'no reason given'})` : percent ? `${(m.value * 100).toFixed(1)}%` : m.value.toFixed(2);
    const unit = { character: 'characters', turn: 'speaker turns', document: 'documents' }[report.unit] ?? report.unit;
    agreement.push(
      `${report.sentence} Overall (${unit} as units): percent agreement (mean of pairwise) ${fmt(o.percentAgreement, true)}, all coders agreeing ${fmt(o.percentAllAgree, true)}, Krippendorff’s α ${fmt(o.krippendorffAlpha)}, Fleiss’ κ ${fmt(o.fleissKappa)}${report.coders.length === 2 ? `, Cohen’s κ ${fmt(o.cohenKappa)}` : ''} (${o.pooling}) ${cite('the agreement report, overall row (accord agreement PROJECT --json)')}.`,
    );
    agreement.push(...report.notes);
  } catch (err) {
    if (!(err instanceof AccordError) || err.code !== 'INVALID_INPUT') throw err;
    agreement.push(`No agreement figures: ${err.message}.`);
  }
  sections.push({ heading: 'Inter-coder agreement', paragraphs: agreement });

  // Consensus decisions, if the consensus feature's table exists.
  const consensus: string[] = [];
  if (!tableExists(s, 'consensus_decisions')) {
    consensus.push('No consensus decisions are recorded in this project.');
  } else {
    const columns = (s.db.prepare("SELECT name FROM pragma_table_info('consensus_decisions')").all() as { name: string }[]).map((c) => c.name);
    const ruleColumn = ['rule', 'method', 'decision', 'kind'].find((c) => columns.includes(c));
    const n = one('SELECT count(*) AS n FROM consensus_decisions');
    if (n === 0) consensus.push(`No consensus decisions are recorded ${cite('the consensus decisions (Consensus view, decision log)')}.`);
    else if (!ruleColumn) consensus.push(`${plural(n, 'consensus decision')} ${n === 1 ? 'is' : 'are'} recorded ${cite('the consensus decisions (Consensus view, decision log)')}; the rule used is not recorded.`);
    else {
      const byRule = s.db.prepare(`SELECT "${ruleColumn}" AS rule, count(*) AS n FROM consensus_decisions GROUP BY 1 ORDER BY 2 DESC, 1`).all() as { rule: string | null; n: number }[];
      consensus.push(
        `${plural(n, 'consensus decision')} ${n === 1 ? 'is' : 'are'} recorded, by ${ruleColumn}: ${listWords(byRule.map((r) => `${r.rule ?? 'not stated'} ${r.n}`))} ${cite('the consensus decisions by rule (Consensus view, decision log)')}.`,
      );
    }
  }
  sections.push({ heading: 'Consensus', paragraphs: consensus });

  // Themes and their support.
  const overview = listThemes(s);
  const themeParas: string[] = [];
  if (overview.themes.length === 0) {
    themeParas.push('No themes have been recorded in the project yet.');
  } else {
    const subs = overview.themes.reduce((n, t) => n + t.subthemes.length, 0);
    const themeSource = cite('the themes and their subthemes (accord themes PROJECT)');
    const supportSource = cite(`themes, theme_codes and theme_quotes tables with codings: participants and documents with ${overview.layer} of the linked codes (and their sub-codes), or with quotes`);
    themeParas.push(`The analysis produced ${plural(overview.themes.length, 'theme')} and ${plural(subs, 'subtheme')} ${themeSource}. Support counts use ${overview.layer}.${overview.layerNote ? ` ${overview.layerNote}` : ''}`);
    for (const t of overview.themes) {
      const quotes = t.quotes.length + t.subthemes.reduce((n, st) => n + st.quotes.length, 0);
      let sentence = `“${t.name}” is supported by ${t.support.participants} of the ${plural(t.support.participantsCoded, 'participant')} whose documents were coded (${t.support.participantsTotal} in the project) and ${t.support.documents} of ${plural(t.support.documentsCoded, 'coded document')}, illustrated by ${plural(quotes, 'quote')} ${supportSource}`;
      if (t.subthemes.length > 0) {
        sentence += `; its subthemes are ${listWords(t.subthemes.map((st) => `“${st.name}” (${plural(st.support.participants, 'participant')})`))}`;
      }
      themeParas.push(`${sentence}.`);
      if (t.balance.warning) themeParas.push(`Quote balance for “${t.name}”: ${t.balance.warning} (authors are ${overview.rule}).`);
    }
  }
  sections.push({ heading: 'Themes', paragraphs: themeParas });

  return { title: `Methods appendix: analysis of ${s.name}`, sections, sources };
}
