// Writes the interchange model as REFI-QDA: a .qdpx archive (project.qde + sources/<guid>.txt), a bare
// .qde with inline text, or a .qdc codebook. Output follows the element order and required attributes
// of the bundled Project.xsd / Codebook.xsd; offsets go out in code points (the standard) or UTF-16.

import { strToU8, zipSync, type Zippable } from 'fflate';
import { AccordError } from '../../../shared/errors';
import type { QdaCoding, QdaProject } from './model';
import { EXTENSION_ENTRY } from './extension';
import { codePointCounter } from './offsets';

export interface WriteOptions {
  /** Unit of startPosition/endPosition: 'codepoint' as the standard says, 'utf16' for NVivo. */
  offsets?: 'codepoint' | 'utf16';
  /** Timestamp written as creationDateTime (default: now). */
  now?: Date;
  /** Written as the origin attribute (default 'Accord'). */
  origin?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RGB = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i;
const VARIABLE_TYPES = ['Text', 'Boolean', 'Integer', 'Float', 'Date', 'DateTime'];

// XML 1.0 forbids most control characters and lone surrogates; they become U+FFFD (same UTF-16 length).
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escText(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

// Tabs and line breaks in attributes are escaped so attribute-value normalisation keeps them.
function escAttr(s: string): string {
  return escText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** A small XML writer that indents children and closes empty elements. */
class Xml {
  private lines: string[] = [];
  private depth = 0;
  private pad(): string {
    return '  '.repeat(this.depth);
  }
  private tag(name: string, attrs: Record<string, string | number | null | undefined>): string {
    const a = Object.entries(attrs)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => ` ${k}="${escAttr(String(v))}"`)
      .join('');
    return `<${name}${a}`;
  }
  open(name: string, attrs: Record<string, string | number | null | undefined> = {}): void {
    this.lines.push(`${this.pad()}${this.tag(name, attrs)}>`);
    this.depth += 1;
  }
  close(name: string): void {
    this.depth -= 1;
    this.lines.push(`${this.pad()}</${name}>`);
  }
  empty(name: string, attrs: Record<string, string | number | null | undefined> = {}): void {
    this.lines.push(`${this.pad()}${this.tag(name, attrs)}/>`);
  }
  /** An element holding text; the text is written verbatim (no indentation inside). */
  text(name: string, value: string, attrs: Record<string, string | number | null | undefined> = {}): void {
    this.lines.push(`${this.pad()}${this.tag(name, attrs)}>${escText(value)}</${name}>`);
  }
  toString(): string {
    return `<?xml version="1.0" encoding="utf-8"?>\n${this.lines.join('\n')}\n`;
  }
}

function checkGuid(g: string, what: string): string {
  if (!GUID.test(g)) throw new AccordError('INVALID_INPUT', `${what} has id '${g}', which is not a GUID`);
  return g;
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

function typedValueElement(type: string, value: string): string {
  const v = value.trim();
  if (type === 'Boolean' && /^(true|false|0|1)$/.test(v)) return 'BooleanValue';
  if (type === 'Integer' && /^[+-]?\d+$/.test(v)) return 'IntegerValue';
  if (type === 'Float' && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)) return 'FloatValue';
  if (type === 'Date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return 'DateValue';
  if (type === 'DateTime' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(v)) return 'DateTimeValue';
  return 'TextValue';
}

/** A selection's name when none is known: its text, cut at 100 characters with an ellipsis as ATLAS.ti does. */
function quote(t: string): string {
  if (t.length <= 100) return t;
  const cut = /[\uD800-\uDBFF]/.test(t.charAt(99)) ? 99 : 100;
  return `${t.slice(0, cut)}…`;
}

interface Selection {
  guid: string;
  name: string;
  start: number;
  end: number;
  codings: QdaCoding[];
}

/** Group codings into selections: by their selection GUID when known, otherwise by range. */
function groupSelections(codings: QdaCoding[]): Selection[] {
  const out = new Map<string, Selection>();
  for (const c of codings) {
    const key = c.selectionGuid ?? `${c.start}:${c.end}`;
    let s = out.get(key);
    if (!s) {
      s = { guid: c.selectionGuid ?? crypto.randomUUID(), name: c.selectionName ?? '', start: c.start, end: c.end, codings: [] };
      out.set(key, s);
    }
    s.codings.push(c);
  }
  return [...out.values()];
}

function buildProjectXml(project: QdaProject, opts: WriteOptions, inline: boolean): string {
  const unit = opts.offsets ?? 'codepoint';
  const x = new Xml();
  const noteRefs = new Map<string, string[]>();
  for (const n of project.notes) {
    checkGuid(n.guid, `note '${n.name}'`);
    for (const t of n.targets) noteRefs.set(t, [...(noteRefs.get(t) ?? []), n.guid]);
  }
  const writeNoteRefs = (guid: string): void => {
    for (const n of noteRefs.get(guid) ?? []) x.empty('NoteRef', { targetGUID: n });
  };
  const origin = opts.origin ?? (unit === 'utf16' ? 'Accord (offsets in UTF-16 code units)' : 'Accord');

  x.open('Project', {
    xmlns: 'urn:QDA-XML:project:1.0',
    name: project.name ?? 'Accord project',
    origin,
    creationDateTime: isoSeconds(opts.now ?? new Date()),
  });

  if (project.users.length > 0) {
    x.open('Users');
    for (const u of project.users) x.empty('User', { guid: checkGuid(u.guid, `user '${u.name}'`), name: u.name });
    x.close('Users');
  }

  if (project.codes.length > 0) {
    x.open('CodeBook');
    writeCodes(x, project, writeNoteRefs);
    x.close('CodeBook');
  }

  const variables = [...project.variables];
  for (const c of project.cases) {
    for (const name of Object.keys(c.variables)) {
      if (!variables.some((v) => v.name === name)) variables.push({ guid: crypto.randomUUID(), name, type: 'Text' });
    }
  }
  if (variables.length > 0) {
    x.open('Variables');
    for (const v of variables) {
      const type = VARIABLE_TYPES.includes(v.type) ? v.type : 'Text';
      x.empty('Variable', { guid: checkGuid(v.guid, `variable '${v.name}'`), name: v.name, typeOfVariable: type });
    }
    x.close('Variables');
  }

  const textSources = project.sources.filter((s) => s.kind === 'text' && s.text !== null);
  const written = new Set(textSources.map((s) => s.guid));
  if (project.cases.length > 0) {
    x.open('Cases');
    for (const c of project.cases) {
      x.open('Case', { guid: checkGuid(c.guid, `case '${c.name}'`), name: c.name });
      for (const [name, value] of Object.entries(c.variables)) {
        const v = variables.find((w) => w.name === name)!;
        x.open('VariableValue');
        x.empty('VariableRef', { targetGUID: v.guid });
        x.text(typedValueElement(v.type, value), value);
        x.close('VariableValue');
      }
      for (const s of c.sourceGuids) if (written.has(s)) x.empty('SourceRef', { targetGUID: s });
      x.close('Case');
    }
    x.close('Cases');
  }

  // Recordings travel only in an archive (a bare .qde has nowhere to put the file).
  const media = inline ? [] : (project.media ?? []).filter((m) => m.bytes !== null);
  if (textSources.length > 0 || media.length > 0) {
    x.open('Sources');
    for (const s of textSources) {
      const text = s.text!;
      const toPos = unit === 'codepoint' ? codePointCounter(text) : (o: number) => o;
      const attrs = {
        guid: checkGuid(s.guid, `source '${s.name}'`),
        name: s.name,
        plainTextPath: inline ? null : `internal://${s.guid}.txt`,
        creatingUser: s.creatingUser && GUID.test(s.creatingUser) ? s.creatingUser : null,
      };
      x.open('TextSource', attrs);
      if (inline) x.text('PlainTextContent', text);
      const codings = project.codings.filter((c) => c.sourceGuid === s.guid);
      for (const sel of groupSelections(codings)) {
        if (sel.start < 0 || sel.end > text.length || sel.start > sel.end) {
          throw new AccordError('INVALID_INPUT', `coding on source '${s.name}' at [${sel.start}, ${sel.end}) lies outside its text`);
        }
        x.open('PlainTextSelection', {
          guid: checkGuid(sel.guid, `selection in source '${s.name}'`),
          name: sel.name || quote(text.slice(sel.start, sel.end)),
          startPosition: toPos(sel.start),
          endPosition: toPos(sel.end),
          creatingUser: sel.codings[0].userGuid ? checkGuid(sel.codings[0].userGuid, `coder of a coding in '${s.name}'`) : null,
        });
        for (const c of sel.codings) {
          const guid = c.guid ?? crypto.randomUUID();
          x.open('Coding', { guid: checkGuid(guid, `coding in source '${s.name}'`), creatingUser: c.userGuid });
          x.empty('CodeRef', { targetGUID: checkGuid(c.codeGuid, `code of a coding in '${s.name}'`) });
          writeNoteRefs(guid);
          x.close('Coding');
        }
        writeNoteRefs(sel.guid);
        x.close('PlainTextSelection');
      }
      writeNoteRefs(s.guid);
      x.close('TextSource');
    }
    for (const m of media) {
      const element = m.kind === 'video' ? 'VideoSource' : 'AudioSource';
      x.open(element, { guid: checkGuid(m.guid, `recording '${m.name}'`), name: m.name, path: `internal://${m.guid}.${m.ext}` });
      for (const t of m.transcripts) {
        const source = textSources.find((s) => s.guid === t.textSourceGuid);
        const text = source?.text ?? t.text;
        if (text === null) continue;
        const toPos = unit === 'codepoint' ? codePointCounter(text) : (o: number) => o;
        x.open('Transcript', { guid: checkGuid(t.guid, `transcript of '${m.name}'`), name: t.name, plainTextPath: `internal://${source ? source.guid : t.guid}.txt` });
        for (const p of t.syncPoints) {
          x.empty('SyncPoint', { guid: stableSyncGuid(t.guid, p.position), timeStamp: Math.round(p.timeMs), position: toPos(p.position) });
        }
        x.close('Transcript');
      }
      x.close(element);
    }
    x.close('Sources');
  }

  if (project.notes.length > 0) {
    x.open('Notes');
    for (const n of project.notes) {
      x.open('Note', { guid: n.guid, name: n.name });
      x.text('PlainTextContent', n.text);
      x.close('Note');
    }
    x.close('Notes');
  }

  const codeGuids = new Set(project.codes.map((c) => c.guid));
  if (project.sets.length > 0) {
    x.open('Sets');
    for (const set of project.sets) {
      x.open('Set', { guid: checkGuid(set.guid, `set '${set.name}'`), name: set.name });
      for (const c of set.memberCodes) if (codeGuids.has(c)) x.empty('MemberCode', { targetGUID: c });
      for (const s of set.memberSources) if (written.has(s)) x.empty('MemberSource', { targetGUID: s });
      x.close('Set');
    }
    x.close('Sets');
  }
  x.close('Project');
  return x.toString();
}

/** Writes <Codes> with the hierarchy nested; `writeNoteRefs` adds a code's NoteRefs (project files only). */
function writeCodes(x: Xml, project: QdaProject, writeNoteRefs: ((guid: string) => void) | null): void {
  const children = new Map<string | null, typeof project.codes>();
  const known = new Set(project.codes.map((c) => c.guid));
  for (const c of project.codes) {
    checkGuid(c.guid, `code '${c.name}'`);
    const parent = c.parentGuid !== null && known.has(c.parentGuid) ? c.parentGuid : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  for (const list of children.values()) list.sort((a, b) => a.order - b.order);
  const emit = (parent: string | null, seen: Set<string>): void => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.guid)) throw new AccordError('INVALID_INPUT', `code '${c.name}' is its own ancestor`);
      const attrs = { guid: c.guid, name: c.name, isCodable: c.isCodable ? 'true' : 'false', color: c.color && RGB.test(c.color) ? c.color : null };
      const kids = children.get(c.guid) ?? [];
      const hasNotes = writeNoteRefs !== null && project.notes.some((n) => n.targets.includes(c.guid));
      if (!c.description && kids.length === 0 && !hasNotes) {
        x.empty('Code', attrs);
        continue;
      }
      x.open('Code', attrs);
      if (c.description) x.text('Description', c.description);
      writeNoteRefs?.(c.guid);
      emit(c.guid, new Set([...seen, c.guid]));
      x.close('Code');
    }
  };
  x.open('Codes');
  emit(null, new Set());
  x.close('Codes');
}

