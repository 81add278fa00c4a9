import fc from 'fast-check';
import { MAX_SERIAL, dayOfSerial, isPhantomLeapDay, msOfSerial, serialOfDay, serialOfIso } from './serials';

/** Epoch day of an ISO day, computed by Date (an independent count). */
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

test.each([
  ['1900-01-01, serial 1 of the 1900 system', 1, false, '1900-01-01'],
  ['1900-02-28, the last day before the phantom leap day', 59, false, '1900-02-28'],
  ['1900-03-01, the first day after it', 61, false, '1900-03-01'],
  ['1970-01-01', 25569, false, '1970-01-01'],
  ['2018-03-15', 43174, false, '2018-03-15'],
  ['9999-12-31, the last serial', 2958465, false, '9999-12-31'],
  ['1904-01-01, serial 0 of the 1904 system', 0, true, '1904-01-01'],
  ['2018-03-15 in the 1904 system', 43174 - 1462, true, '2018-03-15'],
] as const)('%s', (_name, serial, date1904, iso) => {
  expect(dayOfSerial(serial, date1904)).toBe(day(iso));
  expect(dayOfSerial(serial + 0.75, date1904)).toBe(day(iso)); // a time of day keeps the day
  expect(serialOfDay(day(iso), date1904)).toBe(serial);
  expect(serialOfIso(iso, date1904)).toBe(serial);
});

test.each([
  ['the phantom 1900-02-29', 60, false],
  ['serial 0 of the 1900 system', 0, false],
  ['a negative serial', -1, true],
  ['past 9999-12-31', MAX_SERIAL + 1, false],
  ['not a number', Number.NaN, false],
  ['infinity', Number.POSITIVE_INFINITY, true],
] as const)('%s is no date', (_name, serial, date1904) => {
  expect(dayOfSerial(serial, date1904)).toBeUndefined();
});

test('a serial shows no instant when it is not a number or the phantom leap day; out of range, it counts on', () => {
  expect([msOfSerial(Number.NaN, false), msOfSerial(Number.POSITIVE_INFINITY, true), msOfSerial(60, false), msOfSerial(60.5, false)]).toEqual([NaN, NaN, NaN, NaN]);
  expect(new Date(msOfSerial(-1, true)).toISOString()).toBe('1903-12-31T00:00:00.000Z');
  expect(msOfSerial(MAX_SERIAL + 1, false) / 86_400_000).toBe(day('9999-12-31') + 1);
});

test('only serial 60 of the 1900 system is the phantom leap day', () => {
  expect([isPhantomLeapDay(60, false), isPhantomLeapDay(60.99, false), isPhantomLeapDay(60, true), isPhantomLeapDay(59, false), isPhantomLeapDay(61, false)])
    .toEqual([true, true, false, false, false]);
});

test.each([['2018-02-30'], ['2018-13-01'], ['18-03-15'], ['2018-3-15'], ['1899-12-31'], ['0050-01-01']])('serialOfIso(%p) is undefined: no day with a serial', (iso) => {
  expect(serialOfIso(iso, false)).toBeUndefined();
});

const serial1900 = fc.integer({ min: 1, max: MAX_SERIAL }).filter((s) => s !== 60);
const serial1904 = fc.integer({ min: 0, max: MAX_SERIAL });

test('serial -> day -> serial gives the serial back, in both systems', () => {
  fc.assert(fc.property(serial1900, (s) => { expect(serialOfDay(dayOfSerial(s, false) as number, false)).toBe(s); }));
  fc.assert(fc.property(serial1904, (s) => { expect(serialOfDay(dayOfSerial(s, true) as number, true)).toBe(s); }));
});

test('day -> serial -> day gives the day back over every day with a serial', () => {
  fc.assert(fc.property(fc.integer({ min: day('1900-01-01'), max: day('9999-12-31') }), fc.boolean(), (d, date1904) => {
    const s = serialOfDay(d, date1904);
    if (date1904 && d < day('1904-01-01')) expect(s).toBeUndefined();
    else expect(dayOfSerial(s as number, date1904)).toBe(d);
  }));
});

test('the two systems name the same day 1462 serials apart (from 1904 on)', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: MAX_SERIAL - 1462 }), (s) => {
    expect(dayOfSerial(s, true)).toBe(dayOfSerial(s + 1462, false));
  }));
});

test('a serial shows the instant of its day plus its fraction of a day', () => {
  fc.assert(fc.property(fc.oneof(serial1900.map((s) => [s, false] as const), serial1904.map((s) => [s, true] as const)), fc.integer({ min: 0, max: 86_399_999 }), ([s, date1904], ms) => {
    const serial = s + ms / 86_400_000;
    const t = msOfSerial(serial, date1904);
    expect(Math.floor(t / 86_400_000)).toBe(dayOfSerial(serial, date1904));
    expect(Math.abs(t - ((dayOfSerial(s, date1904) as number) * 86_400_000 + ms))).toBeLessThanOrEqual(1);
  }));
  expect(new Date(msOfSerial(43174.5, false)).toISOString()).toBe('2018-03-15T12:00:00.000Z');
});
