/** Calendar arithmetic on epoch days: checked against Date.UTC, and at the boundaries the rules use. */
import fc from 'fast-check';
import {
  addMonths, dayFromIso, dayFromIsoMonth, dayFromYmd, daysInMonth, firstDayOfMonth, isValidYmd, isoFromDay, isoFromLocalDate,
  monthOfDay, ttmWindowStart, ymdFromDay,
} from './dates';

const DAY_MS = 86_400_000;
const utcDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;
const iso = (s: string): number => dayFromIso(s) as number;

describe('epoch days', () => {
  test('a day number is the number of days since 1970-01-01, as Date.UTC counts them, for every date from 1900 to 2199', () => {
    fc.assert(fc.property(fc.integer({ min: utcDay(1900, 1, 1), max: utcDay(2199, 12, 31) }), (day) => {
      const date = new Date(day * DAY_MS);
      const ymd = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      expect(ymdFromDay(day)).toEqual(ymd);
      expect(dayFromYmd(ymd.year, ymd.month, ymd.day)).toBe(day);
      expect(isoFromDay(day)).toBe(date.toISOString().slice(0, 10));
      expect(dayFromIso(isoFromDay(day))).toBe(day);
    }), { numRuns: 2000 });
  });

  test.each([
    ['1900 is not a leap year (Excel pretends it is)', 1900, 2, 28],
    ['2000 is a leap year', 2000, 2, 29],
    ['2018 is not a leap year', 2018, 2, 28],
    ['2020 is a leap year', 2020, 2, 29],
    ['April has 30 days', 2018, 4, 30],
    ['December has 31 days', 2018, 12, 31],
  ])('%s', (_name, year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
    expect(isValidYmd(year, month, days)).toBe(true);
    expect(isValidYmd(year, month, days + 1)).toBe(false);
  });

  test.each([
    ['a date', '2018-03-15', true],
    ['the 29th of February of a leap year', '2020-02-29', true],
    ['the 29th of February of another year', '2018-02-29', false],
    ['the 30th of February', '2018-02-30', false],
    ['month 13', '2018-13-01', false],
    ['day 0', '2018-03-00', false],
    ['a month without a day', '2018-03', false],
    ['a date with a time', '2018-03-15T10:00', false],
    ['text', 'soon', false],
  ])('dayFromIso reads %s only when it is a real YYYY-MM-DD date', (_name, text, valid) => {
    expect(dayFromIso(text) !== undefined).toBe(valid);
  });

  test('a month-only date is the first day of its month', () => {
    expect(isoFromDay(dayFromIsoMonth('2018-03') as number)).toBe('2018-03-01');
    expect(dayFromIsoMonth('2018-13')).toBeUndefined();
    expect(dayFromIsoMonth('2018-03-15')).toBeUndefined();
  });

  test('month numbers count months since year 0, and firstDayOfMonth inverts them across year ends', () => {
    expect(monthOfDay(iso('2018-01-31')) - monthOfDay(iso('2017-12-01'))).toBe(1);
    expect(isoFromDay(firstDayOfMonth(monthOfDay(iso('2018-03-15')) - 11))).toBe('2017-04-01');
    expect(isoFromDay(firstDayOfMonth(monthOfDay(iso('2018-01-15')) + 12))).toBe('2019-01-01');
  });
});

describe('addMonths', () => {
  test.each([
    ['the same day a year later', '2018-03-15', 12, '2019-03-15'],
    ['the 31st into a 28-day February is clamped to its last day', '2018-01-31', 1, '2018-02-28'],
    ['the 31st into a leap February', '2020-01-31', 1, '2020-02-29'],
    ['the 29th of February a year later', '2020-02-29', 12, '2021-02-28'],
    ['across a year end', '2017-11-30', 3, '2018-02-28'],
    ['backwards', '2018-03-31', -1, '2018-02-28'],
  ])('%s', (_name, from, months, to) => {
    expect(isoFromDay(addMonths(iso(from), months))).toBe(to);
  });
});

describe('the TTM window starts on the first day of the month eleven months before the as-of month', () => {
  test.each([
    ['2018-03-15', '2017-04-01'],
    ['2018-03-01', '2017-04-01'],
    ['2018-01-31', '2017-02-01'],
    ['2018-12-31', '2018-01-01'],
    ['2020-02-29', '2019-03-01'],
  ])('as of %s: %s', (asOf, start) => {
    expect(isoFromDay(ttmWindowStart(iso(asOf)))).toBe(start);
  });

  test('for any as-of date, the window holds twelve calendar months counting the as-of month', () => {
    fc.assert(fc.property(fc.integer({ min: utcDay(2000, 1, 1), max: utcDay(2100, 12, 31) }), (day) => {
      const start = new Date(ttmWindowStart(day) * DAY_MS), asOf = new Date(day * DAY_MS);
      expect(start.getUTCDate()).toBe(1);
      expect((asOf.getUTCFullYear() - start.getUTCFullYear()) * 12 + asOf.getUTCMonth() - start.getUTCMonth()).toBe(11);
    }), { numRuns: 1000 });
  });
});

test('isoFromLocalDate gives the calendar day the Date shows in local time', () => {
  expect(isoFromLocalDate(new Date(2018, 2, 15, 23, 59))).toBe('2018-03-15');
  expect(isoFromLocalDate(new Date(2018, 0, 1, 0, 0))).toBe('2018-01-01');
  expect(isoFromLocalDate(new Date(999, 11, 31))).toBe('0999-12-31');
});
