// Migration 7 (team members and access tokens): build the schema up to 5, insert old-shape rows,
// migrate to 7, and check the old data is untouched and the new tables enforce their rules.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/db/migrate';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('migration 7: team members and access tokens', () => {
  it('adds STRICT member and token tables beside existing coders', () => {
    const db = new Database(join(dir, 'm7.sqlite'));
    migrate(db, 5);
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO coders (id, name, color, created_at) VALUES (1, 'Ana', '#000000', 'now')").run();

    expect(migrate(db, 7)).toEqual([7]);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare('SELECT name FROM coders WHERE id = 1').get()).toEqual({ name: 'Ana' });
    expect(db.prepare("SELECT name, strict FROM pragma_table_list WHERE name LIKE 'team_%' ORDER BY name").all()).toEqual([
      { name: 'team_members', strict: 1 },
      { name: 'team_tokens', strict: 1 },
    ]);

    db.prepare("INSERT INTO team_members (id, name, role, coder_id, created_at) VALUES (1, 'Ana', 'lead', 1, 'now')").run();
    // Names are unique whatever their case; roles are the three known ones; a coder is one member.
    expect(() => db.prepare("INSERT INTO team_members (name, role, created_at) VALUES ('ana', 'coder', 'now')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO team_members (name, role, created_at) VALUES ('Ben', 'admin', 'now')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO team_members (name, role, coder_id, created_at) VALUES ('Ben', 'coder', 1, 'now')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO team_members (name, role, coder_id, created_at) VALUES ('Ben', 'coder', 9, 'now')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO team_members (id, name, role, created_at) VALUES (2, 'Cy', 'viewer', 'now')").run();

    const insertToken = db.prepare('INSERT INTO team_tokens (member_id, token_id, salt, hash, created_at) VALUES (?, ?, ?, ?, ?)');
    insertToken.run(1, 'abcd', Buffer.alloc(16), Buffer.alloc(32), 'now');
    expect(() => insertToken.run(2, 'abcd', Buffer.alloc(16), Buffer.alloc(32), 'now')).toThrow(/UNIQUE/);
    expect(() => insertToken.run(9, 'efgh', Buffer.alloc(16), Buffer.alloc(32), 'now')).toThrow(/FOREIGN KEY/);
    expect(() => insertToken.run(1, 'efgh', 'text salt', Buffer.alloc(32), 'now')).toThrow(/cannot store TEXT value in BLOB column/);
    db.close();
  });
});
