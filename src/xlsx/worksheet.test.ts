/**
 * The row patcher patches rows written as Excel writes them on their bytes, and every other row
 * as text: both paths must give the same bytes (and the same shared strings), however the sheet
 * is written and however its bytes arrive.
 */
import fc from 'fast-check';
import { ByteSink } from './bytebuf';
import { columnLetters } from '../cells';
import { addOutStyles, EMPTY_STYLES } from './sheetxml';
import { SharedStrings } from './sst';
import { WorksheetPatcher } from './worksheet';
import type { StatusColumnsSource, WriteCell } from './model';

const { styles } = addOutStyles(EMPTY_STYLES);

/** One cell as some writer writes it. */
const cellArb = (prefix: string): fc.Arbitrary<{ col: number; xml: (row: number) => string }> => fc.record({
  col: fc.integer({ min: 0, max: 7 }),
  form: fc.constantFrom('empty', 'number', 'inline', 'rich', 'comment', 'shared', 'formula', 'no-r', 'tab-r'),
  lower: fc.boolean(),
}).map(({ col, form, lower }) => {
  const c = `${prefix}c`, v = `${prefix}v`;
  const ref = (row: number): string => `${lower ? columnLetters(col).toLowerCase() : columnLetters(col)}${row}`;
  return {
    col,
    xml: (row: number): string => {
      switch (form) {
        case 'empty': return `<${c} r="${ref(row)}" s="1"/>`;
        case 'number': return `<${c} r="${ref(row)}"><${v}>${row * 3.5}</${v}></${c}>`;
        case 'inline': return `<${c} r="${ref(row)}" t="inlineStr"><${prefix}is><${prefix}t>é ✓ &amp; ${row}</${prefix}t></${prefix}is></${c}>`;
        // Rich text runs end in '</r>', which starts as '</row>' does.
        case 'rich': return `<${c} r="${ref(row)}" t="inlineStr"><${prefix}is><${prefix}r><${prefix}t>a</${prefix}t></${prefix}r><${prefix}r><${prefix}t>b</${prefix}t></${prefix}r></${prefix}is></${c}>`;
        case 'comment': return `<${c} r="${ref(row)}"><!-- a <row> in a comment --><?pi x?><${v}>9</${v}></${c}>`;
        case 'shared': return `<${c} s="2" r="${ref(row)}" t="s"><${v}>${row % 5}</${v}></${c}>`;
        case 'formula': return `<${c} r="${ref(row)}"><${prefix}f>A${row}*2</${prefix}f><${v}>1</${v}></${c}>`;
        case 'no-r': return `<${c}><${v}>7</${v}></${c}>`;
        default: return `<${c}\tr="${ref(row)}"><${v}>8</${v}></${c}>`;
      }
    },
  };
});

type RowForm = 'plain' | 'spans' | 'no-r' | 'self-closing' | 'tab-spans';
interface Sheet {
  prefix: string;
  rows: { gap: number; cells: { col: number; xml: (row: number) => string }[]; sorted: boolean; rowForm: RowForm; space: string }[];
  selfClosingData: boolean;
}

/** A worksheet of rows written in the ways writers do (and some they should not). */
const sheetArb: fc.Arbitrary<Sheet> = fc.constantFrom('', 'x:').chain((prefix) => fc.record({
  prefix: fc.constant(prefix),
  rows: fc.array(fc.record({
    gap: fc.integer({ min: 1, max: 3 }),
    cells: fc.array(cellArb(prefix), { maxLength: 6 }),
    sorted: fc.boolean(),
    rowForm: fc.constantFrom<RowForm>('plain', 'spans', 'no-r', 'self-closing', 'tab-spans'),
    space: fc.constantFrom('', ' ', '\n  '),
  }), { maxLength: 12 }),
  selfClosingData: fc.boolean(),
}));

function sheetXml(s: Sheet): string {
  const p = s.prefix;
  const ns = p === '' ? 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' : 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const head = `<?xml version="1.0"?>\n<${p}worksheet ${ns}><${p}dimension ref="A1:H9"/>`;
  if (s.selfClosingData) return `${head}<${p}sheetData/></${p}worksheet>`;
  let row = 0, body = '';
  for (const r of s.rows) {
    row += r.gap;
    const cells = r.sorted ? [...r.cells].sort((a, b) => a.col - b.col) : r.cells;
    const inner = cells.map((c) => c.xml(row)).join(r.space);
    const attrs = { plain: ` r="${row}"`, spans: ` r="${row}" spans="1:8" x14ac:dyDescent="0.25"`, 'no-r': '', 'self-closing': ` r="${row}"`, 'tab-spans': ` r="${row}"\tspans="1:8"` }[r.rowForm];
    body += r.rowForm === 'self-closing' ? `<${p}row${attrs}/>` : `<${p}row${attrs}>${r.space}${inner}${r.space}</${p}row>`;
  }
  return `${head}<${p}sheetData>${body}</${p}sheetData><${p}pageMargins left="0.7"/></${p}worksheet>`;
}

