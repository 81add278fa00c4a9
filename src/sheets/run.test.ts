/**
 * A run answers from its one evaluation: every partner's next steps are core's, made once and
 * handed out as copies, so the status table and a report asking again see the same steps.
 */
import { nextSteps } from '../core';
import { openRun } from './run';
import type { SheetInput } from './cells';

const sheets: SheetInput[] = [
  { name: 'Revenue', values: [['Partner ID', 'Product', 'Date', 'Amount (USD)'], ['P1', 'CRM Online', '2017-10-01', 70_000], ['P2', 'CRM Online', '2017-04-01', 120_000], ['P2', 'Office 365 E3', '2017-05-01', 9_000]] },
  { name: 'Certifications', values: [['Partner ID', 'Individual', 'Exam', 'Date passed'], ['P1', 'Ana', 'MB2-714', '2017-06-01'], ['P1', 'Ana', 'MB2-710', '2017-07-01'], ['P2', 'Ben', 'MB2-712', '2017-08-01']] },
];

describe('Run.nextSteps', () => {
  test('every partner\'s next steps are core\'s, the same when asked again, and a copy each time', () => {
    const run = openRun({ sheets }, { locale: 'en-US', asOf: '2018-03-15' });
    const core = nextSteps(run.input, { evaluation: run.evaluation });
    const first = run.nextSteps();
    expect(first).toEqual(core);
    expect(first.length).toBe(2);
    first.pop();
    expect(run.nextSteps()).toEqual(core);
    expect(run.nextSteps(run.evaluation.partners.map((p) => p.partnerId))).toEqual(core);
    expect(run.nextSteps(['P2'])).toEqual([core[1]]);
  });
});
