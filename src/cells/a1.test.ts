import fc from 'fast-check';
import { MAX_COLUMNS, a1, columnIndex, columnLetters, rangeOf } from './a1';

test('writes A1 addresses', () => {
  expect([a1(0, 0), a1(6, 3), a1(0, 25), a1(0, 26), a1(1048575, 16383)]).toEqual(['A1', 'D7', 'Z1', 'AA1', 'XFD1048576']);
});

test('column letters and column indices are each other\'s inverse over Excel\'s 16,384 columns', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: MAX_COLUMNS - 1 }), (col) => {
    const letters = columnLetters(col);
    expect(letters).toMatch(/^[A-Z]{1,3}$/);
    expect(columnIndex(letters)).toBe(col);
    expect(columnIndex(letters.toLowerCase())).toBe(col);
  }));
  expect(columnLetters(MAX_COLUMNS - 1)).toBe('XFD');
});

test('letters order columns as Excel does: shorter first, then alphabetically', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: MAX_COLUMNS - 2 }), (col) => {
    const a = columnLetters(col), b = columnLetters(col + 1);
    expect(a.length < b.length || (a.length === b.length && a < b)).toBe(true);
  }));
});

test.each([[''], ['A1'], ['$A'], ['É']])('columnIndex(%p) is -1: not column letters', (letters) => {
  expect(columnIndex(letters)).toBe(-1);
});

test.each([
  ['D7', { r0: 6, c0: 3, r1: 6, c1: 3 }],
  ['$F$1:$G$200', { r0: 0, c0: 5, r1: 199, c1: 6 }],
  ["'Revenue 2018'!b2:c3", { r0: 1, c0: 1, r1: 2, c1: 2 }],
  ['A:B', { r0: 0, c0: 0, r1: 1048575, c1: 1 }],
  ['3:5', { r0: 2, c0: 0, r1: 4, c1: 16383 }],
  ['not an address', null],
])('rangeOf(%s)', (address, expected) => {
  expect(rangeOf(address)).toEqual(expected);
});

test('rangeOf reads back every address a1 writes', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 1048575 }), fc.integer({ min: 0, max: MAX_COLUMNS - 1 }), (row, col) => {
    expect(rangeOf(a1(row, col))).toEqual({ r0: row, c0: col, r1: row, c1: col });
  }));
});
