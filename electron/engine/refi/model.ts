// The REFI-QDA interchange model: plain data read from / written to .qdpx, .qde and .qdc files.
// GUIDs are lowercase without braces; text is normalised (LF line endings, no BOM) and coding offsets
// are Accord offsets (UTF-16 code units into that normalised text, half-open [start, end)).
import type { AccordExtension } from './extension';

export type SourceKind = 'text' | 'pdf' | 'picture' | 'audio' | 'video';

export interface QdaUser {
  guid: string;
  name: string;
}

export interface QdaCode {
  guid: string;
  parentGuid: string | null;
  name: string;
  description: string;
  /** '#RRGGBB' or '#RGB' as written in the file, or null when the file gave none. */
  color: string | null;
  /** false for folders that only group other codes. */
  isCodable: boolean;
  /** Position among its siblings (0-based), in file order. */
  order: number;
}

export interface QdaSource {
  guid: string;
  name: string;
  kind: SourceKind;
  /** Normalised text (LF, no BOM); null for non-text sources and for text the file did not include. */
  text: string | null;
  creatingUser?: string;
}

export interface QdaCoding {
  /** The Coding element's GUID, when known (notes can point at it). */
  guid?: string;
  sourceGuid: string;
  codeGuid: string;
  /** The coder: the Coding's creatingUser, falling back to its selection's. */
  userGuid: string | null;
  start: number;
  end: number;
  /** The PlainTextSelection this coding came from; codings sharing it are written as one selection. */
  selectionGuid?: string;
  selectionName?: string;
}

export interface QdaNote {
  guid: string;
  name: string;
  text: string;
  /** GUIDs of what the note is attached to (codes, sources, selections, codings, ...). */
  targets: string[];
}

export interface QdaCase {
  guid: string;
  name: string;
  /** Variable name → value as text. */
  variables: Record<string, string>;
  sourceGuids: string[];
}

export interface QdaVariable {
  guid: string;
  name: string;
  /** REFI typeOfVariable: Text, Boolean, Integer, Float, Date or DateTime. */
  type: string;
}

export interface QdaSet {
  guid: string;
  name: string;
  memberSources: string[];
  memberCodes: string[];
}

/** A transcript of a recording, with the points that tie its text to the recording's time. */
export interface QdaTranscript {
  guid: string;
  name: string;
  /** Normalised text, or null when the file did not include it. */
  text: string | null;
  /** Accord offsets into `text` and the time (ms) spoken there, in text order. */
  syncPoints: { position: number; timeMs: number }[];
  /** Writing only: the text source whose text file this transcript shares. */
  textSourceGuid?: string;
}

/** An AudioSource or VideoSource: the recording (when the archive holds it) and its transcripts. */
export interface QdaMedia {
  guid: string;
  name: string;
  kind: 'audio' | 'video';
  /** File extension without the dot (`wav`, `mp4`), from the file's name or path. */
  ext: string;
  /** The recording's bytes, or null when the file is not in the archive. */
  bytes: Uint8Array | null;
  transcripts: QdaTranscript[];
}

export interface QdaProject {
  /** Recordings (AudioSource/VideoSource) with their transcripts. */
  media?: QdaMedia[];
  /** Accord's own data (accord/extension.json in a .qdpx), when the file carries it. */
  accord?: AccordExtension;
  origin: string | null;
  name: string | null;
  users: QdaUser[];
  codes: QdaCode[];
  sources: QdaSource[];
  codings: QdaCoding[];
  notes: QdaNote[];
  cases: QdaCase[];
  variables: QdaVariable[];
  sets: QdaSet[];
}

export type OffsetUnit = 'utf16' | 'codepoint';

/** How the file's offsets were read: the unit, and whether a CRLF pair counts as 1 or 2 positions. */
export interface OffsetReading {
  unit: OffsetUnit;
  crlf: 1 | 2;
}

export interface ReadReport {
  offsetUnit: OffsetUnit;
  /** How many positions a CRLF pair takes in the file's offsets (ATLAS.ti counts a line break as 1). */
  crlfCountsAs: 1 | 2;
  offsetReason: string;
  /** Things not imported: non-text sources, text sources whose text is missing, with their codings. */
  skipped: string[];
  warnings: string[];
}

/** An empty project, for building one up in code. */
export function emptyProject(): QdaProject {
  return {
    origin: null,
    name: null,
    users: [],
    codes: [],
    sources: [],
    codings: [],
    notes: [],
    cases: [],
    variables: [],
    sets: [],
  };
}
