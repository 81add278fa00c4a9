/**
 * An exam plan reads one item per person (issue 18.5): a person's several passes are joined with
 * "and", never "New person 1:" once per exam; people keep the plan's order.
 */
import type { PlannedExam } from '../core';
import { planText } from './output';
import { dayText, enGbDay } from './next-step';

const pass = (who: string | number, role: PlannedExam['role'], exams: string[]): PlannedExam => ({
  individual: typeof who === 'string' ? who : '', individualKey: typeof who === 'string' ? who.toLowerCase() : null,
  newIndividual: typeof who === 'number' ? who : null, role, slot: role === 'customization' ? 'customization' : 'application+deployment', exams,
});

test.each<[string, PlannedExam[], 'en-US' | 'de-DE' | 'zh-TW', string]>([
  ['one person, two passes', [pass(1, 'application', ['MB2-714']), pass(1, 'deployment', ['MB2-710', 'MB2-706'])], 'en-US',
    'New person 1: an application exam (MB2-714) and a deployment exam (MB2-710, MB2-706)'],
  ['two people, the second between the first one\'s passes', [pass('Ana Souza', 'application', ['MB2-714']), pass(2, 'customization', ['MB2-712']), pass('Ana Souza', 'deployment', ['MB2-710'])], 'en-US',
    'Ana Souza: an application exam (MB2-714) and a deployment exam (MB2-710); New person 2: a customization exam (MB2-712)'],
  ['one pass', [pass('Ana Souza', 'deployment', ['MB2-710'])], 'en-US', 'Ana Souza: a deployment exam (MB2-710)'],
  ['no passes', [], 'en-US', ''],
  ['in German', [pass(1, 'application', ['MB2-714']), pass(1, 'deployment', ['MB2-710'])], 'de-DE', 'Neue Person 1: eine Anwendungsprüfung (MB2-714) und eine Bereitstellungsprüfung (MB2-710)'],
])('%s', (_name, plan, locale, text) => {
  expect(planText(plan, locale)).toBe(text);
});

test('a person is named once, whatever the plan', () => {
  const plan = [pass(1, 'application', ['A']), pass(1, 'deployment', ['B']), pass(1, 'customization', ['C'])];
  expect(planText(plan, 'zh-TW').match(/新人員 1/g)).toHaveLength(1);
  expect(planText(plan, 'en-US').match(/New person 1/g)).toHaveLength(1);
});

test('days in en-US sentences are written as Intl.DateTimeFormat("en-GB") writes them, without Intl', () => {
  const intl = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  for (let ms = Date.UTC(1899, 11, 1); ms <= Date.UTC(2031, 0, 31); ms += 86_400_000 * 3) {
    expect(enGbDay(ms) ?? intl.format(ms)).toBe(intl.format(ms));
  }
  for (const iso of ['1582-10-04', '1000-01-01', '1899-12-31', '1900-01-01', '2018-09-30', '9999-12-31', '2018-02-30', 'not a day']) {
    expect(dayText(iso, 'en-US')).toBe(Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ? iso : intl.format(Date.parse(`${iso}T00:00:00Z`)));
  }
  expect(enGbDay(Date.UTC(1582, 9, 4))).toBeUndefined();
});
