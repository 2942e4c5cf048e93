// Blind coding: the project's lead coder, document assignments and the blind-mode flag. In blind
// mode a coder other than the lead sees only their own codings, and only on documents assigned to
// them, until the lead reveals the document; the lead always sees everything.
import type { Role } from '../../../shared/api/access';
import type { AgreementSettings } from '../../../shared/api/agreement';
import { AccordError } from '../../../shared/errors';
import type { Coder, CoderId, Coding, DocumentId, DocumentSummary } from '../../../shared/model/types';
import { nowIso, type ChangeSet } from '../db/changes';
import type { Session } from '../session';
import { toCoder, type CoderRow } from './rows';

interface SettingsRow {
  lead_coder_id: number | null;
  blind: number;
}

function settingsRow(s: Session): SettingsRow {
  return (s.db.prepare('SELECT lead_coder_id, blind FROM agreement_settings WHERE id = 1').get() as SettingsRow | undefined) ?? {
    lead_coder_id: null,
    blind: 0,
  };
}

function coderById(s: Session, id: number): Coder | null {
  const row = s.db.prepare('SELECT id, name, color, is_consensus FROM coders WHERE id = ?').get(id) as CoderRow | undefined;
  return row ? toCoder(row) : null;
}

/** The lead: the one set in the project, else the project's first (human) coder. */
export function leadCoder(s: Session): Coder | null {
  const set = settingsRow(s).lead_coder_id;
  if (set !== null) return coderById(s, set);
  const row = s.db.prepare('SELECT id, name, color, is_consensus FROM coders WHERE is_consensus = 0 ORDER BY id LIMIT 1').get() as
    | CoderRow
    | undefined;
  return row ? toCoder(row) : null;
}

/**
 * The running caller's role in this project. A signed-in member's role is fixed by the team. A local
 * caller (desktop window, single-user browser tab, CLI) owns the file: they are the lead until they
 * act as a coder, and while the coder they chose is the project's lead (see leadCoder); choosing
 * another coder's name makes them act as that coder, blind as that coder would be. Local blind mode
 * is therefore a discipline the team keeps, not a lock; a team server makes it one.
 */
export function callerRole(s: Session): Role {
  const caller = s.caller;
  if (!caller.local || caller.role === 'viewer') return caller.role;
  if (caller.role !== 'lead') return 'coder';
  const me = s.coder;
  if (me === null) return 'lead';
  const lead = leadCoder(s);
  return lead === null || me.id === lead.id ? 'lead' : 'coder';
}

/** True when the running caller is the lead (see callerRole). */
export function isLead(s: Session): boolean {
  return callerRole(s) === 'lead';
}

/** True when the running caller may not see every coder's codings on some document. */
export function isBlindCaller(s: Session): boolean {
  return isBlind(s) && !isLead(s);
}

/** The refusal for a lead-only action, naming the lead. */
export function leadOnly(s: Session, what: string): AccordError {
  return new AccordError('FORBIDDEN', `only the lead (${leadCoder(s)?.name ?? 'unknown'}) can ${what}`);
}

/**
 * Refuse a read that shows every coder's codings (reports, exports, queries) to a caller who is still
 * blind: while blind mode is on and some document is not yet revealed, only the lead may run it.
 */
export function requireUnblinded(s: Session, what: string): void {
  if (!isBlindCaller(s)) return;
  const hidden = s.db.prepare('SELECT 1 FROM documents d WHERE NOT EXISTS (SELECT 1 FROM revealed_documents r WHERE r.document_id = d.id) LIMIT 1').get();
  if (hidden) {
    throw new AccordError(
      'FORBIDDEN',
      `blind mode: ${what} shows every coder's codings, so it is for the lead (${leadCoder(s)?.name ?? 'unknown'}) until the documents are revealed`,
    );
  }
}

export function isBlind(s: Session): boolean {
  return settingsRow(s).blind === 1;
}

function requireLead(s: Session, what: string): void {
  if (!isLead(s)) throw leadOnly(s, what);
}

export function consensusCoder(s: Session): Coder | null {
  const row = s.db.prepare('SELECT id, name, color, is_consensus FROM coders WHERE is_consensus = 1 ORDER BY id LIMIT 1').get() as
    | CoderRow
    | undefined;
  return row ? toCoder(row) : null;
}

