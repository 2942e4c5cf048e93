// What a folder's import passes over (shared/text/folder-files.ts), for the command line and the
// documents panel alike.
import { describe, expect, it } from 'vitest';
import { isMediaFolder, passedOver } from '../../../shared/text/folder-files';

describe('files a folder import passes over', () => {
  it("hidden files, Accord's projects with their SQLite companions and backups, Windows' folder files", () => {
    for (const name of ['.DS_Store', 'study.accord', 'Study.ACCORD', 'study.accord-wal', 'study.accord-shm', 'study.accord-journal', 'study.schema14-backup.accord', 'Thumbs.db', 'desktop.ini']) {
      expect([name, passedOver(name)]).toEqual([name, true]);
    }
    for (const name of ['ID21 interview.txt', 'ID21.m4a', 'accord notes.docx', 'study.accord.txt', 'codebook.csv']) {
      expect([name, passedOver(name)]).toEqual([name, false]);
    }
  });

  it("a project's media folder only beside its project", () => {
    expect(isMediaFolder('study.media', ['study.accord', 'study.media', 'ID1.txt'])).toBe(true);
    expect(isMediaFolder('study.media', ['other.accord', 'study.media'])).toBe(false);
    expect(isMediaFolder('social.media', ['ID1.txt'])).toBe(false);
  });
});
