// Team members and their personal access tokens. A token reads `accord_<id>_<secret>`: the id finds
// its row by index, the secret is checked against a salted scrypt hash in constant time. Only the
// hash is stored, so a copy of the project file does not let anyone sign in.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AccordError } from '../../../shared/api/errors';
import type { Role } from '../../../shared/api/access';
import type { IssuedToken, Member } from '../../../shared/api/team';
import type { CoderId } from '../../../shared/model/types';
import { nowIso, recordChanges, type ChangeSet } from '../db/changes';
import type { Session } from '../session';
import { ensureCoder } from './coders';

/**
 * scrypt's cost: N = 2^15, r = 8 (32 MiB, ~0.1 s per hash on this class of machine). The secret is
 * 256 random bits, so the cost guards a stolen file rather than a guessable password; a server
 * verifies each token once per run and remembers the result.
 */
const SCRYPT: ScryptOptions = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const HASH_BYTES = 32;
const TOKEN_PATTERN = /^accord_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

interface MemberRow {
  id: number;
  name: string;
  role: Role;
  coder_id: number | null;
  created_at: string;
  revoked_at: string | null;
  last_sign_in_at: string | null;
}

const MEMBER_COLUMNS = 'id, name, role, coder_id, created_at, revoked_at, last_sign_in_at';

function toMember(r: MemberRow): Member {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    coderId: r.coder_id as CoderId | null,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastSignInAt: r.last_sign_in_at,
  };
}

function hashSecret(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((ok, fail) => scryptCb(secret, salt, HASH_BYTES, SCRYPT, (err, key) => (err ? fail(err) : ok(key))));
}

function memberById(s: Session, id: number): Member {
  return toMember(s.db.prepare(`SELECT ${MEMBER_COLUMNS} FROM team_members WHERE id = ?`).get(id) as MemberRow);
}

function memberByName(s: Session, name: string): Member {
  const row = s.db.prepare(`SELECT ${MEMBER_COLUMNS} FROM team_members WHERE name = ?`).get(name.trim()) as MemberRow | undefined;
  if (!row) throw new AccordError('NOT_FOUND', `${s.name}: no member named "${name.trim()}"`);
  return toMember(row);
}

export function listMembers(s: Session): Member[] {
  return (s.db.prepare(`SELECT ${MEMBER_COLUMNS} FROM team_members ORDER BY id`).all() as MemberRow[]).map(toMember);
}

export function isTeamProject(s: Session): boolean {
  return s.db.prepare('SELECT 1 FROM team_members LIMIT 1').get() !== undefined;
}

/** A new token for a member, its hash written in the change's transaction; any earlier token ends. */
async function newToken(): Promise<{ token: string; tokenId: string; salt: Buffer; hash: Buffer }> {
  const tokenId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  return { token: `accord_${tokenId}_${secret}`, tokenId, salt, hash: await hashSecret(secret, salt) };
}

