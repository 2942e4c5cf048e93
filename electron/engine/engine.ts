// The composition root of the engine: one object that implements the whole typed contract over the
// open project. The desktop IPC, the HTTP server, the CLI and the tests all call `invoke`.
import { z } from 'zod';
import { methods, type Method, type Output, type ParsedInput } from '../../shared/api/contract';
import { AccordError, toEnvelope, type Envelope } from '../../shared/api/errors';
import type { ProjectInfo } from '../../shared/model/types';
import { RecentProjects } from './recent';
import { codeUsage, createCode, deleteCode, exportCodesCsv, importCodes, listCodes, moveCode, updateCode } from './services/codebook';
import { listCoders, selectCoder } from './services/coders';
import { applyCodings, listCodings, removeCoding } from './services/codings';
import { deleteDocument, getDocument, importDocument, listDocuments, renameDocument, setDocumentKind } from './services/documents';
import { auditLog, historyState, redo, undo } from './services/history';
import { deleteMemo, listMemos, saveMemo } from './services/memos';
import { listParticipants } from './services/participants';
import { Session } from './session';
import { LATEST_VERSION } from './db/migrate';
import { agreementHandlers } from './handlers/agreement';
import { markAssigned, requireUnblinded, visibleCodings } from './services/blind';
import { exchangeHandlers } from './handlers/exchange';
import { hostHandlers } from './handlers/host';
import { intersectionsHandlers } from './handlers/intersections';
import { reportsHandlers } from './handlers/reports';
import { retrievalHandlers } from './handlers/retrieval';
import { studyHandlers } from './handlers/study';

/**
 * Channels that read every coder's codings across documents. In blind mode a coder who is not the lead
 * may not run them until the lead reveals the documents (codings:list and documents:list filter instead).
 */
const BLIND_GUARDED = [
  'agreement:report',
  'agreement:beforeAfter',
  'intersections:',
  'queries:',
  'codings:exportCsv',
  'themes:candidates',
  'reports:',
  'exchange:export',
];

type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };

export interface EngineOptions {
  /** Where per-user state (recent projects) lives; null keeps nothing. */
  stateDir: string | null;
}

export class Engine {
  private session: Session | null = null;
  private readonly recent: RecentProjects;
  private readonly handlers: Handlers;

  constructor(options: EngineOptions) {
    this.recent = new RecentProjects(options.stateDir);
    this.handlers = this.buildHandlers(options.stateDir);
  }

  /** The open project, or an error a user can act on. */
  get current(): Session {
    if (!this.session) throw new AccordError('NO_PROJECT', 'no project is open');
    return this.session;
  }

  get isOpen(): boolean {
    return this.session !== null;
  }

  /** Validate and run one method; never throws — errors come back as an envelope. */
  async invoke(method: string, input: unknown): Promise<Envelope<unknown>> {
    try {
      return { ok: true, value: await this.call(method as Method, input) };
    } catch (err) {
      return toEnvelope(err);
    }
  }

  /** Validate and run one method, throwing AccordError on failure. */
  async call<M extends Method>(method: M, input: unknown): Promise<Output<M>> {
    if (!Object.prototype.hasOwnProperty.call(methods, method)) throw new AccordError('NOT_FOUND', `unknown method ${String(method)}`);
    const parsed = (methods[method] as z.ZodType).safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      throw new AccordError('INVALID_INPUT', `${method}: ${where}${issue.message}`);
    }
    if (BLIND_GUARDED.some((prefix) => method.startsWith(prefix)) && this.session) requireUnblinded(this.session, method);
    const handler = this.handlers[method] as (i: unknown) => Output<M> | Promise<Output<M>>;
    return handler(parsed.data);
  }

  info(): ProjectInfo {
    const s = this.current;
    const count = (table: string) => (s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      path: s.path,
      name: s.name,
      documents: count('documents'),
      participants: count('participants'),
      codes: count('codes'),
      codings: count('codings'),
      coders: count('coders'),
      schemaVersion: LATEST_VERSION,
    };
  }

  /** Open (or create) a project, replacing the open one only once the new one opened cleanly. */
  private attach(next: Session): ProjectInfo {
    this.session?.close();
    this.session = next;
    this.recent.add(next.path);
    return this.info();
  }

  close(): void {
    this.session?.close();
    this.session = null;
  }

  private buildHandlers(stateDir: string | null): Handlers {
    const s = () => this.current;
    return {
      'project:create': ({ path }) => this.attach(Session.create(path)),
      'project:open': ({ path }) => this.attach(Session.open(path)),
      'project:close': () => {
        this.close();
        return null;
      },
      'project:info': () => (this.session ? this.info() : null),
      'project:recent': () => this.recent.list(),

      'documents:list': ({ groupId }) => markAssigned(s(), listDocuments(s(), groupId)),
      'documents:get': ({ id }) => getDocument(s(), id),
      'documents:import': ({ fileName, dataBase64, kind, group, duplicates }) => {
        // A view on the decoded Buffer, not a copy of it (a transcript is tens of kilobytes per call).
        const bytes = Buffer.from(dataBase64, 'base64');
        return importDocument(s(), fileName, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), kind, { group, duplicates });
      },
      'documents:rename': ({ id, name }) => renameDocument(s(), id, name),
      'documents:setKind': ({ id, kind }) => setDocumentKind(s(), id, kind),
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
      'codebook:import': ({ fileName, text }) => importCodes(s(), fileName, text),
      'codebook:exportCsv': () => exportCodesCsv(s()),

      'coders:list': () => listCoders(s()),
      'coders:select': ({ name }) => selectCoder(s(), name),
      'coders:current': () => s().coder,

      'codings:list': ({ documentId }) => visibleCodings(s(), documentId, listCodings(s(), documentId)),
      'codings:apply': (i) => applyCodings(s(), i),
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
      ...studyHandlers(s, { open: (path) => this.attach(Session.open(path)), stateDir }),
      ...agreementHandlers(s),
      ...intersectionsHandlers(s),
      ...reportsHandlers(s),
      ...retrievalHandlers(s),
      ...exchangeHandlers(s),
      ...hostHandlers(),
    };
  }
}