export function agreementSettings(s: Session): AgreementSettings {
  const assignments = (
    s.db
      .prepare('SELECT a.document_id, a.coder_id FROM coder_assignments a JOIN documents d ON d.id = a.document_id ORDER BY d.ord, a.coder_id')
      .all() as { document_id: number; coder_id: number }[]
  ).map((r) => ({ documentId: r.document_id as DocumentId, coderId: r.coder_id as CoderId }));
  const revealed = (
    s.db.prepare('SELECT r.document_id FROM revealed_documents r JOIN documents d ON d.id = r.document_id ORDER BY d.ord').all() as {
      document_id: number;
    }[]
  ).map((r) => r.document_id as DocumentId);
  return {
    lead: leadCoder(s),
    blind: isBlind(s),
    isLead: isLead(s),
    assignments,
    revealedDocumentIds: revealed,
    consensusCoder: consensusCoder(s),
  };
}

function writeSettings(c: ChangeSet, s: Session, patch: Partial<SettingsRow>): void {
  const exists = s.db.prepare('SELECT 1 FROM agreement_settings WHERE id = 1').get();
  if (exists) c.update('agreement_settings', 1, patch);
  else c.insert('agreement_settings', { id: 1, lead_coder_id: null, blind: 0, ...patch });
}

/** Hand the lead to another (human) coder. */
export function setLead(s: Session, coderId: number): AgreementSettings {
  requireLead(s, 'hand over the lead');
  const coder = coderById(s, coderId);
  if (!coder) throw new AccordError('NOT_FOUND', `no coder with id ${coderId}`);
  if (coder.isConsensus) throw new AccordError('INVALID_INPUT', 'the consensus layer cannot be the lead');
  s.change('agreement.lead', `make ${coder.name} the lead`, (c) => writeSettings(c, s, { lead_coder_id: coder.id }), false);
  return agreementSettings(s);
}

export function setBlind(s: Session, blind: boolean): AgreementSettings {
  requireLead(s, 'change blind mode');
  s.change(
    'agreement.blind',
    blind ? 'turn blind mode on' : 'turn blind mode off',
    (c) => {
      // Fix the lead when blind mode starts, so adding coders later cannot change who sees everything.
      const lead = leadCoder(s);
      writeSettings(c, s, { blind: blind ? 1 : 0, ...(lead ? { lead_coder_id: lead.id } : {}) });
    },
    false,
  );
  return agreementSettings(s);
}

function checkDocuments(s: Session, ids: readonly number[]): void {
  const get = s.db.prepare('SELECT 1 FROM documents WHERE id = ?');
  for (const id of ids) if (!get.get(id)) throw new AccordError('NOT_FOUND', `no document with id ${id}`);
}

export function assignDocuments(s: Session, documentIds: number[], coderIds: number[], assigned: boolean): AgreementSettings {
  requireLead(s, 'assign documents');
  checkDocuments(s, documentIds);
  const coders = coderIds.map((id) => {
    const c = coderById(s, id);
    if (!c) throw new AccordError('NOT_FOUND', `no coder with id ${id}`);
    if (c.isConsensus) throw new AccordError('INVALID_INPUT', 'documents are assigned to coders, not to the consensus layer');
    return c;
  });
  const find = s.db.prepare('SELECT id FROM coder_assignments WHERE document_id = ? AND coder_id = ?');
  const label = `${assigned ? 'assign' : 'unassign'} ${documentIds.length} document(s) ${assigned ? 'to' : 'from'} ${coders.map((c) => c.name).join(', ')}`;
  s.change(
    'agreement.assign',
    label,
    (c) => {
      for (const d of new Set(documentIds)) {
        for (const coder of coders) {
          const row = find.get(d, coder.id) as { id: number } | undefined;
          if (assigned && !row) c.insert('coder_assignments', { document_id: d, coder_id: coder.id, assigned_at: nowIso() });
          if (!assigned && row) c.delete('coder_assignments', row.id);
        }
      }
    },
    false,
  );
  return agreementSettings(s);
}

export function revealDocuments(s: Session, documentIds: number[], revealed: boolean): AgreementSettings {
  requireLead(s, 'reveal codings');
  checkDocuments(s, documentIds);
  const find = s.db.prepare('SELECT id FROM revealed_documents WHERE document_id = ?');
  s.change(
    'agreement.reveal',
    `${revealed ? 'reveal' : 'hide'} codings of ${documentIds.length} document(s)`,
    (c) => {
      for (const d of new Set(documentIds)) {
        const row = find.get(d) as { id: number } | undefined;
        if (revealed && !row) c.insert('revealed_documents', { document_id: d, revealed_at: nowIso(), revealed_by: s.actor });
        if (!revealed && row) c.delete('revealed_documents', row.id);
      }
    },
    false,
  );
  return agreementSettings(s);
}