function storeToken(s: Session, memberId: number, t: { tokenId: string; salt: Buffer; hash: Buffer }, at: string): void {
  s.db.prepare('UPDATE team_tokens SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL').run(at, memberId);
  s.db
    .prepare('INSERT INTO team_tokens (member_id, token_id, salt, hash, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(memberId, t.tokenId, t.salt, t.hash, at);
}

/** The coder a member codes as: the existing coder of that name, else a new one. Viewers get none. */
function coderFor(s: Session, name: string, role: Role): number | null {
  return role === 'viewer' ? null : ensureCoder(s, name).id;
}

function writeLead(c: ChangeSet, s: Session, coderId: number): void {
  const exists = s.db.prepare('SELECT 1 FROM agreement_settings WHERE id = 1').get();
  if (exists) c.update('agreement_settings', 1, { lead_coder_id: coderId });
  else c.insert('agreement_settings', { id: 1, lead_coder_id: coderId, blind: 0 });
}

export async function initTeam(s: Session, lead: string): Promise<IssuedToken> {
  if (isTeamProject(s)) throw new AccordError('CONFLICT', `${s.name} is already a team project (its lead invites members with \`accord team invite\`)`);
  const token = await newToken();
  const coderId = coderFor(s, lead, 'lead')!;
  const id = s.change(
    'team.init',
    `make ${s.name} a team project led by ${lead.trim()}`,
    (c) => {
      const at = nowIso();
      const memberId = c.insert('team_members', { name: lead.trim(), role: 'lead', coder_id: coderId, created_at: at });
      writeLead(c, s, coderId);
      storeToken(s, memberId, token, at);
      return memberId;
    },
    false,
  );
  return { member: memberById(s, id), token: token.token };
}

export async function inviteMember(s: Session, name: string, role: Role): Promise<IssuedToken> {
  if (!isTeamProject(s)) throw new AccordError('INVALID_INPUT', `${s.name} is not a team project yet: start with \`accord team init\``);
  const trimmed = name.trim();
  const existing = s.db.prepare(`SELECT ${MEMBER_COLUMNS} FROM team_members WHERE name = ?`).get(trimmed) as MemberRow | undefined;
  if (existing && existing.revoked_at === null) throw new AccordError('CONFLICT', `${existing.name} is already a member (revoke first to issue a new token)`);
  const token = await newToken();
  const coderId = existing?.coder_id ?? coderFor(s, trimmed, role);
  const id = s.change(
    'team.invite',
    existing ? `give ${existing.name} access again as ${role}` : `invite ${trimmed} as ${role}`,
    (c) => {
      const at = nowIso();
      const memberId = existing
        ? (c.update('team_members', existing.id, { role, revoked_at: null, coder_id: coderId }), existing.id)
        : c.insert('team_members', { name: trimmed, role, coder_id: coderId, created_at: at });
      storeToken(s, memberId, token, at);
      return memberId;
    },
    false,
  );
  return { member: memberById(s, id), token: token.token };
}

function activeLeads(s: Session): number {
  return (s.db.prepare("SELECT count(*) AS n FROM team_members WHERE role = 'lead' AND revoked_at IS NULL").get() as { n: number }).n;
}

export function revokeMember(s: Session, name: string): Member {
  const m = memberByName(s, name);
  if (m.revokedAt !== null) return m;
  if (m.role === 'lead' && activeLeads(s) === 1) throw new AccordError('CONFLICT', `${m.name} is the only lead: make another member lead first`);
  s.change(
    'team.revoke',
    `revoke ${m.name}'s access`,
    (c) => {
      const at = nowIso();
      c.update('team_members', m.id, { revoked_at: at });
      s.db.prepare('UPDATE team_tokens SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL').run(at, m.id);
    },
    false,
  );
  return memberById(s, m.id);
}

export function setMemberRole(s: Session, name: string, role: Role): Member {
  const m = memberByName(s, name);
  if (m.role === role) return m;
  if (m.role === 'lead' && m.revokedAt === null && activeLeads(s) === 1) throw new AccordError('CONFLICT', `${m.name} is the only lead: make another member lead first`);
  const coderId = m.coderId ?? coderFor(s, m.name, role);
  s.change(
    'team.role',
    `make ${m.name} ${role === 'lead' ? 'a lead' : `a ${role}`} (was ${m.role})`,
    // The project's lead coder (who sees everything in blind mode, agreement:setLead) stays as it is:
    // a team may have several leads.
    (c) => c.update('team_members', m.id, { role, coder_id: coderId }),
    false,
  );
  return memberById(s, m.id);
}

const REFUSED = 'that token is not valid (wrong, mistyped or revoked)';

/** The member a token belongs to, recording the sign-in; one refusal for every kind of wrong token. */
export async function signIn(s: Session, token: string, from: string): Promise<Member> {
  const match = TOKEN_PATTERN.exec(token.trim());
  if (!match) throw new AccordError('UNAUTHORIZED', REFUSED);
  const [, tokenId, secret] = match;
  const row = s.db
    .prepare(
      `SELECT t.salt, t.hash, m.id AS member_id FROM team_tokens t JOIN team_members m ON m.id = t.member_id
       WHERE t.token_id = ? AND t.revoked_at IS NULL AND m.revoked_at IS NULL`,
    )
    .get(tokenId) as { salt: Buffer; hash: Buffer; member_id: number } | undefined;
  // Hash even when the id is unknown, so the answer takes as long either way.
  const salt = row?.salt ?? randomBytes(16);
  const hash = await hashSecret(secret, salt);
  if (!row || !timingSafeEqual(hash, row.hash)) throw new AccordError('UNAUTHORIZED', REFUSED);
  // The row may have been revoked while scrypt ran.
  const m = memberById(s, row.member_id);
  if (m.revokedAt !== null) throw new AccordError('UNAUTHORIZED', REFUSED);
  // Recorded under the member's own name: nobody else is acting yet.
  recordChanges(s.db, { actor: m.name, action: 'team.signIn', label: `${m.name} signed in${from ? ` from ${from}` : ''}` }, (c) =>
    c.update('team_members', m.id, { last_sign_in_at: nowIso() }),
  );
  return memberById(s, m.id);
}

/** Copy the project to a new file through SQLite's online backup (consistent while others write). */
export async function backupProject(s: Session, path: string): Promise<{ path: string; bytes: number }> {
  if (existsSync(path)) throw new AccordError('CONFLICT', `${basename(path)}: a file of that name already exists`);
  try {
    await s.db.backup(path);
  } catch (err) {
    // The file did not exist before: a half-written copy must not pass for a backup.
    rmSync(path, { force: true });
    throw new AccordError('BAD_FILE', `${basename(path)}: could not write the backup (${(err as Error).message})`);
  }
  return { path, bytes: statSync(path).size };
}
