// The COREQ 32-item checklist (Tong, Sainsbury & Craig, Int J Qual Health Care 2007;19:349–57),
// worded exactly as in the checklist the reference study submitted, plus the pre-fill of the items
// the project itself can answer and the checklist table for export.

import { AccordError } from '../errors';
import { runsCell, textCell, type ReportTable, type TableRow } from './table';

export interface CoreqItem {
  number: number;
  /** 1 Research team and reflexivity, 2 Study design, 3 Analysis and findings. */
  domain: 1 | 2 | 3;
  section: string;
  title: string;
  question: string;
}

export const COREQ_DOMAINS: Record<1 | 2 | 3, string> = {
  1: 'Domain 1: Research team and reflexivity',
  2: 'Domain 2: study design',
  3: 'Domain 3: analysis and findings',
};

const SECTIONS: { domain: 1 | 2 | 3; section: string; items: [string, string][] }[] = [
  {
    domain: 1,
    section: 'Personal Characteristics',
    items: [
      ['Interviewer/facilitator', 'Which author/s conducted the interview or focus group?'],
      ['Credentials', "What were the researcher's credentials? E.g. PhD, MD"],
      ['Occupation', 'What was their occupation at the time of the study?'],
      ['Gender', 'Was the researcher male or female?'],
      ['Experience and training', 'What experience or training did the researcher have?'],
    ],
  },
  {
    domain: 1,
    section: 'Relationship with participants',
    items: [
      ['Relationship established', 'Was a relationship established prior to study commencement?'],
      [
        'Participant knowledge of the interviewer',
        'What did the participants know about the researcher? e.g. personal goals, reasons for doing the research',
      ],
      [
        'Interviewer characteristics',
        'What characteristics were reported about the interviewer/facilitator? e.g. Bias, assumptions, reasons and interests in the research topic',
      ],
    ],
  },
  {
    domain: 2,
    section: 'Theoretical framework',
    items: [
      [
        'Methodological orientation and theory',
        'What methodological orientation was stated to underpin the study? e.g. grounded theory, discourse analysis, ethnography, phenomenology, content analysis',
      ],
    ],
  },
  {
    domain: 2,
    section: 'Participant selection',
    items: [
      ['Sampling', 'How were participants selected? e.g. purposive, convenience, consecutive, snowball'],
      ['Method of approach', 'How were participants approached? e.g. face-to-face, telephone, mail, email'],
      ['Sample size', 'How many participants were in the study?'],
      ['Non-participation', 'How many people refused to participate or dropped out? Reasons?'],
    ],
  },
  {
    domain: 2,
    section: 'Setting',
    items: [
      ['Setting of data collection', 'Where was the data collected? e.g. home, clinic, workplace'],
      ['Presence of non-participants', 'Was anyone else present besides the participants and researchers?'],
      ['Description of sample', 'What are the important characteristics of the sample? e.g. demographic data, date'],
    ],
  },
  {
    domain: 2,
    section: 'Data collection',
    items: [
      ['Interview guide', 'Were questions, prompts, guides provided by the authors? Was it pilot tested?'],
      // "inter views" is spelled as in the published checklist the study reproduces.
      ['Repeat interviews', 'Were repeat inter views carried out? If yes, how many?'],
      ['Audio/visual recording', 'Did the research use audio or visual recording to collect the data?'],
      ['Field notes', 'Were field notes made during and/or after the inter view or focus group?'],
      ['Duration', 'What was the duration of the inter views or focus group?'],
      ['Data saturation', 'Was data saturation discussed?'],
      ['Transcripts returned', 'Were transcripts returned to participants for comment and/or correction?'],
    ],
  },
  {
    domain: 3,
    section: 'Data analysis',
    items: [
      ['Number of data coders', 'How many data coders coded the data?'],
      ['Description of the coding tree', 'Did authors provide a description of the coding tree?'],
      ['Derivation of themes', 'Were themes identified in advance or derived from the data?'],
      ['Software', 'What software, if applicable, was used to manage the data?'],
      ['Participant checking', 'Did participants provide feedback on the findings?'],
    ],
  },
  {
    domain: 3,
    section: 'Reporting',
    items: [
      [
        'Quotations presented',
        'Were participant quotations presented to illustrate the themes/findings? Was each quotation identified? e.g. participant number',
      ],
      ['Data and findings consistent', 'Was there consistency between the data presented and the findings?'],
      ['Clarity of major themes', 'Were major themes clearly presented in the findings?'],
      ['Clarity of minor themes', 'Is there a description of diverse cases or discussion of minor themes?'],
    ],
  },
];

/** The 32 items in checklist order, numbered 1–32. */
export const COREQ_ITEMS: readonly CoreqItem[] = SECTIONS.flatMap((s) => s.items.map(([title, question]) => ({
  domain: s.domain,
  section: s.section,
  title,
  question,
}))).map((item, i) => ({ number: i + 1, ...item }));

