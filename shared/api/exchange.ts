// Contract namespace: REFI-QDA import/export (.qdpx, .qde, .qdc) and merging coders' project files.
// Merged into the whole contract by shared/api/contract.ts.
import { z } from 'zod';
import { lazySchemas, once } from './lazy-schemas';
import type { DocumentId, ProjectInfo } from '../model/types';
import type { Access } from './access';
import { filePath } from './paths';

const documentId = once(() => z.number().int().positive() as unknown as z.ZodType<DocumentId>);

/** The latest a recording can start on its transcript's clock: 48 hours. */
export const MAX_STARTS_AT_MS = 48 * 3600 * 1000;

/** Recording files Accord plays, by extension. */
export const RECORDING_EXTENSIONS = ['mp3', 'm4a', 'wav', 'ogg', 'mp4', 'webm'] as const;

/** Input schemas of this namespace, one per channel. */
export const exchangeMethods = lazySchemas({
  /**
   * Import a REFI-QDA file into the open project in one transaction (all or nothing): `.qdpx` / `.qde`
   * bring users, codes, text sources, codings, notes, cases and variables; `.qdc` brings the codebook
   * only. Bytes travel as base64. Importing the same file twice changes nothing the second time.
   */
  'exchange:import': () => z.object({ fileName: z.string().min(1), dataBase64: z.string() }),
  /**
   * The open project as a REFI-QDA file: `qdpx` (project.qde + sources/*.txt), a bare `qde`, or the
   * codebook as `qdc`. Offsets in code points as the standard says, or UTF-16 units for NVivo.
   */
  'exchange:export': () => z.object({
    format: z.enum(['qdpx', 'qde', 'qdc']),
    offsets: z.enum(['codepoint', 'utf16']).default('codepoint'),
  }),
  /**
   * Merge other Accord project files (opened read-only) into the open project, in one transaction,
   * after writing a backup of it. Nothing is guessed: conflicts keep the open project's value and are
   * listed with the source's.
   */
  'exchange:merge': () => z.object({
    sources: z.array(filePath).min(1),
    backup: z.boolean().default(true),
  }),
  /**
   * Copy what can still be read from a damaged project file (`path`, opened read-only and never
   * changed) into a new project at `to`, and open that. Lost rows and rows whose parents were lost
   * are counted per table.
   */
  'project:recover': () => z.object({ path: filePath, to: filePath }),

  /** A transcript's recording and whether its file is where the project expects it, or null when it has none. */
  'recordings:get': () => z.object({ documentId: documentId() }),
  /** Every recording of the project with its status (missing or changed files are reported here). */
  'recordings:list': () => z.object({}).strict(),
  /**
   * Link a recording (mp3, m4a, wav, ogg, mp4, webm) to a transcript, or relink it: the file is copied
   * into the media folder beside the project (`NAME.media/`) and the project keeps its relative path
   * and SHA-256. Give the bytes (base64, with the file's name) or, on the desktop and command line, a path.
   */
  'recordings:link': () => z
    .object({ documentId: documentId(), fileName: z.string().min(1), dataBase64: z.string().optional(), path: filePath.optional() })
    .refine((v) => (v.dataBase64 === undefined) !== (v.path === undefined), 'give either dataBase64 or path'),
  /** Unlink a transcript's recording (its file stays in the media folder). */
  'recordings:unlink': () => z.object({ documentId: documentId() }),
  /**
   * Say where the recording starts on the transcript's clock (`startsAtMs`, see `Recording`): 0 when
   * the transcript's times count from the start of the recording, or for a transcript written with
   * clock times (Zoom's saved transcript, `[Jane Doe] 14:05:12`) the clock time the recording starts at.
   */
  'recordings:sync': () => z.object({ documentId: documentId(), startsAtMs: z.number().int().min(0).max(MAX_STARTS_AT_MS) }),
});

/** Who may call each channel of this namespace and what it may see (see ../api/access.ts). */
export const exchangeAccess = {
  'exchange:import': 'lead',
  'exchange:export': 'unblinded',
  'exchange:merge': 'lead',
  'project:recover': 'open',
  'recordings:get': 'read',
  'recordings:list': 'read',
  'recordings:link': 'write',
  'recordings:unlink': 'write',
  'recordings:sync': 'write',
} as const satisfies Record<keyof typeof exchangeMethods, Access>;

/** What recovering a damaged project copied, table by table. */
export interface RecoveryReport {
  from: string;
  to: string;
  /** Rows copied; damaged stretches met while reading (each loses one or more rows); rows dropped because their parent was lost. */
  tables: { table: string; copied: number; unreadable: number; dropped: number }[];
  /** True when every row was read and kept. */
  complete: boolean;
}

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
  /**
   * What came from the Accord extension file of an Accord .qdpx (rows created; the rest were already
   * in the project); absent for files from other tools.
   */
  accord?: AccordExtensionCounts;
  /** Recordings (AudioSource/VideoSource in the archive) linked to their transcripts. */
  recordings?: number;
}

/** Rows created from an Accord .qdpx's extension file. */
export interface AccordExtensionCounts {
  /** The consensus layer was recognised (its codings are the layer's, not a coder's). */
  consensusLayer: boolean;
  decisions: number;
  themes: number;
  quotes: number;
  assignments: number;
  coreqAnswers: number;
  savedQueries: number;
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
  'project:recover': { project: ProjectInfo; recovery: RecoveryReport };
  'recordings:get': Recording | null;
  'recordings:list': Recording[];
  'recordings:link': Recording;
  'recordings:unlink': null;
  'recordings:sync': Recording;
}

/** A transcript's audio or video recording. */
export interface Recording {
  documentId: DocumentId;
  kind: 'audio' | 'video';
  /** The file's name as it was linked. */
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  /** Where the copy lives, relative to the project file's folder (`study.media/12-ID21.mp3`). */
  path: string;
  /** The same, absolute, on the machine running the engine. */
  file: string;
  /** Known for WAV files; other formats tell the player. */
  durationMs: number | null;
  /**
   * The transcript's time (ms) at which the recording starts: a turn timed T is heard T − startsAtMs
   * into the file. 0 when the transcript's times count from the recording's start (subtitles, Otter,
   * Teams). A transcript whose times are clock times (Zoom's saved transcript and chat) gets the time of
   * its first turn when the recording is linked; the user can correct it (`recordings:sync`).
   */
  startsAtMs: number;
  /** `missing`: no file at `path`; `changed`: a file of another size is there. Relink to fix either. */
  status: 'ok' | 'missing' | 'changed';
}
