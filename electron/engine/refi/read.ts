// Reads REFI-QDA files (.qdpx archive, bare .qde project, .qdc codebook) into the interchange model,
// converting the file's selection offsets to Accord offsets and saying in a report what was skipped.
// Any structural problem throws AccordError('BAD_FILE') naming the file and element; nothing partial.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AccordError } from '../../../shared/errors';
import type {
  OffsetReading,
  QdaCase,
  QdaCode,
  QdaCoding,
  QdaNote,
  QdaMedia,
  QdaProject,
  QdaTranscript,
  QdaSet,
  QdaSource,
  QdaUser,
  QdaVariable,
  ReadReport,
  SourceKind,
} from './model';
import { buildOffsetMap, detectReading, normaliseText, readingLabel, type DetectInput } from './offsets';
import { EXTENSION_ENTRY, parseExtension } from './extension';
import { isZip, openZip, type ZipArchive, type ZipEntry, type ZipLimits } from './zip';

/** A parsed XML element with namespace prefixes removed from its name. */
export interface XEl {
  name: string;
  attrs: Record<string, string>;
  children: XEl[];
  text: string;
}

export interface ReadOptions {
  zipLimits?: ZipLimits;
}

export interface ReadResult {
  project: QdaProject;
  report: ReadReport;
}

const PROJECT_NS = /^urn:QDA-XML:project:(1\.0|1:0)$/i;
const CODEBOOK_NS = /^urn:QDA-XML:codebook:(1\.0|1:0|0:4|0\.4)$/i;
const VALUE_ELEMENTS = ['TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue'];
const NON_TEXT_KINDS: Record<string, SourceKind> = {
  PDFSource: 'pdf',
  PictureSource: 'picture',
  AudioSource: 'audio',
  VideoSource: 'video',
};

/** Lowercase, trimmed and without braces: the one form GUIDs take in the model. */
export function normaliseGuid(g: string): string {
  return g.trim().replace(/^\{/, '').replace(/\}$/, '').toLowerCase();
}

/** Decode a text file's bytes: UTF-8 unless a UTF-16 BOM says otherwise; the BOM is dropped. */
export function decodeText(bytes: Uint8Array): string {
  let enc = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) enc = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) enc = 'utf-16be';
  const s = new TextDecoder(enc).decode(bytes);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

type Raw = Record<string, unknown>;

function convert(node: Raw): XEl | null {
  const tag = Object.keys(node).find((k) => k !== ':@');
  if (!tag || tag === '#text') return null;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries((node[':@'] as Raw | undefined) ?? {})) attrs[k] = String(v);
  const el: XEl = { name: tag.includes(':') ? tag.slice(tag.indexOf(':') + 1) : tag, attrs, children: [], text: '' };
  const kids = (node[tag] as Raw[] | undefined) ?? [];
  for (const k of kids) {
    if ('#text' in k) el.text += String(k['#text']);
    else {
      const c = convert(k);
      if (c) el.children.push(c);
    }
  }
  return el;
}

/**
 * Longest attribute value accepted (characters). REFI-QDA keeps long text in elements; attributes hold
 * names, GUIDs, paths and short descriptions. The XML parser holds an attribute several times over
 * while it works (a 50 MB attribute took it to 2.4 GB), so a longer one is refused before parsing.
 */
export const MAX_XML_ATTRIBUTE = 1024 * 1024;

/** Throws BAD_FILE naming the line of the first attribute value longer than MAX_XML_ATTRIBUTE. */
function checkAttributeLengths(fileName: string, text: string): void {
  let at = text.indexOf('<');
  while (at !== -1) {
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      at = end === -1 ? -1 : text.indexOf('<', end + 3);
      continue;
    }
    if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at + 9);
      at = end === -1 ? -1 : text.indexOf('<', end + 3);
      continue;
    }
    // Inside a tag: skip quoted values (which may hold '>'), measuring each, up to the closing '>'.
    let i = at + 1;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 62 /* > */) break;
      if (c === 34 /* " */ || c === 39 /* ' */) {
        const close = text.indexOf(c === 34 ? '"' : "'", i + 1);
        if (close === -1) return; // not well-formed: the validator reports it
        if (close - i - 1 > MAX_XML_ATTRIBUTE) {
          const line = text.slice(0, i).split('\n').length;
          throw new AccordError('BAD_FILE', `${fileName}: an attribute value on line ${line} is longer than ${MAX_XML_ATTRIBUTE.toLocaleString('en')} characters`);
        }
        i = close;
      }
    }
    at = text.indexOf('<', i + 1);
  }
}

