// Migration 7: the members of a team project and their personal access tokens. Members are recorded
// data (their rows go through the change recorder, so invitations, role changes, revocations and
// sign-ins appear in the audit log); tokens live apart and only as salted scrypt hashes, so no audit
// image or export ever carries one.
import type { Migration } from '../migrate';

export const migration0007: Migration = {
  version: 7,
  name: 'team members and access tokens',
  up(db) {
    db.exec(`
      CREATE TABLE team_members (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL CHECK (role IN ('lead', 'coder', 'viewer')),
        coder_id INTEGER UNIQUE REFERENCES coders(id) ON DELETE RESTRICT,
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        last_sign_in_at TEXT
      ) STRICT;

      -- token_id is the public prefix of a token, so a sign-in finds its row by index instead of
      -- hashing against every member; salt and hash are scrypt's.
      CREATE TABLE team_tokens (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES team_members(id) ON DELETE RESTRICT,
        token_id TEXT NOT NULL UNIQUE,
        salt BLOB NOT NULL,
        hash BLOB NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
      CREATE INDEX team_tokens_member ON team_tokens(member_id);
    `);
  },
};
