import { dateOrder } from './date-order';
import { readDate } from './cells';
import { readWorkbook } from './read';
import type { Cell } from './cells';

const col = (...cells: Cell[]): Cell[][] => cells.map((c) => [c]);

describe('the day/month order of a date column', () => {
  test.each([
    ['a day over 12 decides day-first', col('03/04/2018', '15/04/2018'), 'en-US', true, false],
    ['a month over 12 decides month-first', col('03/04/2018', '04/15/2018'), 'pt-BR', false, false],
    ['the "." separator suggests day-first', col('03.04.2018', '05.06.2018'), 'en-US', true, false],
    ['nothing decides: the locale, with a warning', col('03/04/2018', '05/06/2018'), 'en-US', false, true],
    ['nothing decides in a day-first locale: day-first, with a warning', col('03/04/2018'), 'de-DE', true, true],
    ['serials and ISO text are not ambiguous', col(43174, '2018-03-04', '2018-04'), 'en-US', false, false],
    ['a day equal to its month is not ambiguous', col('04/04/2018'), 'en-US', false, false],
    ['days over 12 both ways: undecided, the locale, with a warning', col('13/04/2018', '04/13/2018', '03/04/2018'), 'en-US', false, true],
  ] as const)('%s', (_name, values, locale, dayFirst, warns) => {
    const order = dateOrder(values, 0, values.length, 0, undefined, locale, false);
    expect([order.dayFirst, order.ambiguous !== undefined]).toEqual([dayFirst, warns]);
  });

  test('a decimal comma in the amounts suggests day-first', () => {
    const values: Cell[][] = [['03/04/2018', '1.234,56'], ['05/06/2018', '99,5']];
    expect(dateOrder(values, 0, 2, 0, 1, 'en-US', false)).toEqual({ dayFirst: true });
    expect(dateOrder([['03/04/2018', '1,234.56']], 0, 1, 0, 1, 'en-US', false).ambiguous).toEqual({ row: 0, value: '03/04/2018' });
  });

  test('a locale the user chose reads an undecided column without a warning', () => {
    expect(dateOrder(col('03/04/2018'), 0, 1, 0, undefined, 'en-US', true)).toEqual({ dayFirst: false });
    // ...but the data still wins over it.
    expect(dateOrder(col('03/04/2018', '25/04/2018'), 0, 2, 0, undefined, 'en-US', true)).toEqual({ dayFirst: true });
  });
});

describe('reading a workbook with text dates', () => {
  const certs = [['Partner ID', 'Individual', 'Exam', 'Date passed'], ['P1', 'Ana', 'MB2-714', '01/06/2017']];
  test('an ambiguous column gets one warning at its first ambiguous cell, saying how it was read', () => {
    const rev = [['Partner ID', 'Product', 'Date', 'Amount', 'DPOR'], ['P1', 'CRM Online', '2018-01-05', 10, 'Yes'], ['P1', 'CRM Online', '03/04/2018', 10, 'Yes'], ['P1', 'CRM Online', '05/06/2018', 10, 'Yes']];
    const read = readWorkbook({ sheets: [{ name: 'Revenue', values: rev }, { name: 'Certs', values: certs }] }, { locale: 'en-US' });
    const warnings = read.issues.filter((i) => i.code === 'date.order-ambiguous');
    expect(warnings.map((w) => [w.sheet, w.cell, w.severity])).toEqual([['Revenue', 'C3', 'warning'], ['Certs', 'D2', 'warning']]);
    expect(warnings[0]?.message).toContain('"03/04/2018"');
    expect(warnings[0]?.message).toContain('2018-03-04');
  });

  test('a column with a day over 12 is read day-first throughout, without a warning', () => {
    const rev = [['Partner ID', 'Product', 'Date', 'Amount', 'DPOR'], ['P1', 'CRM Online', '03/04/2018', 10, 'Yes'], ['P1', 'CRM Online', '25/04/2018', 10, 'Yes']];
    const read = readWorkbook({ sheets: [{ name: 'Revenue', values: rev }] }, { locale: 'en-US' });
    expect(read.issues.filter((i) => i.code === 'date.order-ambiguous')).toEqual([]);
    expect(Array.from(read.revenue.day)).toEqual([17624, 17646]); // 2018-04-03, 2018-04-25
  });
});

describe('years', () => {
  test.each(['0018-03-15', '15/03/0018', '15.03.0018', 'Mar 0018', '1899-12-31'])('"%s" is not a date (not 2018)', (text) => {
    expect(readDate(text, 'en-US', false).ok).toBe(false);
  });
  test('two-digit years are this century', () => {
    expect(readDate('15/03/18', 'pt-BR', false)).toEqual({ ok: true, value: { day: 17605, monthOnly: false } });
  });
});
