// Printed line numbers taken off a numbered transcript (shared/text/line-numbers.ts), and only off one.
import { describe, expect, it } from 'vitest';
import { stripLineNumbers } from '../../../shared/text/line-numbers';

describe('line numbers', () => {
  it('come off every line of a text numbered from 1, by one, with tabs or spaces after them', () => {
    expect(stripLineNumbers(['1\tI: How did the rollout go in your', '2\tteam?', '3  B1: It went well once the software', '4  fitted our locality.', '', '5  I: And the staff?'])).toEqual([
      'I: How did the rollout go in your',
      'team?',
      'B1: It went well once the software',
      'fitted our locality.',
      '',
      'I: And the staff?',
    ]);
  });

  it('restart at 1 on a new page; a number alone leaves its line empty; a line without one stays', () => {
    expect(stripLineNumbers(['1 I: Hello.', '2 B: Hi.', '3', '1 I: Page two.', '2 B: Yes.', 'Page 2 of 2'])).toEqual(['I: Hello.', 'B: Hi.', '', 'I: Page two.', 'B: Yes.', 'Page 2 of 2']);
  });

  it('stay on texts that are not numbered throughout', () => {
    // Numbered lists, years, figures, too few lines, numbers on only some lines, numbering not from 1.
    expect(stripLineNumbers(['1. Intake', '2. Training', '3. Rollout', '4. Review', '5. Audit'])).toBeNull();
    expect(stripLineNumbers(['2019 412 beds', '2020 398 beds', '2021 405 beds', '2022 410 beds', '2023 415 beds'])).toBeNull();
    expect(stripLineNumbers(['1 I: Hello.', '2 B: Hi.', '3 I: Bye.'])).toBeNull();
    expect(stripLineNumbers(['1 I: Hello.', 'B: Hi.', 'I: How?', 'B: Well.', '2 I: Bye.', 'B: Bye.'])).toBeNull();
    expect(stripLineNumbers(['12 I: Hello.', '13 B: Hi.', '14 I: How?', '15 B: Well.', '16 I: Bye.'])).toBeNull();
    expect(stripLineNumbers(['1 I: Hello.', '5 B: Hi.', '9 I: How?', '13 B: Well.', '17 I: Bye.'])).toBeNull();
  });
});
