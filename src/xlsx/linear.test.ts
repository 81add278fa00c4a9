/**
 * Every XML scanner of the reader takes time in proportion to its input, also on input built to
 * make a backtracking or rescanning scanner quadratic: long runs without the delimiter a scanner
 * waits for, unclosed quotes, long attribute lists, runs of "<". Each case is timed at n and at
 * 4n (the best CPU time of several runs each, in the same process): a linear scanner takes
 * about 4 times as long, a quadratic one about 16 times; the test fails past 10 (measured twice).
 */
import { strToU8, zipSync } from 'fflate';
import { XlsxError } from './errors';
import { readXlsxBytes } from './read';
import { attrs, decodeXml, eachElement, looksLikeXml, namespaces } from './xml';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * Best CPU time of `runs` calls, in ms: CPU time rather than wall-clock time, so the other
 * processes of a busy machine do not count.
 */
function best(f: () => void, runs: number): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    min = Math.min(min, (c.user + c.system) / 1000);
  }
  return min;
}

/**
 * Time at 4n over time at n, for the smallest n (from `n0`, doubling) whose run takes at least
 * 10 ms of CPU, so timer resolution and a busy machine's noise stay small beside it; `make(n)` builds
 * the input outside the timing. Runs of both sizes alternate, so a busy spell falls on both.
 */
function growth<T>(n0: number, make: (n: number) => T, run: (input: T) => void): number {
  let n = n0;
  let small = make(n);
  run(small);
  while (best(() => run(small), 2) < 10 && n < 64 * n0) { n *= 2; small = make(n); run(small); }
  const large = make(4 * n);
  run(large);
  let s = Infinity, l = Infinity;
  for (let i = 0; i < 3; i++) {
    s = Math.min(s, best(() => run(small), 1));
    l = Math.min(l, best(() => run(large), 1));
  }
  return l / s;
}

/** A workbook whose workbook part, shared strings or only sheet is the given XML. */
function book(parts: { workbook?: string; sheet?: string; shared?: string }): Uint8Array {
  return zipSync({
    '_rels/.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(parts.workbook ?? `<workbook ${NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    'xl/worksheets/sheet1.xml': strToU8(parts.sheet ?? `<worksheet ${NS}><sheetData/></worksheet>`),
    ...(parts.shared === undefined ? {} : { 'xl/sharedStrings.xml': strToU8(parts.shared) }),
  });
}

/** Reads a workbook; a refusal is an answer too (only the time matters here). */
function read(bytes: Uint8Array): void {
  try { readXlsxBytes(bytes); } catch (e) { if (!(e instanceof XlsxError)) throw e; }
}

const LINEAR = 10;

/** The growth, measured again once when the first measure is past the bound (a busy spell of the machine). */
const settled = <T>(n0: number, make: (n: number) => T, run: (input: T) => void): number => {
  const first = growth(n0, make, run);
  return first < LINEAR ? first : Math.min(first, growth(n0, make, run));
};

describe('the small parts\' XML helpers take linear time', () => {
  test.each<[string, (n: number) => string, (s: string) => void]>([
    ['a long run inside a tag without its ">"', (n) => `<workbook><definedNames ${'a'.repeat(n)}`, (s) => attrs(s)],
    ['a long run of names without "=" in a tag', (n) => `<sheet ${'a '.repeat(n)}/>`, (s) => attrs(s)],
    ['a long attribute list', (n) => `<sheet ${Array.from({ length: n / 32 }, (_, i) => `a${i}="1"`).join(' ')}/>`, (s) => attrs(s)],
    ['start tags whose quotes never close', (n) => '<sheet a="'.repeat(n / 10), (s) => eachElement(s, 'sheet', () => undefined)],
    ['a run of "<"', (n) => '<'.repeat(n), (s) => eachElement(s, 'sheet', () => undefined)],
    ['many start tags without ">"', (n) => '<sheet '.repeat(n / 7), (s) => eachElement(s, 'sheet', () => undefined)],
    ['a root that never closes', (n) => `<workbook ${'x'.repeat(n)}`, (s) => { looksLikeXml(s, 'workbook'); namespaces(s); }],
    ['entities that never end', (n) => '&a'.repeat(n / 4) + '&'.repeat(n / 2), (s) => decodeXml(s)],
  ])('%s', (_, make, run) => {
    expect(settled(100_000, make, run)).toBeLessThan(LINEAR);
  });
});

describe('the reader takes linear time on hostile parts', () => {
  test.each<[string, (n: number) => Uint8Array]>([
    ['the workbook part: a long run inside a tag (issue 23: 54 s for 3.3 KB)', (n) => book({ workbook: `<workbook ${NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets><definedNames ${'a'.repeat(n)}</workbook>` })],
    ['the workbook part: sheets whose quotes never close', (n) => book({ workbook: `<workbook ${NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/>${'<sheet a="'.repeat(n / 10)}</sheets></workbook>` })],
    ['a sheet: a cell tag without its ">"', (n) => book({ sheet: `<worksheet ${NS}><sheetData><row r="1"><c r="A1" ${'a'.repeat(n)}` })],
    ['a sheet: a cell whose quote never closes', (n) => book({ sheet: `<worksheet ${NS}><sheetData><row r="1"><c r="A1${'x'.repeat(n)}` })],
    ['a sheet: a cell that never ends', (n) => book({ sheet: `<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>${'1'.repeat(n)}` })],
    ['a sheet: a long attribute list on a cell', (n) => book({ sheet: `<worksheet ${NS}><sheetData><row r="1"><c r="A1" ${Array.from({ length: n / 8 }, (_, i) => `a${i}="1"`).join(' ')}><v>1</v></c></row></sheetData></worksheet>` })],
    ['a sheet: many rows and cells (the ordinary shape)', (n) => book({ sheet: `<worksheet ${NS}><sheetData>${Array.from({ length: n / 40 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`).join('')}</sheetData></worksheet>` })],
    ['shared strings: a string that never ends', (n) => book({ shared: `<sst ${NS}><si><t>${'x'.repeat(n)}` })],
    ['a sheet: a comment that never ends', (n) => book({ sheet: `<worksheet ${NS}><sheetData><!--${'-'.repeat(n)}` })],
  ])('%s', (_, make) => {
    expect(settled(100_000, make, read)).toBeLessThan(LINEAR);
  });
});
