/** ExcelJS cell values as cells: every object is read by its display value, never silently as empty. */
import { toCell } from './exceljs';

describe('ExcelJS cell values', () => {
  test.each([
    ['a hyperlink, by its text', { text: 'CRM Online', hyperlink: 'https://x' }, 'CRM Online'],
    ['rich text', { richText: [{ text: 'CRM ' }, { text: 'Online' }] }, 'CRM Online'],
    ['a formula, by its cached result', { formula: 'A1*2', result: 4 }, 4],
    ['an error', { error: '#N/A' }, { error: '#N/A' }],
    ['a formula without a cached result', { formula: 'A1*2' }, null],
    ['an object it does not know', { checkbox: true }, { error: '#VALUE!' }],
  ])('reads %s', (_name, value, expected) => {
    expect(toCell(value)).toEqual(expected);
  });
});
