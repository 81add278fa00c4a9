import fc from 'fast-check';
import { dayFromIso, dayFromYmd } from '../core';
import { quickMoneyCents, readDate, readMarket, readMoneyCents, readYesNo, dayFromSerial, type Cell } from './cells';
import { LOCALES, type Locale } from '../i18n';

const day = (iso: string): number => dayFromIso(iso) as number;

describe('reading dates', () => {
  test.each([
    ['a 1900-system serial', 43174, 'en-US', false, '2018-03-15', false],
    ['a serial with a time of day', 43174.75, 'en-US', false, '2018-03-15', false],
    ['serial 61 is 1900-03-01 (after the phantom 1900-02-29)', 61, 'en-US', false, '1900-03-01', false],
    ['serial 59 is 1900-02-28', 59, 'en-US', false, '1900-02-28', false],
    ['serial 1 is 1900-01-01', 1, 'en-US', false, '1900-01-01', false],
    ['a 1904-system serial', 41712, 'en-US', true, '2018-03-15', false],
    ['ISO text', '2018-03-15', 'en-US', false, '2018-03-15', false],
    ['ISO text with a time', '2018-03-15T10:30:00Z', 'en-US', false, '2018-03-15', false],
    ['month text', '2018-03', 'en-US', false, '2018-03-01', true],
    ['month text with a slash', '2018/03', 'de-DE', false, '2018-03-01', true],
    ['month-year text', '03/2018', 'pt-BR', false, '2018-03-01', true],
    ['an English month name', 'Mar 2018', 'en-US', false, '2018-03-01', true],
    ['a German month name', 'März 2018', 'de-DE', false, '2018-03-01', true],
    ['an Italian month name', 'marzo 2018', 'it-IT', false, '2018-03-01', true],
    ['a Portuguese date with month name', '15 de março de 2018', 'pt-BR', false, '2018-03-15', false],
    ['month-first text in en-US', '03/04/2018', 'en-US', false, '2018-03-04', false],
    ['day-first text in pt-BR', '03/04/2018', 'pt-BR', false, '2018-04-03', false],
    ['day-first text in it-IT', '03/04/2018', 'it-IT', false, '2018-04-03', false],
    ['dotted day-first text in de-DE', '15.03.2018', 'de-DE', false, '2018-03-15', false],
    ['a day over 12 is the day whatever the locale', '15/03/2018', 'en-US', false, '2018-03-15', false],
    ['two-digit years', '15.03.18', 'de-DE', false, '2018-03-15', false],
    ['year-first text in zh-TW', '2018/3/15', 'zh-TW', false, '2018-03-15', false],
    ['Chinese date text', '2018年3月15日', 'zh-TW', false, '2018-03-15', false],
    ['Korean date text', '2018. 3. 15.', 'ko-KR', false, '2018-03-15', false],
    ['Korean date text with units', '2018년 3월 15일', 'ko-KR', false, '2018-03-15', false],
    ['English text with a month name', 'March 15, 2018', 'en-US', false, '2018-03-15', false],
    ['a serial typed as text', '43174', 'en-US', false, '2018-03-15', false],
    ['a year-month as a number (YYYYMM)', 201806, 'en-US', false, '2018-06-01', true],
    ['a year-month as text (YYYYMM)', '201806', 'de-DE', false, '2018-06-01', true],
    ['a date as a number (YYYYMMDD)', 20180615, 'en-US', false, '2018-06-15', false],
    ['a date as text (YYYYMMDD)', '20180615', 'pt-BR', false, '2018-06-15', false],
    ['the last serial of 2100', 73415, 'en-US', false, '2100-12-31', false],
  ] as const)('reads %s', (_name, cell, locale, date1904, iso, monthOnly) => {
    expect(readDate(cell, locale as Locale, date1904)).toEqual({ ok: true, value: { day: day(iso), monthOnly } });
  });

  test('reads a Date (as file readers give date cells)', () => {
    expect(readDate(new Date(Date.UTC(2018, 2, 15)), 'en-US', false)).toEqual({ ok: true, value: { day: day('2018-03-15'), monthOnly: false } });
  });

  test('reads a full date in a Month column as its month', () => {
    expect(readDate('2018-03-15', 'en-US', false, true)).toEqual({ ok: true, value: { day: dayFromYmd(2018, 3, 1), monthOnly: true } });
  });

  test.each([
    ['serial 60, the 1900-02-29 that never was', 60, 'serial-1900-02-29'],
    ['an impossible day', '2018-02-30', 'invalid'],
    ['words', 'soon', 'invalid'],
    ['a boolean', true, 'invalid'],
    ['an empty cell', '', 'empty'],
    ['a formula error', '#N/A', 'error'],
    ['a formula error object', { error: '#REF!' }, 'error'],
    ['a serial past 2100 (cannot be real)', 73416, 'invalid'],
    ['ISO text past 2100', '2452-07-01', 'invalid'],
    ['a Date past 2100', new Date(Date.UTC(2452, 6, 1)), 'invalid'],
    ['YYYYMM with month 13', 201813, 'invalid'],
  ] as const)('reports %s', (_name, cell, problem) => {
    const r = readDate(cell as Cell, 'en-US', false);
    expect(r.ok ? 'ok' : r.problem).toBe(problem);
  });

  test('1900 and 1904 serials of the same day differ by 1462', () => {
    expect(dayFromSerial(43174, false)).toEqual(dayFromSerial(43174 - 1462, true));
  });
});