/** Whose codings on this document the session may see: 'all', or only those of one coder, or none. */
export function codingVisibility(s: Session, documentId: number): { all: true } | { all: false; coderId: number | null } {
  if (!isBlind(s) || isLead(s)) return { all: true };
  if (s.db.prepare('SELECT 1 FROM revealed_documents WHERE document_id = ?').get(documentId)) return { all: true };
  const me = s.coder;
  if (!me) return { all: false, coderId: null };
  const assigned = s.db.prepare('SELECT 1 FROM coder_assignments WHERE document_id = ? AND coder_id = ?').get(documentId, me.id);
  return { all: false, coderId: assigned ? me.id : null };
}

/** The codings of one document as the session may see them (blind mode filters them). */
export function visibleCodings(s: Session, documentId: number, codings: Coding[]): Coding[] {
  const v = codingVisibility(s, documentId);
  if (v.all) return codings;
  return v.coderId === null ? [] : codings.filter((c) => c.coderId === v.coderId);
}

/**
 * Documents as the session may see them: each marked `assigned` (to the session's coder) and, in
 * blind mode for anyone but the lead, with coding counts of only what that coder may see.
 */
export function markAssigned(s: Session, docs: DocumentSummary[]): DocumentSummary[] {
  const me = s.coder;
  const mine = new Set(
    me
      ? (s.db.prepare('SELECT document_id FROM coder_assignments WHERE coder_id = ?').all(me.id) as { document_id: number }[]).map((r) => r.document_id)
      : [],
  );
  const blindView = isBlind(s) && !isLead(s);
  const ownCounts = new Map<number, number>();
  if (blindView && me) {
    const rows = s.db.prepare('SELECT document_id, n FROM coding_counts WHERE coder_id = ?').all(me.id) as {
      document_id: number;
      n: number;
    }[];
    for (const r of rows) ownCounts.set(r.document_id, r.n);
  }
  return docs.map((d) => {
    const out: DocumentSummary = { ...d, assigned: mine.has(d.id) };
    if (blindView) {
      const v = codingVisibility(s, d.id);
      if (!v.all) out.codingCount = v.coderId === null ? 0 : (ownCounts.get(d.id) ?? 0);
    }
    return out;
  });
}

/**
 * For the running caller: whether a coding (by its document and coder) is visible, or null when
 * every coding is (blind mode off, or the caller is the lead). A coder sees their own codings on
 * documents assigned to them and every coding on revealed documents; a viewer only the latter.
 */
export function codingFilter(s: Session): ((documentId: number, coderId: number | null) => boolean) | null {
  if (!isBlindCaller(s)) return null;
  const revealed = new Set((s.db.prepare('SELECT document_id FROM revealed_documents').all() as { document_id: number }[]).map((r) => r.document_id));
  const me = s.coder;
  const assigned = new Set(
    me ? (s.db.prepare('SELECT document_id FROM coder_assignments WHERE coder_id = ?').all(me.id) as { document_id: number }[]).map((r) => r.document_id) : [],
  );
  return (documentId, coderId) => revealed.has(documentId) || (me !== null && coderId === me.id && assigned.has(documentId));
}

/** A coding the running caller may not see is answered as if it did not exist. */
export function requireVisibleCoding(s: Session, coding: { id: number; documentId: number; coderId: number }): void {
  const visible = codingFilter(s);
  if (visible && !visible(coding.documentId, coding.coderId)) throw new AccordError('NOT_FOUND', `no coding with id ${coding.id}`);
}

/**
 * Refuse a blind caller a change that would also remove other coders' codings (deleting a code or a
 * document takes every coder's codings with it): they may not change what they may not see.
 */
export function requireOthersCodingsLead(s: Session, what: string, where: string, params: unknown[]): void {
  if (!isBlindCaller(s)) return;
  const me = s.coder;
  const other = s.db.prepare(`SELECT 1 FROM codings WHERE (${where}) AND coder_id IS NOT ? LIMIT 1`).get(...params, me?.id ?? null);
  if (other) throw leadOnly(s, `${what}: it carries other coders' codings`);
}