/** An answer to one item: typed by the author, or pre-filled from project data with its evidence. */
export interface CoreqAnswer {
  number: number;
  answer: string;
  /** Where the paper reports it, e.g. `P. 5` or `Table 1`. */
  page?: string;
  fromProject: boolean;
  /** For pre-filled answers: what in the project the answer rests on. */
  evidence?: string;
  /** A pre-fill the author must check and complete before it is reported (e.g. items 22 and 23). */
  draft?: boolean;
}

/** Plain facts the engine computes from a project; every field is optional and absent means unknown. */
export interface CoreqFacts {
  /** Number of participants linked to at least one transcript. */
  participantsWithTranscripts?: number;
  /** The participant characteristics table's n (Table 1): every participant in the project. */
  participantsInTable?: number;
  /** The saturation assessment in sentences (Guest, Namey & Chen 2020), for item 22. */
  saturation?: string;
  /**
   * Whether transcripts were returned to participants, as far as the project records it (item 23): a
   * participant attribute such as "Transcript returned" and how many participants have a yes or a date
   * there; attribute null when the project holds no such record.
   */
  transcriptsReturned?: { attribute: string | null; returned: number; participants: number };
  /** Participant attributes shown in the participant table (item 16). */
  participantAttributes?: string[];
  /** Whether a participant characteristics table has been produced. */
  hasParticipantTable?: boolean;
  /** Every coder with the number of codings they applied; the consensus layer is not a coder. */
  coders?: { name: string; codings: number; isConsensus?: boolean }[];
  software?: { name: string; version: string };
  /** Durations of the interview recordings in milliseconds (from transcript timings). */
  transcriptDurationsMs?: number[];
  /** Whether a saturation curve (new codes per transcript) exists. */
  hasSaturationCurve?: boolean;
  /** Size of the codebook and whether a code-structure table exists. */
  codebook?: { codes: number; topLevel: number; hasTable: boolean };
  /** Themes and subthemes, and how many are linked to coded data. */
  themes?: { themes: number; subthemes: number; linkedToCodes: number; hasTable: boolean };
  /** Quotes in the theme tables and whether every one carries a participant ID. */
  quotes?: { count: number; allIdentified: boolean };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * Pre-fills items 12, 16, 21, 22, 23, 24, 25, 26, 27 and 29 from project facts (22 and 23 as drafts). An item is answered only
 * when its facts are present and non-empty; nothing is guessed, so empty facts give no answers.
 */
export function prefillCoreq(facts: CoreqFacts): CoreqAnswer[] {
  const out: CoreqAnswer[] = [];
  const add = (number: number, answer: string, evidence: string, draft = false): void => {
    out.push({ number, answer, fromProject: true, evidence, ...(draft ? { draft: true } : {}) });
  };

  // Sample size is Table 1's n, so that the checklist and the table the paper prints agree.
  const n = facts.participantsWithTranscripts;
  const table = facts.participantsInTable;
  if (table !== undefined && table > 0) {
    const transcripts = n !== undefined && n !== table ? `; ${plural(n, 'participant')} ${n === 1 ? 'has a transcript' : 'have transcripts'} in the project` : '';
    add(12, plural(table, 'participant'), `Participant characteristics table (Table 1), n = ${table}${transcripts}`);
  } else if (n !== undefined && n > 0) {
    add(12, plural(n, 'participant'), `${plural(n, 'participant')} linked to at least one transcript in the project`);
  }

  const attrs = (facts.participantAttributes ?? []).filter((a) => a.trim() !== '');
  if (facts.hasParticipantTable && attrs.length > 0) {
    add(16, `Participant characteristics table (${attrs.join(', ')})`, `Participant table built from the attributes ${attrs.join(', ')}`);
  }

  const minutes = (facts.transcriptDurationsMs ?? []).filter((d) => Number.isFinite(d) && d > 0).map((d) => d / 60000);
  if (minutes.length > 0) {
    const mean = Math.round(minutes.reduce((s, m) => s + m, 0) / minutes.length);
    const min = Math.round(Math.min(...minutes));
    const max = Math.round(Math.max(...minutes));
    add(
      21,
      minutes.length === 1 ? `${mean} min` : `Mean ${mean} min (range ${min}–${max} min)`,
      `Recording timings of ${plural(minutes.length, 'transcript')}`,
    );
  }

  const returned = facts.transcriptsReturned;
  if (returned) {
    if (returned.attribute === null) {
      add(
        23,
        'Draft: the project holds no record of transcripts being returned to participants. State whether they were (and, if so, what participants changed); if not, answer "No".',
        'No participant attribute records returned transcripts (e.g. "Transcript returned")',
        true,
      );
    } else {
      add(
        23,
        returned.returned === 0
          ? `Draft: no participant is recorded as having had their transcript returned (${returned.attribute}).`
          : `Draft: transcripts were returned to ${returned.returned} of ${plural(returned.participants, 'participant')} for comment or correction.`,
        `Participant attribute "${returned.attribute}": ${returned.returned} of ${plural(returned.participants, 'participant')} with a yes or a date`,
        true,
      );
    }
  }

  if (facts.saturation) {
    add(22, `Draft: ${facts.saturation}`, 'Saturation assessed from the project codings (Guest, Namey & Chen 2020)', true);
  } else if (facts.hasSaturationCurve) {
    add(22, 'Saturation curve of new codes per transcript available', 'Saturation curve computed from the project codings');
  }

  const coders = (facts.coders ?? []).filter((c) => !c.isConsensus && c.codings > 0);
  if (coders.length > 0) {
    add(
      24,
      plural(coders.length, 'coder'),
      `Coders with codings: ${coders.map((c) => `${c.name} (${plural(c.codings, 'coding')})`).join(', ')}`,
    );
  }

  const cb = facts.codebook;
  if (cb && cb.hasTable && cb.codes > 0) {
    add(
      25,
      `Code structure table: ${plural(cb.codes, 'code')}, ${cb.topLevel} at the top level`,
      `Codebook of ${plural(cb.codes, 'code')} exported as a code-structure table`,
    );
  }

  const th = facts.themes;
  if (th && th.hasTable && th.themes > 0) {
    add(
      26,
      `Themes table: ${plural(th.themes, 'theme')}, ${plural(th.subthemes, 'subtheme')}`,
      `${plural(th.themes, 'theme')} in the project, ${th.linkedToCodes} linked to coded data`,
    );
  }

  const sw = facts.software;
  if (sw && sw.name.trim() !== '') {
    const name = sw.version.trim() ? `${sw.name.trim()} ${sw.version.trim()}` : sw.name.trim();
    add(27, name, `Project managed in ${name}`);
  }

  const q = facts.quotes;
  if (q && q.count > 0) {
    add(
      29,
      q.allIdentified
        ? `Yes: ${plural(q.count, 'quotation')}, each identified by participant ID`
        : `Yes: ${plural(q.count, 'quotation')}; not all identified by participant ID`,
      `${plural(q.count, 'quote')} in the theme tables`,
    );
  }
  return out.sort((a, b) => a.number - b.number);
}

/**
 * The checklist table: No. Item | Guide questions/description | Answer | Reported on page #, with a
 * section row per domain and per section. Pre-filled answers are noted with their evidence.
 */
export function coreqTable(items: readonly CoreqItem[] = COREQ_ITEMS, answers: CoreqAnswer[] = []): ReportTable {
  const byNumber = new Map<number, CoreqAnswer>();
  for (const a of answers) {
    if (!items.some((i) => i.number === a.number)) {
      throw new AccordError('INVALID_INPUT', `COREQ answer for item ${a.number}: there is no such item`);
    }
    byNumber.set(a.number, a);
  }
  const rows: TableRow[] = [];
  let domain = 0;
  let section = '';
  for (const item of items) {
    if (item.domain !== domain) {
      domain = item.domain;
      section = '';
      rows.push({ rowKind: 'section', cells: [runsCell([{ text: COREQ_DOMAINS[item.domain], bold: true }]), textCell(''), textCell(''), textCell('')] });
    }
    if (item.section !== section) {
      section = item.section;
      rows.push({ rowKind: 'section', cells: [runsCell([{ text: section, italic: true }]), textCell(''), textCell(''), textCell('')] });
    }
    const answer = byNumber.get(item.number);
    rows.push({
      cells: [
        textCell(`${item.number}. ${item.title}`),
        textCell(item.question),
        textCell(answer?.answer ?? ''),
        textCell(answer?.page ?? ''),
      ],
    });
  }
  const notes = answers
    .filter((a) => a.fromProject)
    .sort((a, b) => a.number - b.number)
    .map((a) => `Item ${a.number} from project data${a.draft ? ' (a draft for the authors to check)' : ''}: ${a.evidence ?? 'no evidence recorded'}.`);
  return {
    label: '',
    title: 'Consolidated criteria for reporting qualitative studies (COREQ): 32-item checklist',
    caption:
      'Developed from: Tong A, Sainsbury P, Craig J. Consolidated criteria for reporting qualitative research (COREQ): a 32-item checklist for interviews and focus groups. International Journal for Quality in Health Care. 2007. Volume 19, Number 6: pp. 349–357',
    columns: [textCell('No. Item'), textCell('Guide questions/description'), textCell('Answer'), textCell('Reported on page #')],
    rows,
    notes,
  };
}
