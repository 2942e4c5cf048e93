// The documents panel's import summary says per file what was found: turns and times, the
// participant ID and where it came from, the encoding, and warnings (issue 12).
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, createProject, tempProjectPath } from './helpers';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'transcripts');
const file = (name: string) => ({ name, mimeType: 'text/plain', buffer: readFileSync(join(fixtures, name)) });

test('imported transcripts list their turns, times, participant IDs with their source, encoding and warnings', async ({ page }, info) => {
  await createProject(page, tempProjectPath());
  const damaged = Buffer.concat([Buffer.from('I: Was the café open?\nID09: Yes, the café', 'utf8'), Buffer.from([0xe9, 0x0a])]);
  await page.getByTestId('documents-import-input').setInputFiles([
    file('GMT20240312-140233_Recording.transcript.vtt'),
    file('Otter ID05 clinic interview.txt'),
    file('INT-RESP transcript.txt'),
    file('Sonix export.txt'),
    { name: 'ID09 café.txt', mimeType: 'text/plain', buffer: damaged },
  ]);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Imported 5 of 5 files');
  const rows = page.getByTestId('import-imported');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText('5 turns (2 speakers), 8 timed cues 00:00:01–00:00:40');
  await expect(rows.nth(0).getByTestId('import-participant')).toHaveText('participant ABC01 (first turn: "…for the clinic study, and your participant code is ABC01.") · UTF-8');
  await expect(rows.nth(1).getByTestId('import-participant')).toHaveText('participant ID05 (file name) · UTF-8');
  await expect(rows.nth(2).getByTestId('import-participant')).toContainText('participant MN04 (speakers line: "Speakers: INT');
  await expect(rows.nth(3).getByTestId('import-participant')).toHaveText('no participant ID found · UTF-8');
  await expect(rows.nth(4).getByTestId('import-warning')).toHaveText('ID09 café.txt: has a byte that is not valid UTF-8 on line 2; read as UTF-8 with \ufffd in its place');
  await summary.screenshot({ path: info.outputPath('import-summary.png') });
  await page.screenshot({ path: info.outputPath('workbench.png') });
  await rows.nth(4).scrollIntoViewIfNeeded();
  await summary.screenshot({ path: info.outputPath('import-summary-end.png') });

  // The stored document keeps its turns' times and its cues for the player and for citations.
  const docs = await apiCall<{ id: number; name: string }[]>(page, 'documents:list', {});
  const zoom = docs.find((d) => d.name.startsWith('GMT'))!;
  const doc = await apiCall<{ turns: { startMs: number | null; endMs: number | null }[]; cues: unknown[] }>(page, 'documents:get', { id: zoom.id });
  expect(doc.turns[0]).toMatchObject({ startMs: 1350, endMs: 8400 });
  expect(doc.cues).toHaveLength(8);
});

test('the participant-ID pattern is set from the documents panel and used by the next import', async ({ page }, info) => {
  await createProject(page, tempProjectPath());
  await page.getByTestId('id-pattern-open').click();
  const input = page.getByTestId('id-pattern-input');
  await expect(input).toHaveValue('');
  await input.fill('CH(');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('id-pattern-error')).toHaveText('the ID pattern is not a valid regular expression (Unterminated group): CH(');
  await input.fill(String.raw`CH\d{3}`);
  await page.getByTestId('id-pattern-dialog').screenshot({ path: info.outputPath('id-pattern.png') });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('id-pattern-dialog')).toHaveCount(0);
  expect(await apiCall(page, 'documents:importSettings', {})).toEqual({ idPattern: String.raw`CH\d{3}` });

  await page.getByTestId('documents-import-input').setInputFiles({ name: 'CH014 and ABC01.txt', mimeType: 'text/plain', buffer: Buffer.from('I: hello\nR: hi\n') });
  await expect(page.getByTestId('import-participant')).toHaveText('participant CH014 (file name) · UTF-8');
});

test('transcripts from Word Transcribe, f4, WhisperX and noScribe come in with their speakers and times', async ({ page }, info) => {
  const { Document, Packer, Paragraph } = await import('docx');
  // Word's Transcribe: `00:00:07 Speaker 2` above the statement, one paragraph each.
  const word = new Document({
    sections: [{ children: ['00:00:00 Speaker 1', 'Thanks for joining today.', '00:00:07 Speaker 2', 'Sure. I work as a nurse.', '00:00:15 Speaker 1', 'How long?'].map((t) => new Paragraph(t)) }],
  });
  const f4 = 'I: Wie hat die Einführung funktioniert? #00:00:05-2#\n\nB1: Am Anfang gar nicht. #00:00:19-8#\n\nI: Und dann? #00:00:24-0#\n';
  const whisperx = '1\n00:00:00,000 --> 00:00:02,000\n[SPEAKER_00]: How did the rollout go?\n\n2\n00:00:02,000 --> 00:00:04,000\n[SPEAKER_01]: It went well.\n';
  const noscribe =
    '<html><body><p>interview_ID44</p><p><a name="ts_0_3200_S00">S00: Thanks for joining today.</a></p><p><a name="ts_6900_9400_S01">S01: Sure. I work as a nurse.</a></p><p><a name="ts_9400_11000_S00">S00: Thank you.</a></p></body></html>';
  await createProject(page, tempProjectPath());
  await page.getByTestId('documents-import-input').setInputFiles([
    { name: 'ID41 Word transcribe.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(await Packer.toBuffer(word)) },
    { name: 'ID42 f4.txt', mimeType: 'text/plain', buffer: Buffer.from(f4) },
    { name: 'ID43 whisperx.srt', mimeType: 'text/plain', buffer: Buffer.from(whisperx) },
    { name: 'ID44 noScribe.html', mimeType: 'text/html', buffer: Buffer.from(noscribe) },
  ]);
  const rows = page.getByTestId('import-imported');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('3 turns (2 speakers), 3 timed cues 00:00:00–00:00:15');
  await expect(rows.nth(1)).toContainText('3 turns (2 speakers), 3 timed cues 00:00:00–00:00:24');
  await expect(rows.nth(2)).toContainText('2 turns (2 speakers), 2 timed cues 00:00:00–00:00:04');
  await expect(rows.nth(3)).toContainText('3 turns (2 speakers), 3 timed cues 00:00:00–00:00:09');
  await page.getByTestId('import-summary').screenshot({ path: info.outputPath('import-summary-tools.png') });

  // f4's time marks are out of the text a coder reads and quotes.
  await page.getByTestId('document-item').filter({ hasText: 'ID42 f4' }).click();
  const text = page.getByTestId('document-text');
  await expect(text).toContainText('B1: Am Anfang gar nicht.');
  await expect(text).not.toContainText('#00:00');
  await page.screenshot({ path: info.outputPath('f4-document.png') });
});
