// The composition root of the engine: one object that implements the whole typed contract over the
// open project. The desktop IPC, the HTTP server, the CLI and the tests all call `invoke`.
import { realpathSync } from 'node:fs';
import { basename, isAbsolute, relative } from 'node:path';
import { z } from 'zod';
import { localCaller, type Caller } from '../../shared/api/access';
import { methods, type Method, type Output, type ParsedInput } from '../../shared/api/contract';
import { AccordError, toEnvelope, type Envelope } from '../../shared/errors';
import type { ProjectInfo } from '../../shared/model/types';
import { ProjectEvents, type ChangeListener } from './events';
import { RecentProjects } from './recent';
import { codeUsage, createCode, deleteCode, listCodes, moveCode, updateCode } from './services/codebook';
import { listCoders, selectCoder } from './services/coders';
import { applyCodings, listCodings, removeCoding, recodeCoding } from './services/codings';
import { deleteDocument, findDocumentByName, getDocument, importDocument, importDocumentFile, listDocuments, renameDocument, setDocumentKind } from './services/documents';
import { getImportSettings, setImportSettings } from './services/documents';
import { auditLog, historyState, redo, undo } from './services/history';
import { deleteMemo, listMemos, saveMemo } from './services/memos';
import { listParticipants } from './services/participants';
import { Session } from './session';
import { LATEST_VERSION } from './db/migrate';
import { damaged, isCorruption, isReadOnlyWrite } from './db/connection';
import { codingFilter, markAssigned, visibleCodings } from './services/blind';
import { withCaller } from './caller';
import { PROGRESS_INTERVAL_MS, withProgress, type ProgressListener } from './progress';
import { confineInput } from './confine';
import { listProjectFiles } from './project-files';
import { enforce } from './policy';
import { agreementMethods } from '../../shared/api/agreement';
import { exchangeMethods } from '../../shared/api/exchange';
import { intersectionsMethods } from '../../shared/api/intersections';
import { reportsMethods } from '../../shared/api/reports';
import { retrievalMethods } from '../../shared/api/retrieval';
import { studyMethods } from '../../shared/api/study';
import { teamMethods } from '../../shared/api/team';
import type { HandlersFor } from './handlers/types';
import { hostHandlers } from './handlers/host';

/** The caller of hosts that pass none: the local user of this process. */
const LOCAL: Caller = Object.freeze(localCaller());

/**
 * Handlers for every channel of a namespace that load the namespace's module on the first call: one
 * function per channel of `methods`, each awaiting the module (once) and calling its handler.
 */
function lazy<O>(methods: Record<keyof O & string, unknown>, load: () => Promise<HandlersFor<O>>): HandlersFor<O> {
  let loaded: Promise<HandlersFor<O>> | null = null;
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of Object.keys(methods)) {
    out[name] = async (input) => {
      loaded ??= load();
      const handlers = (await loaded) as unknown as Record<string, (i: unknown) => unknown>;
      return handlers[name](input);
    };
  }
  return out as unknown as HandlersFor<O>;
}

type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };

/**
 * Per call: `onProgress` hears how far a long report has got (see progress.ts). `signal` is for hosts
 * that run the engine elsewhere (a worker thread interrupts a read); a call in this thread runs to its end.
 */
export interface CallOptions {
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export interface EngineOptions {
  /** The least time between two progress reports of one call (default 100 ms). */
  progressIntervalMs?: number;
  /** Where per-user state (recent projects) lives; null keeps nothing. */
  stateDir: string | null;
  /**
   * Who hosts the engine. 'local' (the desktop app, the CLI, tests): the engine's disk is the user's,
   * so it may read files by path. 'browser': browser mode, where channels that read arbitrary files
   * from the engine's disk by path (`documents:importFile`) are refused. Default 'local'.
   */
  host?: 'local' | 'browser';
  /**
   * Confine every file path of the contract's inputs (`filePath` fields) to this folder: relative to
   * it, no `..`, no absolute paths, no symlinks out. Browser and team mode set it to the folder the
   * server was started for, so the page cannot create or open files elsewhere; the desktop app and
   * the CLI, whose paths come from the user's own dialogs and shell, leave it unset.
   */
  root?: string;
}

export class Engine {
  private session: Session | null = null;
  private readonly recent: RecentProjects;
  private readonly handlers: Handlers;
  private readonly events = new ProjectEvents();
  private readonly root: string | null;
  private readonly progressIntervalMs: number;

  constructor(options: EngineOptions) {
    this.root = options.root === undefined ? null : realpathSync(options.root);
    this.progressIntervalMs = options.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
    this.recent = new RecentProjects(options.stateDir);
    this.handlers = this.buildHandlers(options.stateDir, options.host ?? 'local');
  }

  /** The open project, or an error a user can act on. */
  get current(): Session {
    if (!this.session) throw new AccordError('NO_PROJECT', 'no project is open');
    return this.session;
  }

  get isOpen(): boolean {
    return this.session !== null;
  }

