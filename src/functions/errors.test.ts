import { LOCALES, LocalizedError } from '../i18n';
import * as logic from './logic';

const CERTS = [['Partner ID', 'Individual', 'Exam', 'Date passed'], ['P1', 'Ana', 'MB2-714', '2017-06-01'], ['P2', 'Bo', 'MB2-714', '2017-06-01']];
const REVENUE = [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P1', 'CRM Online', '2018-01-05', 1000, 'Yes'], ['P2', 'CRM Online', '2018-01-05', 1000, 'Yes']];
const ctx = { locale: 'en-US' as const, today: () => '2018-03-15' };

function caught(f: () => unknown): logic.FunctionError {
  try { f(); } catch (e) { if (e instanceof logic.FunctionError) return e; throw e; }
  throw new Error('expected a FunctionError');
}

describe('the functions\' argument errors', () => {
  test.each<[string, () => unknown, 'value' | 'na', string]>([
    ['not a range', () => logic.ttmRevenue('x', null, 'P1', ctx), 'value', 'revenue must be a range that includes its header row'],
    ['not a date', () => logic.ttmRevenue(REVENUE, 'someday', 'P1', ctx), 'value', 'asOf: "someday" is not a date'],
    ['not a market', () => logic.level(REVENUE, CERTS, 'Mars', null, 'P1', ctx), 'value', 'market: "Mars" is not a market (Developed or Developing)'],
    ['no level', () => logic.examsMet(CERTS, null, null, 'P1', ctx), 'value', 'level: give "Silver" or "Gold"'],
    ['not a level', () => logic.examsMet(CERTS, 'Platinum', null, 'P1', ctx), 'value', 'level: "Platinum" is not a level (Silver or Gold)'],
    ['which partner', () => logic.ttmRevenue(REVENUE, null, null, ctx), 'value', 'partnerId: the ranges hold 2 partners; say which one'],
    ['no such partner', () => logic.ttmRevenue(REVENUE, null, 'P9', ctx), 'na', 'partnerId: no rows for partner "P9"'],
    ['no exam', () => logic.examRoleOf('', null, ctx), 'value', 'exam: give an exam code such as MB2-714'],
    ['not an exam', () => logic.examRoleOf('XX-1', null, ctx), 'na', '"XX-1" is not a Cloud CRM exam on that date'],
  ])('%s: a message key said in every language', (_name, f, kind, english) => {
    const e = caught(f);
    expect(e).toBeInstanceOf(LocalizedError);
    expect([e.kind, e.message, e.describe('en-US')]).toEqual([kind, english, english]);
    const texts = LOCALES.map((l) => e.describe(l));
    for (const text of texts) expect(text).not.toMatch(/\{\w+\}/);
    // Each language says it in its own words (zh-TW and ko-KR keep Excel's English argument names).
    expect(new Set(texts).size).toBe(LOCALES.length);
  });

  test('a text already in the user\'s language is kept as it is', () => {
    const e = new logic.FunctionError('value', 'Die Arbeitsmappe konnte nicht gelesen werden');
    expect(LOCALES.map((l) => e.describe(l))).toEqual(LOCALES.map(() => 'Die Arbeitsmappe konnte nicht gelesen werden'));
  });

  test('parameters are checked by the compiler', () => {
    // @ts-expect-error fn.error.asOf names its value
    expect(new logic.FunctionError('value', 'fn.error.asOf', { date: 'x' }).kind).toBe('value');
  });
});
