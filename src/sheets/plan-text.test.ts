/**
 * An exam plan reads one item per person (issue 18.5): a person's several passes are joined with
 * "and", never "New person 1:" once per exam; people keep the plan's order.
 */
import type { PlannedExam } from '../core';
import { planText } from './output';

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