  /** Validate and run one method as `caller`; never throws — errors come back as an envelope. */
  async invoke(method: string, input: unknown, caller?: Caller, options: CallOptions = {}): Promise<Envelope<unknown>> {
    try {
      return { ok: true, value: await this.call(method as Method, input, caller, options) };
    } catch (err) {
      return toEnvelope(err);
    }
  }

  /**
   * Open, in this fresh engine, the project its host already had open (browser mode's restarted
   * worker, or the worker that runs reports beside it). The path is one the host holds, not one a
   * page sent, so it is not confined to the root: the demo study, which the page opens without
   * giving a path, is built in the state folder, outside any root. Never throws.
   */
  reopen(path: string, options: { readOnly?: boolean } = {}): Envelope<ProjectInfo> {
    try {
      return { ok: true, value: withCaller(LOCAL, () => this.attach(Session.open(path, { readOnly: options.readOnly }))) };
    } catch (err) {
      return toEnvelope(this.explain(err));
    }
  }

  /**
   * Validate and run one method as `caller` (default: the local user), throwing AccordError on
   * failure. The method's declared Access is enforced here, for every host, before its handler runs;
   * the handler and the services it calls see the caller through the session (see caller.ts).
   */
  async call<M extends Method>(method: M, input: unknown, caller: Caller = LOCAL, options: CallOptions = {}): Promise<Output<M>> {
    if (!Object.prototype.hasOwnProperty.call(methods, method)) throw new AccordError('NOT_FOUND', `unknown method ${String(method)}`);
    const handler = this.handlers[method] as (i: unknown) => Output<M> | Promise<Output<M>>;
    return withCaller(caller, () => withProgress(options.onProgress, async () => {
      // Who may call comes first: a refused caller learns nothing from the input's validation.
      enforce(method, this.session, caller, input);
      const parsed = (methods[method] as z.ZodType).safeParse(input ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
        throw new AccordError('INVALID_INPUT', `${method}: ${where}${issue.message}`);
      }
      try {
        return await handler(this.root === null ? parsed.data : confineInput(method, parsed.data as Record<string, unknown>, this.root));
      } catch (err) {
        throw this.explain(err);
      }
    }, this.progressIntervalMs));
  }

