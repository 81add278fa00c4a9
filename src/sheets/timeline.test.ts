import { LOCALES } from '../i18n';
import { eventText, outlookText } from './timeline';

describe('outlookText', () => {
  test.each([
    [{ level: 'silver', holdsUntil: '2018-12-31', holdsUntilCause: 'revenue', rises: null }, 'Silver now, holds until 2018-12-31; no higher level within 12 months'],
    [{ level: 'gold', holdsUntil: null, holdsUntilCause: null, rises: null }, 'Gold now, holds for the next 12 months'],
    [{ level: 'none', holdsUntil: null, holdsUntilCause: null, rises: { level: 'silver', from: '2018-04-01', holdsUntil: '2018-12-31' } }, 'None now; Silver from 2018-04-01 until 2018-12-31'],
    [{ level: 'silver', holdsUntil: null, holdsUntilCause: null, rises: { level: 'gold', from: '2018-05-10', holdsUntil: null } }, 'Silver now, holds for the next 12 months; Gold from 2018-05-10'],
  ] as const)('%j', (outlook, text) => {
    expect(outlookText(outlook, 'en-US')).toBe(text);
  });

  test.each(LOCALES)('fills every placeholder in %s', (locale) => {
    const text = outlookText({ level: 'silver', holdsUntil: '2018-12-31', holdsUntilCause: 'exams', rises: { level: 'gold', from: '2018-05-10', holdsUntil: '2019-01-31' } }, locale);
    expect(text).not.toMatch(/[{}]/);
    expect(text).toContain('2019-01-31');
  });
});

test.each(LOCALES)('describes every kind of timeline event in %s', (locale) => {
  const texts = [
    eventText({ kind: 'rulebook-change', day: '2017-11-16', rulebook: 'cloud-crm-2017-11' }, locale),
    eventText({ kind: 'exam-retired', day: '2018-01-01', exam: 'MB2-709' }, locale),
    eventText({ kind: 'exam-no-longer-accepted', day: '2019-01-01', exam: 'MB2-709', holders: ['Ana Souza'] }, locale),
    eventText({ kind: 'exam-no-longer-accepted', day: '2019-01-01', exam: 'MB2-709', holders: [] }, locale),
    eventText({ kind: 'revenue-leaves', day: '2018-03-01', month: '2017-03', amountCents: 6_000_000 }, locale),
    eventText({ kind: 'level-change', day: '2017-09-30', from: 'none', to: 'silver' }, locale),
  ];
  for (const text of texts) expect(text).not.toMatch(/[{}]/);
  expect(texts[2]).toContain('Ana Souza');
  if (locale === 'en-US') expect(texts[4]).toBe('US$ 60,000.00 of 2017-03 leaves the window on 2018-03-01');
});
