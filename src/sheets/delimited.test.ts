/** Delimited bytes read the same wherever they come from: named after the file, typed errors. */
import { DelimitedError, extensionOf, readDelimitedBytes, sheetNameFor } from './delimited';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('readDelimitedBytes', () => {
  test('a European Excel CSV (semicolons, decimal commas) becomes one sheet named after the file', () => {
    const sheet = readDelimitedBytes(bytes('Partner;Amount\n1001;1.234,50\n'), 'Revenue 2018.csv');
    expect(sheet).toEqual({ name: 'Revenue 2018', values: [['Partner', 'Amount'], ['1001', '1.234,50']], encoding: 'utf-8' });
  });

  test('a .tsv is tab-separated whatever its lines hold', () => {
    expect(readDelimitedBytes(bytes('a,b\tc\n1,2\t3\n'), 'x.tsv').values).toEqual([['a,b', 'c'], ['1,2', '3']]);
  });

  test('a quote never closed is a DelimitedError naming the line, in each language', () => {
    let caught: unknown;
    try { readDelimitedBytes(bytes('a,b\n1,2\n3,"open\n4,5\n'), 'x.csv'); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(DelimitedError);
    expect((caught as DelimitedError).describe('en-US')).toBe('x.csv: the quoted field opened on line 3 is never closed; add the closing " and try again');
    expect((caught as DelimitedError).describe('de-DE')).not.toBe((caught as DelimitedError).describe('en-US'));
  });
});

test.each([
  ['revenue.CSV', '.csv', 'revenue'],
  ['.csv', '', '.csv'],
  ['a.b.tsv', '.tsv', 'a.b'],
  ['Competency Status.csv', '.csv', 'Competency Status (input)'],
  ['history.txt', '.txt', 'History_'],
])('%s: extension %j, sheet %j', (file, ext, sheet) => {
  expect(extensionOf(file)).toBe(ext);
  expect(sheetNameFor(file)).toBe(sheet);
});
