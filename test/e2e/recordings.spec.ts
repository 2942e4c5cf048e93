// Issue #12, end to end: a transcript with its recording. The WAV is linked through the player's file
// input (uploaded, copied beside the project), the server streams it back to the page, and clicking a
// turn sets the player's time to that turn's start and marks the turn as the one being played.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeWav } from '../helpers/wav';
import { apiCall, createProject, tempProjectPath } from './helpers';

// A Microsoft Teams WebVTT (`<v Name>` voice spans): three cues, two speakers, each its own turn with its start time.
const VTT = [
  'WEBVTT',
  '',
  '00:00:00.000 --> 00:00:02.000',
  '<v Interviewer>How did the rollout go in your team?</v>',
  '',
  '00:00:02.000 --> 00:00:04.000',
  '<v ID21>It went well once the software fitted our locality.</v>',
  '',
  '00:00:04.000 --> 00:00:06.000',
  '<v Interviewer>And the staff, how did they take it?</v>',
  '',
].join('\n');

test('clicking a turn sets the player to the turn start', async ({ page }) => {
  const path = tempProjectPath();
  await createProject(page, path);
  const r = await apiCall<{ document: { id: number } }>(page, 'documents:import', { fileName: 'ID21 interview.vtt', dataBase64: Buffer.from(VTT).toString('base64') });
  const doc = await apiCall<{ turns: { start: number; startMs: number | null }[] }>(page, 'documents:get', { id: r.document.id });
  const starts = doc.turns.map((t) => t.startMs);
  expect(starts).toEqual([0, 2000, 4000]);
  await page.reload();
  await page.getByTestId('document-item').first().click();
  await expect(page.getByTestId('document-text')).toContainText('It went well');

  // No recording yet: link one through the file input, as a user picking the file would.
  await expect(page.getByTestId('recording-bar')).toContainText('Link recording');
  await page.getByTestId('recording-file').setInputFiles({ name: 'ID21 interview.wav', mimeType: 'audio/wav', buffer: Buffer.from(makeWav(6000)) });
  const player = page.getByTestId('recording-player');
  await expect(player).toBeVisible();
  expect(existsSync(join(dirname(path), 'study.media', `${r.document.id}-ID21 interview.wav`))).toBe(true);
  // The page can load the file from the server (the media route behind the secret).
  await expect.poll(() => player.evaluate((el: HTMLMediaElement) => el.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  expect(await player.evaluate((el: HTMLMediaElement) => Math.round(el.duration))).toBe(6);

  // Click the second turn (ID21's answer): the player jumps to 2.0 s.
  await page.getByTestId('document-text').getByText('It went well once the software').click();
  await expect.poll(() => player.evaluate((el: HTMLMediaElement) => el.currentTime)).toBeGreaterThanOrEqual(2);
  expect(await player.evaluate((el: HTMLMediaElement) => el.currentTime)).toBeLessThan(2.9);
  await player.evaluate((el: HTMLMediaElement) => el.pause());
  await expect(page.locator('.turn-playing')).toContainText('It went well once the software');

  // Then the third: 4.0 s, and the marked turn follows.
  await page.getByTestId('document-text').getByText('And the staff').click();
  await expect.poll(() => player.evaluate((el: HTMLMediaElement) => el.currentTime)).toBeGreaterThanOrEqual(4);
  await player.evaluate((el: HTMLMediaElement) => el.pause());
  await expect(page.locator('.turn-playing')).toContainText('And the staff');

  // Keyboard: Alt+B goes back 5 s (not before 0), Alt+] plays faster.
  await page.keyboard.press('Alt+KeyB');
  expect(await player.evaluate((el: HTMLMediaElement) => el.currentTime)).toBeLessThan(1.5);
  await page.keyboard.press('Alt+BracketRight');
  expect(await player.evaluate((el: HTMLMediaElement) => el.playbackRate)).toBe(1.25);
  await page.screenshot({ path: 'test-results/recordings.png' });
});

// Zoom's saved transcript writes clock times. Linked to its recording, the first line is taken as the
// recording's start; "Sync…" corrects it when the recording began earlier.
const ZOOM = [
  '[Ana Ruiz] 14:05:12',
  'How did the rollout go in your team?',
  '[ID21] 14:05:14',
  'It went well once the software fitted our locality.',
  '[Ana Ruiz] 14:05:16',
  'And the staff, how did they take it?',
  '',
].join('\n');

test('a transcript in clock times plays its turns where the recording has them, and can be synced', async ({ page }) => {
  await createProject(page, tempProjectPath());
  const r = await apiCall<{ document: { id: number } }>(page, 'documents:import', { fileName: 'ID21 zoom.txt', dataBase64: Buffer.from(ZOOM).toString('base64') });
  const doc = await apiCall<{ turns: { startMs: number | null }[] }>(page, 'documents:get', { id: r.document.id });
  expect(doc.turns.map((t) => t.startMs)).toEqual([50_712_000, 50_714_000, 50_716_000]);
  await page.reload();
  await page.getByTestId('document-item').first().click();
  await page.getByTestId('recording-file').setInputFiles({ name: 'ID21 zoom.wav', mimeType: 'audio/wav', buffer: Buffer.from(makeWav(6000)) });
  const player = page.getByTestId('recording-player');
  await expect.poll(() => player.evaluate((el: HTMLMediaElement) => el.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('recording-start')).toHaveText(' · starts at 14:05:12 of the transcript');
  await expect(page.getByText("The transcript's times are clock times: the recording is taken to start at 14:05:12 (Sync… to correct it).", { exact: false })).toBeVisible();

  // ID21's answer at 14:05:14 is 2 s into a recording starting at 14:05:12.
  const text = page.getByTestId('document-text');
  await text.getByText('It went well once the software').click();
  await expect.poll(() => player.evaluate((el: HTMLMediaElement) => el.currentTime)).toBeGreaterThanOrEqual(2);
  await player.evaluate((el: HTMLMediaElement) => el.pause());
  expect(await player.evaluate((el: HTMLMediaElement) => el.currentTime)).toBeLessThan(2.9);
  // The turn's first paragraph, its `[ID21] 14:05:14` line, is marked as the one being played.
  await expect(page.locator('.turn-playing')).toHaveText('[ID21] 14:05:14');

  // The recording in fact began at 14:05:11: the answer is 3 s in, and the first question 1 s in.
  await page.getByTestId('recording-sync').click();
  await expect(page.getByTestId('recording-start-input')).toHaveValue('14:05:12');
  await page.getByTestId('recording-start-input').fill('14:05:11');
  await page.getByTestId('recording-start-save').click();
  await expect(page.getByTestId('recording-start')).toHaveText(' · starts at 14:05:11 of the transcript');
  await text.getByText('It went well once the software').click();
  await expect.poll(() => player.evaluate((el: HTMLMediaElement) => el.currentTime)).toBeGreaterThanOrEqual(3);
  await player.evaluate((el: HTMLMediaElement) => el.pause());
  expect(await player.evaluate((el: HTMLMediaElement) => el.currentTime)).toBeLessThan(3.9);
  await player.evaluate((el: HTMLMediaElement) => (el.currentTime = 1.5));
  await expect(page.locator('.turn-playing')).toHaveText('[Ana Ruiz] 14:05:12');
  const saved = await apiCall<{ startsAtMs: number }>(page, 'recordings:get', { documentId: r.document.id });
  expect(saved.startsAtMs).toBe(50_711_000);

  // Undo puts the guessed start back in the bar; redo the corrected one.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByTestId('recording-start')).toHaveText(' · starts at 14:05:12 of the transcript');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(page.getByTestId('recording-start')).toHaveText(' · starts at 14:05:11 of the transcript');

  // Not a time: said, and nothing changes.
  await page.getByTestId('recording-sync').click();
  await page.getByTestId('recording-start-input').fill('ten past two');
  await page.getByTestId('recording-start-save').click();
  await expect(page.getByText('"ten past two" is not a time: give it as h:mm:ss or m:ss.')).toBeVisible();
  await page.screenshot({ path: 'test-results/recordings-clock-times.png' });
  expect((await apiCall<{ startsAtMs: number }>(page, 'recordings:get', { documentId: r.document.id })).startsAtMs).toBe(50_711_000);
});