const valueArb: fc.Arbitrary<WriteCell> = fc.oneof(fc.constantFrom('Yes', 'No', 'Not DPOR', 'Zähler ✓', ''), fc.integer(), fc.constant(null));

const blocksArb = fc.array(fc.record({
  row: fc.integer({ min: 0, max: 20 }),
  col: fc.integer({ min: 2, max: 9 }),
  values: fc.array(fc.tuple(valueArb, valueArb), { maxLength: 25 }),
}), { minLength: 1, maxLength: 2 });

/** Patches `xml`, pushed as bytes cut at `cuts` (fractions of its length). */
function patch(xml: Uint8Array, blocks: readonly StatusColumnsSource[], cuts: readonly number[], asText: boolean): { xml: Uint8Array; strings: string } {
  const strings = new SharedStrings();
  const patcher = new WorksheetPatcher(blocks, styles, false, strings, asText);
  const out = new ByteSink(16);
  const at = [...new Set(cuts.map((f) => Math.floor(f * xml.length)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...at, xml.length]) { patcher.pushBytes(xml.slice(from, to), out); from = to; }
  patcher.endBytes(out);
  return { xml: out.take(), strings: [...strings.xml()].join('') };
}

describe('WorksheetPatcher', () => {
  test('rows patched on their bytes give the same bytes and shared strings as rows patched as text', () => {
    fc.assert(fc.property(sheetArb, blocksArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (sheet, raw, cuts) => {
      const blocks = raw.map((b) => ({ sheet: 'S', row: b.row, col: b.col, width: 2, rows: { length: b.values.length, row: (i: number): WriteCell[] => [...(b.values[i] ?? [])] } }));
      const xml = new TextEncoder().encode(sheetXml(sheet));
      const bytes = patch(xml, blocks, cuts, false), text = patch(xml, blocks, cuts, true);
      expect(new TextDecoder().decode(bytes.xml)).toBe(new TextDecoder().decode(text.xml));
      expect(bytes.strings).toBe(text.strings);
    }), { numRuns: 400 });
  });

  test('bytes pushed as Buffers (Node\'s zlib gives them) and as Uint8Arrays, mixed, give the same bytes', () => {
    const blocks: StatusColumnsSource[] = [{ sheet: 'S', row: 0, col: 2, width: 2, rows: { length: 300, row: (i) => (i === 0 ? ['Counted', 'Reason'] : [i % 2 === 0 ? 'Yes' : 'No', `r${i % 7}`]) } }];
    let rows = '';
    for (let r = 1; r <= 300; r++) rows += `<row r="${r}" spans="1:2"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="s"><v>0</v></c></row>`;
    const xml = new TextEncoder().encode(`<worksheet><sheetData>${rows}</sheetData></worksheet>`);
    const run = (kind: (piece: Uint8Array, k: number) => Uint8Array): string => {
      const patcher = new WorksheetPatcher(blocks, styles, false, new SharedStrings());
      const out = new ByteSink(16);
      for (let at = 0, k = 0; at < xml.length; at += 997, k++) patcher.pushBytes(kind(xml.slice(at, at + 997), k), out);
      patcher.endBytes(out);
      return new TextDecoder().decode(out.take());
    };
    const plain = run((p) => p);
    expect(run((p) => Buffer.from(p))).toBe(plain);
    expect(run((p, k) => (k % 3 === 0 ? Buffer.from(p) : p))).toBe(plain);
  });

  test('a re-run replaces the status cells a previous run wrote, on the byte path', () => {
    const blocks: StatusColumnsSource[] = [{ sheet: 'S', row: 0, col: 1, width: 2, rows: { length: 2, row: (i) => (i === 0 ? ['Counted', 'Reason'] : ['No', 7]) } }];
    const xml = '<worksheet><sheetData><row r="1" spans="1:3"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
      + '<row r="2"><c r="A2"><v>2</v></c> <c r="B2" t="s"><v>2</v></c><c r="C2"/></row></sheetData></worksheet>';
    const strings = new SharedStrings();
    const patcher = new WorksheetPatcher(blocks, styles, false, strings);
    expect(patcher.push(xml) + patcher.end()).toBe('<worksheet><sheetData>'
      + `<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="${styles.header}" t="s"><v>0</v></c><c r="C1" s="${styles.header}" t="s"><v>1</v></c></row>`
      + '<row r="2"><c r="A2"><v>2</v></c><c r="B2" t="s"><v>2</v></c><c r="C2"><v>7</v></c></row></sheetData></worksheet>');
  });
});

describe('WorksheetPatcher, rows copied whole', () => {
  // Our columns are C and D (0-based 2 and 3); each row is written as Excel writes it.
  const blocks: StatusColumnsSource[] = [{ sheet: 'S', row: 0, col: 2, width: 2, rows: { length: 2, row: (i) => (i === 0 ? ['Counted', 'Reason'] : ['No', 'Late']) } }];
  // Shared strings 0 and 1 are the headers, 2 and 3 the row's texts.
  const ours = (r: number): string => `<c r="C${r}" t="s"><v>2</v></c><c r="D${r}" t="s"><v>3</v></c>`;
  const head = `<c r="C1" s="${styles.header}" t="s"><v>0</v></c><c r="D1" s="${styles.header}" t="s"><v>1</v></c>`;
  const row2 = (cells: string): string => `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2" spans="1:4">${cells}</row></sheetData></worksheet>`;
  test.each([
    ['left of ours', '<c r="A2"><v>1</v></c><c r="B2"/>', '<c r="A2"><v>1</v></c><c r="B2"/>', ''],
    ['at our first column', '<c r="A2"><v>1</v></c><c r="C2"><v>5</v></c>', '<c r="A2"><v>1</v></c>', ''],
    ['at our second column', '<c r="A2"><v>1</v></c><c r="D2"><v>5</v></c>', '<c r="A2"><v>1</v></c>', ''],
    ['right of ours', '<c r="A2"><v>1</v></c><c r="E2"><v>5</v></c>', '<c r="A2"><v>1</v></c>', '<c r="E2"><v>5</v></c>'],
    ['unsorted, ours last', '<c r="C2"><v>5</v></c><c r="A2"><v>1</v></c>', '<c r="A2"><v>1</v></c>', ''],
    ['a comment in a cell', '<c r="A2"><!-- a <c> --><v>1</v></c>', '<c r="A2"><!-- a <c> --><v>1</v></c>', ''],
    ['rich text runs', '<c r="A2" t="inlineStr"><is><r><t>a</t></r></is></c>', '<c r="A2" t="inlineStr"><is><r><t>a</t></r></is></c>', ''],
  ])('a row with a cell %s: ours where they belong, its own kept or replaced', (_what, cells, before, after) => {
    const expected = `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>${head}</row><row r="2">${before}${ours(2)}${after}</row></sheetData></worksheet>`;
    const xml = new TextEncoder().encode(row2(cells));
    for (const asText of [false, true]) {
      // Pushed whole, and a byte at a time (every row's end arrives in pieces).
      expect(new TextDecoder().decode(patch(xml, blocks, [], asText).xml)).toBe(expected);
      expect(new TextDecoder().decode(patch(xml, blocks, Array.from({ length: xml.length }, (_, i) => i / xml.length), asText).xml)).toBe(expected);
    }
  });
});

describe('WorksheetPatcher, big chunks', () => {
  test('chunks of hundreds of KB cut inside rows, some rows larger than the piece joined to what waits, give the bytes of one push', () => {
    const blocks: StatusColumnsSource[] = [{ sheet: 'S', row: 0, col: 2, width: 2, rows: { length: 3000, row: (i) => (i === 0 ? ['Counted', 'Reason'] : [i % 2 === 0 ? 'Yes' : 'No', `r${i % 7}`]) } }];
    let rows = '';
    for (let r = 1; r <= 3000; r++) {
      // Every 500th row holds 150 KB of text: more than the 64 KB of a chunk joined to the waiting bytes.
      const text = r % 500 === 0 ? 'x'.repeat(150_000) : `t${r}`;
      rows += `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>${text}</t></is></c></row>`;
    }
    const xml = new TextEncoder().encode(`<worksheet><sheetData>${rows}</sheetData></worksheet>`);
    const run = (size: number): string => {
      const patcher = new WorksheetPatcher(blocks, styles, false, new SharedStrings());
      const out = new ByteSink(16);
      for (let at = 0; at < xml.length; at += size) patcher.pushBytes(xml.slice(at, at + size), out);
      patcher.endBytes(out);
      return new TextDecoder().decode(out.take());
    };
    const whole = run(xml.length);
    // Compared as booleans: a failure should not print megabytes.
    expect(/<c r="C3000" t="s"><v>2<\/v><\/c><c r="D3000" t="s"><v>\d+<\/v><\/c><\/row>/.test(whole)).toBe(true);
    for (const size of [65_535, 65_536, 65_537, 100_003, 262_144, 1 << 20]) expect([size, run(size) === whole]).toEqual([size, true]);
  });
});

test('a row numbered with leading zeros gets references without them, on the byte path as on the text path', () => {
  const blocks: StatusColumnsSource[] = [{ sheet: 'S', row: 0, col: 1, width: 1, rows: { length: 3, row: (i) => [i === 0 ? 'Counted' : 'Yes'] } }];
  const xml = new TextEncoder().encode('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="002"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row></sheetData></worksheet>');
  const bytes = new TextDecoder().decode(patch(xml, blocks, [], false).xml);
  expect(bytes).toContain('<row r="002"><c r="A2"><v>2</v></c><c r="B2" t="s"><v>1</v></c></row><row r="3"><c r="A3"><v>3</v></c><c r="B3" t="s"><v>1</v></c></row>');
  expect(bytes).toBe(new TextDecoder().decode(patch(xml, blocks, [], true).xml));
});