/** Check well-formedness and parse XML into an element tree; throws BAD_FILE naming `fileName`. */
export function parseXml(fileName: string, xml: string): { root: XEl; rootTag: string } {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (/<!DOCTYPE/i.test(text)) throw new AccordError('BAD_FILE', `${fileName}: DOCTYPE declarations are not allowed in REFI-QDA XML`);
  checkAttributeLengths(fileName, text);
  const v = XMLValidator.validate(text);
  if (v !== true) {
    throw new AccordError('BAD_FILE', `${fileName}: XML is not well-formed (line ${v.err.line}, column ${v.err.col}): ${v.err.msg}`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    // Needed for numeric character references (&#xD;, &#233;); '&amp;' is still decoded only once.
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const nodes = parser.parse(text) as Raw[];
  for (const n of nodes) {
    const tag = Object.keys(n).find((k) => k !== ':@');
    if (tag && tag !== '#text') {
      const root = convert(n);
      if (root) return { root, rootTag: tag };
    }
  }
  throw new AccordError('BAD_FILE', `${fileName}: no root element`);
}

const kids = (el: XEl | undefined, name: string): XEl[] => (el ? el.children.filter((c) => c.name === name) : []);
const kid = (el: XEl | undefined, name: string): XEl | undefined => el?.children.find((c) => c.name === name);

function* walk(el: XEl): Generator<XEl> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

/**
 * Read a REFI-QDA file. `.qdpx` (or any zip) is an archive holding one `.qde` and its sources; a bare
 * `.qde` or `.qdc` is XML. Returns the model with Accord offsets and a report of the offset reading
 * used, what was skipped and anything odd.
 */
export function readRefi(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  const ext = /\.[^./\\]+$/.exec(fileName)?.[0].toLowerCase() ?? '';
  if (isZip(bytes) || ext === '.qdpx') {
    const zip = openZip(fileName, bytes, options.zipLimits);
    const qdes = zip.entries.filter((e) => /\.qde$/i.test(e.name) && !e.name.endsWith('/'));
    if (qdes.length === 0) throw new AccordError('BAD_FILE', `${fileName}: the archive holds no .qde project file`);
    // Prefer a project file at the archive root; tools name it freely (project.qde, <name>.qde).
    qdes.sort((a, b) => a.name.split('/').length - b.name.split('/').length);
    const entry = qdes[0];
    const where = `${fileName} (${entry.name})`;
    const { root, rootTag } = parseXml(where, decodeText(zip.read(entry)));
    const result = readProject(where, root, rootTag, zip);
    const ext = zip.find(EXTENSION_ENTRY);
    if (ext) result.project.accord = parseExtension(`${fileName} (${ext.name})`, new TextDecoder('utf-8').decode(zip.read(ext)));
    if (qdes.length > 1) result.report.warnings.push(`the archive holds ${qdes.length} .qde files; read ${entry.name}`);
    return result;
  }
  const { root, rootTag } = parseXml(fileName, decodeText(bytes));
  if (root.name === 'CodeBook') return readCodebook(fileName, root, rootTag);
  return readProject(fileName, root, rootTag, null);
}

function rootNamespace(root: XEl, rootTag: string): string | undefined {
  const prefix = rootTag.includes(':') ? rootTag.slice(0, rootTag.indexOf(':')) : null;
  return prefix ? root.attrs[`xmlns:${prefix}`] : root.attrs.xmlns;
}

function newReport(): ReadReport {
  return { offsetUnit: 'codepoint', crlfCountsAs: 2, offsetReason: '', skipped: [], warnings: [] };
}

function emptyModel(origin: string | null, name: string | null): QdaProject {
  return { origin, name, users: [], codes: [], sources: [], codings: [], notes: [], cases: [], variables: [], sets: [] };
}

/** Shared reader state: the file name for messages and a GUID getter that insists the attribute exists. */
class Ctx {
  constructor(readonly fileName: string) {}
  bad(msg: string): AccordError {
    return new AccordError('BAD_FILE', `${this.fileName}: ${msg}`);
  }
  guid(el: XEl, attr = 'guid'): string {
    const v = el.attrs[attr];
    if (!v || !v.trim()) {
      const label = el.attrs.name ? ` name="${el.attrs.name}"` : '';
      throw this.bad(`<${el.name}${label}> has no ${attr} attribute`);
    }
    return normaliseGuid(v);
  }
  optGuid(el: XEl, attr: string): string | null {
    const v = el.attrs[attr];
    return v && v.trim() ? normaliseGuid(v) : null;
  }
}

function readCodes(ctx: Ctx, codesEl: XEl | undefined): QdaCode[] {
  const out: QdaCode[] = [];
  const seen = new Set<string>();
  const visit = (list: XEl[], parentGuid: string | null): void => {
    list.forEach((el, order) => {
      const guid = ctx.guid(el);
      if (seen.has(guid)) throw ctx.bad(`<Code name="${el.attrs.name ?? ''}"> repeats GUID ${guid}`);
      seen.add(guid);
      const color = el.attrs.color?.trim();
      out.push({
        guid,
        parentGuid,
        name: el.attrs.name ?? '',
        description: kid(el, 'Description')?.text ?? '',
        color: color ? color : null,
        isCodable: !/^(false|0)$/i.test((el.attrs.isCodable ?? 'true').trim()),
        order,
      });
      visit(kids(el, 'Code'), guid);
    });
  };
  visit(kids(codesEl, 'Code'), null);
  return out;
}

function readCodebook(fileName: string, root: XEl, rootTag: string): ReadResult {
  const ctx = new Ctx(fileName);
  const report = newReport();
  const ns = rootNamespace(root, rootTag);
  if (!ns || !CODEBOOK_NS.test(ns)) report.warnings.push(`namespace '${ns ?? '(none)'}' is not a REFI-QDA codebook namespace; read anyway`);
  const project = emptyModel(root.attrs.origin ?? null, null);
  project.codes = readCodes(ctx, kid(root, 'Codes'));
  const codeGuids = new Set(project.codes.map((c) => c.guid));
  for (const s of kids(kid(root, 'Sets'), 'Set')) {
    const memberCodes = kids(s, 'MemberCode').map((m) => ctx.optGuid(m, 'guid') ?? ctx.guid(m, 'targetGUID'));
    for (const m of memberCodes) if (!codeGuids.has(m)) report.warnings.push(`set '${s.attrs.name ?? ''}' names code ${m}, which is not in the codebook`);
    project.sets.push({ guid: ctx.guid(s), name: s.attrs.name ?? '', memberSources: [], memberCodes });
  }
  report.offsetReason = 'codebook: no text selections';
  return { project, report };
}

interface PendingSelection {
  guid: string;
  name: string;
  start: number;
  end: number;
  whole: boolean;
  codings: { guid: string; codeGuid: string; userGuid: string | null }[];
}

interface PendingSource {
  source: QdaSource;
  raw: string | null;
  selections: PendingSelection[];
}

/** Archive entries that hold another archive: a .qdpx or .zip inside a .qdpx is never read as a source. */
const NESTED_ARCHIVE = /\.(zip|qdpx|7z|rar|tar|gz|tgz)$/i;

function refuseNestedArchive(ctx: Ctx, entryName: string, bytes: Uint8Array): void {
  if (NESTED_ARCHIVE.test(entryName) || isZip(bytes)) {
    throw ctx.bad(`'${entryName}' is an archive inside the archive; nested archives are not imported (unpack it and import its files separately)`);
  }
}

/**
 * Find the archive entry a source's `plainTextPath`/`path` names. Tools write it in several forms:
 * `internal://x.txt` (the standard: relative to the archive's sources folder), a bare relative name
 * (`interview.txt`, as QualCoder writes; `Sources/a/b.txt`), or an absolute `file://` URL or path
 * (the file as it lay on the author's disk, which some tools also copy into sources/). The sources
 * folder is matched in any case. Returns the entry, null when it is not there, or 'outside' for a
 * file that lives only outside the archive (never read from this machine's disk).
 */
export function resolveSourcePath(zip: ZipArchive | null, path: string): ZipEntry | null | 'outside' {
  const p = path.trim();
  const internal = /^internal:\/\/+(.+)$/i.exec(p);
  const fileUrl = /^(?:file|relative):\/\/(.*)$/i.exec(p);
  const otherUrl = !internal && !fileUrl && /^[a-z][a-z0-9+.-]+:\/\//i.test(p);
  const absolute = !internal && !fileUrl && (p.startsWith('/') || p.startsWith('\\') || /^[a-zA-Z]:[\\/]/.test(p));
  if (otherUrl) return 'outside';
  let rel: string;
  if (internal) rel = internal[1];
  else if (fileUrl) {
    try {
      rel = decodeURIComponent(fileUrl[1]);
    } catch {
      rel = fileUrl[1];
    }
  } else rel = p;
  rel = rel.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const base = rel.split('/').pop()!.toLowerCase();
  const byBase = (): ZipEntry | undefined => {
    if (!zip || !base) return undefined;
    const inSources = zip.entries.filter((e) => e.name.split('/').pop()!.toLowerCase() === base);
    return inSources.find((e) => /(^|\/)sources\//i.test(e.name)) ?? inSources[0];
  };
  if (fileUrl || absolute) return byBase() ?? 'outside';
  if (!zip) return null;
  if (rel.split('/').includes('..')) return null;
  return zip.find(`sources/${rel}`) ?? zip.find(rel) ?? byBase() ?? null;
}

function readProject(fileName: string, root: XEl, rootTag: string, zip: ZipArchive | null): ReadResult {
  const ctx = new Ctx(fileName);
  const report = newReport();
  if (root.name !== 'Project') throw ctx.bad(`root element is <${root.name}>, expected <Project> or <CodeBook>`);
  const ns = rootNamespace(root, rootTag);
  if (!ns || !PROJECT_NS.test(ns)) report.warnings.push(`namespace '${ns ?? '(none)'}' is not a REFI-QDA project namespace; read anyway`);
  const project = emptyModel(root.attrs.origin ?? null, root.attrs.name ?? null);

  project.users = kids(kid(root, 'Users'), 'User').map((u): QdaUser => ({ guid: ctx.guid(u), name: u.attrs.name ?? u.attrs.id ?? '' }));
  project.codes = readCodes(ctx, kid(kid(root, 'CodeBook'), 'Codes'));
  const codeGuids = new Set(project.codes.map((c) => c.guid));

  // Every Coding anywhere (text, PDF, picture, notes) must name a code in the codebook.
  for (const el of walk(root)) {
    if (el.name !== 'Coding') continue;
    const ref = kid(el, 'CodeRef');
    if (!ref) throw ctx.bad(`Coding ${ctx.optGuid(el, 'guid') ?? '(no guid)'} has no CodeRef`);
    const target = ctx.guid(ref, 'targetGUID');
    if (!codeGuids.has(target)) {
      throw ctx.bad(`Coding ${ctx.optGuid(el, 'guid') ?? '(no guid)'} refers to code ${target}, which is not in the codebook`);
    }
  }

  const readText = (el: XEl, what: string): string | null => {
    const content = kid(el, 'PlainTextContent');
    if (content) return content.text;
    const path = el.attrs.plainTextPath;
    if (!path) return null;
    const found = resolveSourcePath(zip, path);
    if (found === 'outside') {
      report.warnings.push(`${what}: text file '${path}' is outside the project file and was not read`);
      return null;
    }
    if (found === null) {
      report.warnings.push(`${what}: text file '${path}' is not in ${zip ? 'the archive' : 'a bare .qde file'}`);
      return null;
    }
    const bytes = zip!.read(found);
    refuseNestedArchive(ctx, found.name, bytes);
    return decodeText(bytes);
  };

  const codingsOf = (el: XEl, fallbackUser: string | null): PendingSelection['codings'] =>
    kids(el, 'Coding').map((c) => ({
      guid: ctx.guid(c),
      codeGuid: ctx.guid(kid(c, 'CodeRef')!, 'targetGUID'),
      userGuid: ctx.optGuid(c, 'creatingUser') ?? fallbackUser,
    }));

  const pending: PendingSource[] = [];
  const pendingMedia: PendingMedia[] = [];
  const sourcesEl = kid(root, 'Sources');
  for (const el of sourcesEl?.children ?? []) {
    const guid = ctx.guid(el);
    const name = el.attrs.name ?? guid;
    const creatingUser = ctx.optGuid(el, 'creatingUser') ?? undefined;
    if (el.name === 'TextSource') {
      const raw = readText(el, `source '${name}'`);
      const source: QdaSource = { guid, name, kind: 'text', text: raw === null ? null : normaliseText(raw) };
      if (creatingUser) source.creatingUser = creatingUser;
      const selections: PendingSelection[] = kids(el, 'PlainTextSelection').map((s) => {
        const sg = ctx.guid(s);
        const num = (attr: string): number => {
          const v = (s.attrs[attr] ?? '').trim();
          if (!/^[+-]?\d+$/.test(v)) throw ctx.bad(`PlainTextSelection ${sg} has ${attr}="${s.attrs[attr] ?? ''}", not an integer`);
          return Number(v);
        };
        const selUser = ctx.optGuid(s, 'creatingUser');
        return { guid: sg, name: s.attrs.name ?? '', start: num('startPosition'), end: num('endPosition'), whole: false, codings: codingsOf(s, selUser) };
      });
      // A Coding straight on the source codes the whole document.
      const whole = codingsOf(el, null);
      if (whole.length > 0) selections.push({ guid: '', name: '', start: 0, end: 0, whole: true, codings: whole });
      if (kids(el, 'VariableValue').length > 0) report.warnings.push(`source '${name}': variable values on sources are not imported`);
      pending.push({ source, raw, selections });
      if (raw === null) {
        const n = selections.reduce((k, s) => k + s.codings.length, 0);
        report.skipped.push(`${name} (text): its plain text is not in the file${n ? `; ${n} codings not imported` : ''}`);
      }
    } else if (el.name in NON_TEXT_KINDS) {
      const kind = NON_TEXT_KINDS[el.name];
      const source: QdaSource = { guid, name, kind, text: null };
      if (creatingUser) source.creatingUser = creatingUser;
      project.sources.push(source);
      const n = [...walk(el)].filter((x) => x.name === 'Coding').length;
      const media = kind === 'audio' || kind === 'video' ? readMedia(ctx, el, guid, name, kind, zip, readText) : null;
      if (media?.media.bytes) {
        pendingMedia.push(media);
        if (n) report.skipped.push(`${name} (${kind}): ${n} codings of the recording's time or its transcript not imported`);
      } else report.skipped.push(`${name} (${kind}): only text sources are imported${n ? `; ${n} codings not imported` : ''}`);
    } else {
      report.warnings.push(`unknown source element <${el.name}> ignored`);
    }
  }

  // Decide how this file counts offsets, from the sources whose text we have.
  const inputs: DetectInput[] = pending
    .filter((p) => p.raw !== null)
    .map((p) => ({ raw: p.raw!, selections: p.selections.filter((s) => !s.whole) }));
  const { reading, reason } = detectReading(project.origin, inputs);
  report.offsetUnit = reading.unit;
  report.crlfCountsAs = reading.crlf;
  report.offsetReason = reason;

  const users = new Set(project.users.map((u) => u.guid));
  const unknownUsers = new Set<string>();
  for (const p of pending) {
    project.sources.push(p.source);
    if (p.raw === null) continue;
    mapSelections(p, reading, project.codings, report);
  }
  for (const c of project.codings) if (c.userGuid && !users.has(c.userGuid)) unknownUsers.add(c.userGuid);
  if (pendingMedia.length > 0) project.media = pendingMedia.map((m) => mapMedia(m, reading));
  if (unknownUsers.size > 0) report.warnings.push(`codings by users not in <Users>: ${[...unknownUsers].join(', ')}`);
  // Keep the file's source order (text and non-text interleaved as written).
  const order = new Map((sourcesEl?.children ?? []).map((el, i) => [ctx.optGuid(el, 'guid') ?? '', i]));
  project.sources.sort((a, b) => (order.get(a.guid) ?? 0) - (order.get(b.guid) ?? 0));

  project.variables = kids(kid(root, 'Variables'), 'Variable').map(
    (v): QdaVariable => ({ guid: ctx.guid(v), name: v.attrs.name ?? '', type: v.attrs.typeOfVariable ?? 'Text' }),
  );
  project.cases = readCases(ctx, root, project.variables, report);
  project.notes = readNotes(ctx, root, readText, report);
  project.sets = kids(kid(root, 'Sets'), 'Set').map((s): QdaSet => {
    if (kids(s, 'MemberNote').length > 0) report.warnings.push(`set '${s.attrs.name ?? ''}': note members are not imported`);
    return {
      guid: ctx.guid(s),
      name: s.attrs.name ?? '',
      memberSources: kids(s, 'MemberSource').map((m) => ctx.guid(m, 'targetGUID')),
      memberCodes: kids(s, 'MemberCode').map((m) => ctx.optGuid(m, 'targetGUID') ?? ctx.guid(m, 'guid')),
    };
  });
  const graphs = kids(kid(root, 'Graphs'), 'Graph').length;
  if (graphs > 0) report.warnings.push(`${graphs} graph(s) not imported`);
  return { project, report };
}

interface PendingMedia {
  media: QdaMedia;
  raw: (string | null)[];
  points: { position: number; timeMs: number }[][];
}

/** An AudioSource/VideoSource: its file from the archive (when there) and its transcripts with sync points. */
function readMedia(
  ctx: Ctx,
  el: XEl,
  guid: string,
  name: string,
  kind: 'audio' | 'video',
  zip: ZipArchive | null,
  readText: (el: XEl, what: string) => string | null,
): PendingMedia {
  const path = el.attrs.path ?? el.attrs.currentPath ?? '';
  const found = path ? resolveSourcePath(zip, path) : null;
  let bytes: Uint8Array | null = null;
  if (found && found !== 'outside') {
    bytes = zip!.read(found);
    refuseNestedArchive(ctx, found.name, bytes);
  }
  const ext = (/\.([A-Za-z0-9]{1,5})$/.exec(found && found !== 'outside' ? found.name : path || name)?.[1] ?? '').toLowerCase();
  const raw: (string | null)[] = [];
  const points: { position: number; timeMs: number }[][] = [];
  const transcripts: QdaTranscript[] = kids(el, 'Transcript').map((t) => {
    const text = readText(t, `transcript '${t.attrs.name ?? ''}' of '${name}'`);
    raw.push(text);
    points.push(
      kids(t, 'SyncPoint')
        .map((p) => ({ position: Number(p.attrs.position), timeMs: Number(p.attrs.timeStamp) }))
        .filter((p) => Number.isInteger(p.position) && p.position >= 0 && Number.isFinite(p.timeMs) && p.timeMs >= 0),
    );
    return { guid: ctx.guid(t), name: t.attrs.name ?? '', text: text === null ? null : normaliseText(text), syncPoints: [] };
  });
  return { media: { guid, name, kind, ext, bytes, transcripts }, raw, points };
}

/** Sync point positions to Accord offsets, read the same way as the file's selections. */
function mapMedia(m: PendingMedia, reading: OffsetReading): QdaMedia {
  m.media.transcripts.forEach((t, i) => {
    const raw = m.raw[i];
    if (raw === null) return;
    const map = buildOffsetMap(raw, reading);
    t.syncPoints = m.points[i]
      .map((p) => ({ position: map.toNorm(p.position), timeMs: p.timeMs }))
      .filter((p): p is { position: number; timeMs: number } => p.position !== null)
      .sort((a, b) => a.position - b.position);
  });
  return m.media;
}

function mapSelections(p: PendingSource, reading: OffsetReading, out: QdaCoding[], report: ReadReport): void {
  const raw = p.raw!;
  const map = buildOffsetMap(raw, reading);
  const textLength = p.source.text!.length;
  for (const s of p.selections) {
    let start: number | null = 0;
    let end: number | null = textLength;
    if (!s.whole) {
      start = map.toNorm(s.start);
      end = map.toNorm(s.end);
      if (start === null || end === null || start >= end) {
        const why =
          start === null || end === null
            ? `lies outside its text (${map.rawLength} positions in ${readingLabel(reading)})`
            : 'is empty or reversed';
        report.warnings.push(
          `selection ${s.guid} [${s.start}, ${s.end}) in source '${p.source.name}' ${why}; its ${s.codings.length} coding(s) skipped`,
        );
        continue;
      }
    }
    for (const c of s.codings) {
      const coding: QdaCoding = { guid: c.guid, sourceGuid: p.source.guid, codeGuid: c.codeGuid, userGuid: c.userGuid, start, end };
      if (!s.whole) {
        coding.selectionGuid = s.guid;
        if (s.name) coding.selectionName = s.name;
      }
      out.push(coding);
    }
  }
}

function readCases(ctx: Ctx, root: XEl, variables: QdaVariable[], report: ReadReport): QdaCase[] {
  const varName = new Map(variables.map((v) => [v.guid, v.name]));
  return kids(kid(root, 'Cases'), 'Case').map((c): QdaCase => {
    const values: Record<string, string> = {};
    for (const vv of kids(c, 'VariableValue')) {
      const ref = kid(vv, 'VariableRef');
      if (!ref) throw ctx.bad(`a VariableValue in case ${ctx.guid(c)} has no VariableRef`);
      const vg = ctx.guid(ref, 'targetGUID');
      const name = varName.get(vg);
      if (name === undefined) report.warnings.push(`case '${c.attrs.name ?? ''}': variable ${vg} is not declared; named by its GUID`);
      const valueEl = vv.children.find((x) => VALUE_ELEMENTS.includes(x.name));
      values[name ?? vg] = valueEl?.text ?? '';
    }
    if (kids(c, 'SelectionRef').length > 0 || kids(c, 'CodeRef').length > 0) {
      report.warnings.push(`case '${c.attrs.name ?? ''}': code and selection references are not imported`);
    }
    return { guid: ctx.guid(c), name: c.attrs.name ?? '', variables: values, sourceGuids: kids(c, 'SourceRef').map((r) => ctx.guid(r, 'targetGUID')) };
  });
}

function readNotes(ctx: Ctx, root: XEl, readText: (el: XEl, what: string) => string | null, report: ReadReport): QdaNote[] {
  const notes = kids(kid(root, 'Notes'), 'Note').map((n): QdaNote => {
    const name = n.attrs.name ?? '';
    return { guid: ctx.guid(n), name, text: normaliseText(readText(n, `note '${name}'`) ?? ''), targets: [] };
  });
  const byGuid = new Map(notes.map((n) => [n.guid, n]));
  const attach = (noteGuid: string, target: string): void => {
    const note = byGuid.get(noteGuid);
    if (!note) report.warnings.push(`reference to note ${noteGuid}, which is not in <Notes>`);
    else if (!note.targets.includes(target)) note.targets.push(target);
  };
  // A NoteRef attaches the note to the element that holds it.
  for (const el of walk(root)) {
    if (el === root || !el.attrs.guid) continue;
    for (const ref of kids(el, 'NoteRef')) attach(ctx.guid(ref, 'targetGUID'), normaliseGuid(el.attrs.guid));
  }
  if (kids(root, 'NoteRef').length > 0) report.warnings.push('notes attached to the whole project are imported without a target');
  // ATLAS.ti links memos to quotations with <Link originGUID=note targetGUID=...>.
  let otherLinks = 0;
  for (const link of kids(kid(root, 'Links'), 'Link')) {
    const from = ctx.optGuid(link, 'originGUID');
    const to = ctx.optGuid(link, 'targetGUID');
    if (from && to && byGuid.has(from)) attach(from, to);
    else if (from && to && byGuid.has(to)) attach(to, from);
    else otherLinks += 1;
  }
  if (otherLinks > 0) report.warnings.push(`${otherLinks} link(s) not between a note and something else were not imported`);
  return notes;
}
