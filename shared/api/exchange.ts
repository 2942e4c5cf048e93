// Contract namespace: REFI-QDA import/export (.qdpx, .qde, .qdc) and merging coders' project files.
// Merged into the whole contract by shared/api/contract.ts.
import { z } from 'zod';
import type { Access } from './access';
import { filePath } from './paths';

/** Input schemas of this namespace, one per channel. */
export const exchangeMethods = {
  /**
   * Import a REFI-QDA file into the open project in one transaction (all or nothing): `.qdpx` / `.qde`
   * bring users, codes, text sources, codings, notes, cases and variables; `.qdc` brings the codebook
   * only. Bytes travel as base64. Importing the same file twice changes nothing the second time.
   */
  'exchange:import': z.object({ fileName: z.string().min(1), dataBase64: z.string() }),
  /**
   * The open project as a REFI-QDA file: `qdpx` (project.qde + sources/*.txt), a bare `qde`, or the
   * codebook as `qdc`. Offsets in code points as the standard says, or UTF-16 units for NVivo.
   */
  'exchange:export': z.object({
    format: z.enum(['qdpx', 'qde', 'qdc']),
    offsets: z.enum(['codepoint', 'utf16']).default('codepoint'),
  }),
  /**
   * Merge other Accord project files (opened read-only) into the open project, in one transaction,
   * after writing a backup of it. Nothing is guessed: conflicts keep the open project's value and are
   * listed with the source's.
   */
  'exchange:merge': z.object({
    sources: z.array(filePath).min(1),
    backup: z.boolean().default(true),
  }),
} as const;

/** Who may call each channel of this namespace and what it may see (see ../api/access.ts). */
export const exchangeAccess = {
  'exchange:import': 'lead',
  'exchange:export': 'unblinded',
  'exchange:merge': 'lead',
} as const satisfies Record<keyof typeof exchangeMethods, Access>;

/** What a REFI-QDA import brought in, how offsets were read, and what it left out. */
export interface RefiImportReport {
  file: string;
  /** `codebook` for .qdc files (codes only). */
  kind: 'project' | 'codebook';
  /** The tool that wrote the file (its origin attribute), when given. */
  origin: string | null;
  /** Counts of what the file held and was taken in (matched or created). */
  users: number;
  codes: number;
  sources: number;
  codings: number;
  notes: number;
  cases: number;
  /** How many rows the import created in the project (the rest matched existing ones). */
  created: { coders: number; codes: number; documents: number; codings: number; memos: number; participants: number; attributes: number };
  offsetUnit: 'utf16' | 'codepoint';
  crlfCountsAs: 1 | 2;
  /** Why that offset reading was chosen. */
  offsetReason: string;
  /** Sets taken in as document groups, groups created for them, and documents added to groups. */
  groups: { sets: number; created: number; addedMembers: number };
  /** Things in the file that were not imported, one line each naming the element. */
  skipped: string[];
  /** Things imported with a caveat (reused documents, codings on folders, unknown users, ...). */
  warnings: string[];
}

export interface RefiExportResult {
  fileName: string;
  mimeType: string;
  dataBase64: string;
  counts: { users: number; codes: number; sources: number; codings: number; notes: number; cases: number };
}

/** One difference between the target and a source, left as the target has it for the user to settle. */
export interface MergeConflict {
  kind: 'code' | 'participant' | 'document' | 'memo' | 'attribute';
  /** What it is about, e.g. `code 10a Adaptation (guid …)` or `participant ID21`. */
  subject: string;
  field: string;
  target: string;
  source: string;
}

export interface MergeCounts {
  coders: number;
  codes: number;
  documents: number;
  participants: number;
  attributes: number;
  attributeValues: number;
  codings: number;
  memos: number;
}

/** What a merge did with one source's document groups (matched by name; memberships are unions). */
export interface GroupMergeReport {
  /** Groups new to the target (no group of that name, case-insensitive), created. */
  added: number;
  /** Groups the target already had under that name. */
  matched: number;
  /** Memberships added to the target, by group and document name. */
  addedMembers: { group: string; document: string }[];
  /** Memberships the target already had. */
  matchedMembers: number;
}

export interface MergeSourceReport {
  path: string;
  groups: GroupMergeReport;
  added: MergeCounts;
  /** Rows of the source already in the target (codes: by GUID or by path). */
  matched: MergeCounts & { codesByGuid: number; codesByPath: number };
  conflicts: MergeConflict[];
  /** What the source holds that a merge does not carry over (e.g. consensus decisions). */
  notMerged: string[];
}

export interface MergeReport {
  target: string;
  /** The copy of the target written before the merge, or null when no backup was asked for. */
  backup: string | null;
  sources: MergeSourceReport[];
  /** True when the merge changed nothing (everything was already in the target). */
  unchanged: boolean;
}

/** Output types of this namespace, one per channel. */
export interface ExchangeOutputs {
  'exchange:import': RefiImportReport;
  'exchange:export': RefiExportResult;
  'exchange:merge': MergeReport;
}