describe('reading money as integer cents', () => {
  test.each([
    [50000, 'en-US', 5_000_000],
    [0.1 + 0.2, 'en-US', 30],
    [-1234.5, 'en-US', -123_450],
    ['$50,000.00', 'en-US', 5_000_000],
    ['$60,000.00', 'en-US', 6_000_000],
    ['US$ 50.000', 'pt-BR', 5_000_000],
    ['US$ 50.000', 'de-DE', 5_000_000],
    ['50.000,50', 'de-DE', 5_000_050],
    ['50,000.50', 'de-DE', 5_000_050],
    ['1.234.567', 'en-US', 123_456_700],
    ['(1,234.00)', 'en-US', -123_400],
    ['-1 234,56', 'it-IT', -123_456],
    ['USD 1,000', 'en-US', 100_000],
    ['1000 USD', 'en-US', 100_000],
    ['12.5', 'en-US', 1250],
    ['12,5', 'pt-BR', 1250],
    ['0.125', 'en-US', 13],
    ['1,5', 'en-US', 150],
  ] as const)('reads %p in %s', (cell, locale, cents) => {
    expect(readMoneyCents(cell, locale)).toEqual({ ok: true, value: cents });
  });

  test.each([['abc'], ['1,2,3.4.5x'], [true], ['#VALUE!'], ['']])('reports %p', (cell) => {
    expect(readMoneyCents(cell as Cell, 'en-US').ok).toBe(false);
  });

  // Plain decimal text has a fast path; the model here is the amount's own parts, exactly.
  test('reads plain decimal text as its exact cents in every locale, alone or dressed as US$', () => {
    const plain = fc.record({
      negative: fc.boolean(),
      whole: fc.stringMatching(/^\d{1,13}$/),
      frac: fc.stringMatching(/^\d{0,2}$/),
    });
    fc.assert(fc.property(plain, fc.constantFrom(...LOCALES), fc.constantFrom('', ' ', 'US$ '), ({ negative, whole, frac }, locale, prefix) => {
      const text = `${negative ? '-' : ''}${whole}${frac === '' ? '' : `.${frac}`}`;
      const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
      const expected = negative ? -cents : cents;
      expect(readMoneyCents(`${prefix}${text}`, locale)).toEqual({ ok: true, value: expected });
    }), { numRuns: 500 });
  });

  test('the quick reading of an amount, when it answers, is the full reading in every locale', () => {
    const cell = fc.oneof(
      fc.double(), fc.integer(), fc.constantFrom(-0, 1e13, -1e13, 9.999e12, Number.NaN),
      fc.stringMatching(/^-?\d{0,15}(\.\d{0,3})?$/), fc.string(), fc.constantFrom('1,5', ' 12', '12 ', '#N/A', ''),
    );
    fc.assert(fc.property(cell, fc.constantFrom(...LOCALES), (c, locale) => {
      const quick = quickMoneyCents(c);
      if (quick !== undefined) expect(readMoneyCents(c, locale)).toEqual({ ok: true, value: quick });
    }), { numRuns: 1000 });
  });

  test.each([['12345678901234'], ['1.'], ['-'], ['.5'], ['1.234'], ['12.3.4'], ['1e5'], ['+5']])('reads %p as the general reading does, not as plain decimal text', (cell) => {
    expect(readMoneyCents(cell, 'en-US')).toEqual(readMoneyCents(` ${cell}`, 'en-US'));
  });
});

describe('reading yes/no in every language', () => {
  test.each([
    [true, true], [false, false], [1, true], [0, false],
    ['Yes', true], ['no', false], ['Sim', true], ['Não', false], ['Ja', true], ['Nein', false],
    ['是', true], ['否', false], ['예', true], ['아니요', false], ['Sì', true], ['No', false], ['TRUE', true], ['x', true],
  ] as const)('reads %p', (cell, value) => {
    expect(readYesNo(cell)).toEqual({ ok: true, value });
  });
  test('reports words that are neither', () => {
    expect(readYesNo('maybe').ok).toBe(false);
  });
});

describe('reading markets in every seed language', () => {
  test.each([
    ['Developing Markets', 'developing'], ['Developing Marketing', 'developing'], ['Mercados em desenvolvimento', 'developing'],
    ['Entwicklungsländer', 'developing'], ['開發中市場', 'developing'], ['개발 도상국 시장', 'developing'], ['Mercati in sviluppo', 'developing'],
    ['Developed Markets', 'developed'], ['developed', 'developed'], ['Mercados desenvolvidos', 'developed'], ['Industrieländer', 'developed'],
    ['已開發市場', 'developed'], ['선진국 시장', 'developed'], ['Mercati sviluppati', 'developed'],
  ] as const)('reads %s', (cell, market) => {
    expect(readMarket(cell)).toEqual({ ok: true, value: market });
  });
  test('reports other words', () => {
    expect(readMarket('Mars').ok).toBe(false);
  });
});
