import fc from 'fast-check';
import { MAX_CELL_TEXT, clipCellText } from './cell-limit';

test('keeps a text Excel can hold as it is', () => {
  expect(clipCellText('Ana')).toBe('Ana');
  expect(clipCellText('x'.repeat(MAX_CELL_TEXT))).toBe('x'.repeat(MAX_CELL_TEXT));
});

test('cuts a longer text to 32,767 characters ending in an ellipsis', () => {
  const cut = clipCellText('x'.repeat(40_000));
  expect([cut.length, cut.endsWith('x…')]).toEqual([MAX_CELL_TEXT, true]);
  expect(clipCellText('x'.repeat(MAX_CELL_TEXT + 1))).toBe(`${'x'.repeat(MAX_CELL_TEXT - 1)}…`);
});

test('never cuts inside a surrogate pair', () => {
  expect(clipCellText(`${'x'.repeat(32_765)}😀y`)).toBe(`${'x'.repeat(32_765)}…`);
});

test('the result never exceeds the limit and keeps a prefix of the text (property)', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', minLength: 32_700, maxLength: 32_800 }), (s) => {
    const cut = clipCellText(s);
    expect(cut.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    if (cut !== s) expect(s.startsWith(cut.slice(0, -1))).toBe(true);
  }), { numRuns: 30 });
});