/** The project as a bare .qde document with each source's text inline in PlainTextContent. */
export function writeQde(project: QdaProject, opts: WriteOptions = {}): string {
  return buildProjectXml(project, opts, true);
}

/** A sync point's GUID from its transcript and position, so exports of the same data agree. */
function stableSyncGuid(transcript: string, position: number): string {
  const tail = position.toString(16).padStart(12, '0').slice(-12);
  return `${transcript.slice(0, 24)}${tail}`;
}

/** The project as a .qdpx archive: project.qde plus sources/<guid>.txt (UTF-8, no BOM) per text source. */
export function writeQdpx(project: QdaProject, opts: WriteOptions = {}): Uint8Array {
  const files: Zippable = { 'project.qde': strToU8(buildProjectXml(project, opts, false)) };
  for (const s of project.sources) {
    if (s.kind === 'text' && s.text !== null) files[`sources/${s.guid}.txt`] = strToU8(s.text);
  }
  for (const m of project.media ?? []) {
    if (m.bytes === null) continue;
    // Audio and video are compressed already: stored as they are.
    files[`sources/${m.guid}.${m.ext}`] = [m.bytes, { level: 0 }];
    for (const t of m.transcripts) if (!t.textSourceGuid && t.text !== null) files[`sources/${t.guid}.txt`] = strToU8(t.text);
  }
  if (project.accord) files[EXTENSION_ENTRY] = strToU8(JSON.stringify(project.accord, null, 1));
  return zipSync(files, { level: 6 });
}

/** The codebook (codes and the code members of sets) as a .qdc document. */
export function writeQdc(project: QdaProject, opts: Pick<WriteOptions, 'origin'> = {}): string {
  if (project.codes.length === 0) throw new AccordError('INVALID_INPUT', 'a codebook needs at least one code');
  const x = new Xml();
  x.open('CodeBook', { xmlns: 'urn:QDA-XML:codebook:1.0', origin: opts.origin ?? 'Accord' });
  writeCodes(x, project, null);
  const codeGuids = new Set(project.codes.map((c) => c.guid));
  const sets = project.sets.filter((s) => s.memberCodes.some((c) => codeGuids.has(c)));
  if (sets.length > 0) {
    x.open('Sets');
    for (const set of sets) {
      x.open('Set', { guid: checkGuid(set.guid, `set '${set.name}'`), name: set.name });
      for (const c of set.memberCodes) if (codeGuids.has(c)) x.empty('MemberCode', { guid: c });
      x.close('Set');
    }
    x.close('Sets');
  }
  x.close('CodeBook');
  return x.toString();
}