  /** Counts for the open project, as the running caller may see them. */
  info(): ProjectInfo {
    const s = this.current;
    const count = (table: string) => (s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const visibleCodingCount = (s: Session): number => {
      const visible = codingFilter(s);
      if (!visible) return (s.db.prepare('SELECT coalesce(sum(n), 0) AS n FROM coding_counts').get() as { n: number }).n;
      const rows = s.db.prepare('SELECT document_id, coder_id, n FROM coding_counts').all() as {
        document_id: number;
        coder_id: number;
        n: number;
      }[];
      return rows.reduce((sum, r) => sum + (visible(r.document_id, r.coder_id) ? r.n : 0), 0);
    };
    return {
      path: s.path,
      name: s.name,
      documents: count('documents'),
      participants: count('participants'),
      codes: count('codes'),
      codings: visibleCodingCount(s),
      coders: count('coders'),
      schemaVersion: LATEST_VERSION,
    };
  }

  /**
   * SQLite's failures that say something about the open project, as errors that name it: damage met
   * while reading (a project opened for reading skips the whole-file check), and a write attempted
   * on a project opened for reading only.
   */
  private explain(err: unknown): unknown {
    const session = this.session;
    if (!session || err instanceof AccordError) return err;
    if (isCorruption(err)) return damaged(session.path, (err as Error).message);
    if (isReadOnlyWrite(err) && session.readOnly) {
      return new AccordError('INVALID_INPUT', `${basename(session.path)}: opened for reading only, so it cannot be changed`);
    }
    return err;
  }

  /** Open (or create) a project, replacing the open one only once the new one opened cleanly. */
  private attach(next: Session): ProjectInfo {
    this.events.detach();
    this.session?.close();
    this.session = next;
    this.events.attach(next.db);
    // A project opened to read from (a report beside the window's engine, a CLI listing) is not one
    // the user opened: the recent list is the main engine's, and two processes writing it could race.
    if (!next.readOnly) this.recent.add(next.path);
    return this.info();
  }

  /**
   * Follow the changes committed to the open project (and to projects opened later): one event per
   * change batch, filtered to what `caller` may see, whoever made it — this engine or another process
   * writing the same file. Returns the function that stops following. Every host delivers these:
   * SSE in the HTTP server, IPC in the desktop app.
   */
  subscribe(listener: ChangeListener, caller?: Caller): () => void {
    return this.events.subscribe(listener, caller);
  }

  close(): void {
    this.events.detach();
    this.session?.close();
    this.session = null;
  }

  private buildHandlers(stateDir: string | null, host: 'local' | 'browser'): Handlers {
    const s = () => this.current;
    return {
      'project:create': ({ path }) => this.attach(Session.create(path)),
      'project:open': ({ path, readOnly }) => this.attach(Session.open(path, { readOnly })),
      'project:close': () => {
        this.close();
        return null;
      },
      'project:info': () => (this.session ? this.info() : null),
      'project:list': () => (this.root === null ? [] : listProjectFiles(this.root)),
      'project:recent': () => {
        const list = this.recent.list();
        if (this.root === null) return list;
        // Confined: only projects inside the root, as paths relative to it (what project:open takes).
        const root = this.root;
        return list.flatMap((p) => {
          const rel = relative(root, p);
          return rel && !rel.startsWith('..') && !isAbsolute(rel) ? [rel] : [];
        });
      },

      'documents:list': ({ groupId }) => markAssigned(s(), listDocuments(s(), groupId)),
      'documents:get': ({ id }) => {
        const doc = getDocument(s(), id);
        return { ...doc, ...markAssigned(s(), [doc])[0] };
      },
      'documents:find': ({ name }) => markAssigned(s(), [findDocumentByName(s(), name)])[0],
      'documents:import': ({ fileName, dataBase64, kind, group, duplicates }) => {
        // A view on the decoded Buffer, not a copy of it (a transcript is tens of kilobytes per call).
        const bytes = Buffer.from(dataBase64, 'base64');
        return importDocument(s(), fileName, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), kind, { group, duplicates });
      },
      'documents:importFile': ({ path, fileName, kind, group, duplicates }) => {
        if (host === 'browser') throw new AccordError('INVALID_INPUT', 'documents:importFile: browser mode imports the bytes of a file the page sends (documents:import), not a path');
        return importDocumentFile(s(), path, fileName, kind, { group, duplicates });
      },
      'documents:importSettings': () => getImportSettings(s()),
      'documents:setImportSettings': (settings) => setImportSettings(s(), settings),
      // Summaries carry coding counts: as documents:list, only what the caller may see.
      'documents:rename': ({ id, name }) => markAssigned(s(), [renameDocument(s(), id, name)])[0],
      'documents:setKind': ({ id, kind }) => markAssigned(s(), [setDocumentKind(s(), id, kind)])[0],
      'documents:delete': ({ id }) => {
        deleteDocument(s(), id);
        return null;
      },

      'codebook:list': () => listCodes(s()),
      'codebook:create': (i) => createCode(s(), i),
      'codebook:update': (i) => updateCode(s(), i),
      'codebook:move': (i) => moveCode(s(), i),
      'codebook:usage': ({ id }) => codeUsage(s(), id),
      'codebook:delete': ({ id }) => deleteCode(s(), id),
      'codebook:import': async ({ fileName, text }) => (await import('./services/codebook-lists')).importCodes(s(), fileName, text),
      'codebook:exportCsv': async () => (await import('./services/codebook-lists')).exportCodesCsv(s()),

      'coders:list': () => listCoders(s()),
      'coders:select': ({ name }) => {
        const caller = s().caller;
        if (caller.local) return selectCoder(s(), name);
        // A signed-in member codes as themselves, whatever the page asks for.
        const own = s().coder;
        if (own && own.name === name.trim()) return own;
        throw new AccordError('FORBIDDEN', `you are signed in as ${own?.name ?? caller.name ?? 'a member without a coder'}: you code under your own name`);
      },
      'coders:current': () => s().coder,

      'codings:list': ({ documentId }) => visibleCodings(s(), documentId, listCodings(s(), documentId)),
      'codings:apply': (i) => applyCodings(s(), i),
      'codings:recode': ({ id, codeId }) => recodeCoding(s(), id, codeId),
      'codings:remove': ({ id }) => {
        removeCoding(s(), id);
        return null;
      },

      'history:undo': () => undo(s()),
      'history:redo': () => redo(s()),
      'history:state': () => historyState(s()),
      'audit:list': ({ limit }) => auditLog(s(), limit),

      'participants:list': () => listParticipants(s()),
      'memos:list': (f) => listMemos(s(), f),
      'memos:save': (i) => saveMemo(s(), i),
      'memos:delete': ({ id }) => {
        deleteMemo(s(), id);
        return null;
      },
      // Namespaces load on their first call, so a command that needs none of them (and the parsers and
      // writers they bring: docx, XML, zip) starts without reading them.
      ...lazy(studyMethods, async () => (await import('./handlers/study')).studyHandlers(s, { open: (path) => this.attach(Session.open(path)), stateDir })),
      ...lazy(agreementMethods, async () => (await import('./handlers/agreement')).agreementHandlers(s)),
      ...lazy(intersectionsMethods, async () => (await import('./handlers/intersections')).intersectionsHandlers(s)),
      ...lazy(reportsMethods, async () => (await import('./handlers/reports')).reportsHandlers(s)),
      ...lazy(retrievalMethods, async () => (await import('./handlers/retrieval')).retrievalHandlers(s)),
      ...lazy(exchangeMethods, async () => (await import('./handlers/exchange')).exchangeHandlers(s, { open: (path) => this.attach(Session.open(path)) })),
      ...lazy(teamMethods, async () => (await import('./handlers/team')).teamHandlers(s)),
      ...hostHandlers(),
    };
  }
}
