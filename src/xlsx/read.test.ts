import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { tempDir } from '../../test/support/cli';
import type { Cell } from '../cells';
import { workbookInput } from '../../test/support/exceljs';
import { XlsxError } from './errors';
import { readXlsxBytes } from './read';
import { isDateFormat } from './styles';
import { DEFAULT_LIMITS, crc32, type InflateLimits } from './zip';
import { NO_FORMULA_RESULT } from './formula';

// Workbooks written by hand (fflate's zip writer, XML as strings), so the reader is tested on
// files that neither ExcelJS nor the reader itself wrote.

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Book {
  sheets: { name: string; xml: string; file?: string }[];
  shared?: string[] | string;
  styles?: string;
  workbookPr?: string;
  /** Relationship targets as openpyxl writes them: "/xl/worksheets/sheet1.xml". */
  absolute?: boolean;
  /** Parts in this order in the zip (default: workbook first). */
  sheetsFirst?: boolean;
}

function sheetXml(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;
}

function build(book: Book): Uint8Array {
  const files = book.sheets.map((s, i) => s.file ?? `worksheets/sheet${i + 1}.xml`);
  const target = (f: string): string => (book.absolute ? `/xl/${f}` : f);
  const workbook = `<?xml version="1.0"?><workbook ${NS}>${book.workbookPr ?? ''}<sheets>${book.sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${files
    .map((f, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${target(f)}"/>`).join('')}`
    + `<Relationship Id="rIdS" Type="${REL}/styles" Target="${target('styles.xml')}"/>`
    + `<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="${target('sharedStrings.xml')}"/></Relationships>`;
  const shared = typeof book.shared === 'string' ? book.shared
    : `<sst ${NS} count="${book.shared?.length ?? 0}">${(book.shared ?? []).map((x) => `<si><t>${x}</t></si>`).join('')}</sst>`;
  const styles = book.styles ?? `<styleSheet ${NS}><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
  const sheetParts: Zippable = Object.fromEntries(book.sheets.map((s, i) => [`xl/${files[i] as string}`, strToU8(s.xml)]));
  const rest: Zippable = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(workbook),
    'xl/_rels/workbook.xml.rels': strToU8(rels),
    'xl/styles.xml': strToU8(styles),
    'xl/sharedStrings.xml': strToU8(shared),
  };
  return zipSync(book.sheetsFirst ? { ...sheetParts, ...rest } : { ...rest, ...sheetParts });
}

const one = (rows: string, extra: Partial<Book> = {}): readonly (readonly Cell[])[] => {
  const input = readXlsxBytes(build({ sheets: [{ name: 'S', xml: sheetXml(rows) }], ...extra }));
  return input.sheets[0]?.values ?? [];
};
const iso = (c: Cell): string => (c instanceof Date ? c.toISOString() : `not a date: ${String(c)}`);
/** Rows without trailing empty cells, holes as null (ExcelJS and we differ only there). */
const plain = (rows: readonly (readonly Cell[])[]): unknown[][] => Array.from(rows, (r: readonly Cell[] | undefined) => {
  const c = Array.from(r ?? [], (v) => (v === undefined ? null : v));
  while (c.length > 0 && c[c.length - 1] === null) c.pop();
  return c;
});
const problem = (bytes: Uint8Array): string => {
  try { readXlsxBytes(bytes); } catch (e) { if (e instanceof XlsxError) return e.problem; throw e; }
  return 'read without error';
};

const DATE_STYLES = `<styleSheet ${NS}><numFmts count="4">
  <numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[$-409]mmm\\ yyyy;@"/>
  <numFmt numFmtId="166" formatCode="0.00&quot; days&quot;"/><numFmt numFmtId="167" formatCode="[Red]#,##0.00"/></numFmts>
  <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
  <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/></cellXfs></styleSheet>`;

describe('readXlsxBytes: cells', () => {
  test('reads each kind of cell: shared, inline and formula strings, numbers, booleans, errors', () => {
    const rows = one(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>inline</t></is></c><c r="C1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
      + '<c r="D1"><v>12.5</v></c><c r="E1" t="n"><v>-3</v></c><c r="F1" t="b"><v>1</v></c><c r="G1" t="b"><v>0</v></c><c r="H1" t="e"><v>#N/A</v></c>'
      + '<c r="I1"><f>NOW()</f></c><c r="J1" s="0"/><c r="K1" t="s"><v>1</v></c></row>',
      { shared: ['Revenue', 'R&amp;D &lt;1&gt; &#169; &#x4E2D;_x000D_'] },
    );
    // I1, a formula saved without its result, is NO_FORMULA_RESULT; J1, a styled empty cell, is empty.
    expect(plain(rows)[0]).toEqual(['Revenue', 'inline', 'ab', 12.5, -3, true, false, { error: '#N/A' }, { error: NO_FORMULA_RESULT }, null, 'R&D <1> © 中\r']);
  });

  test('joins rich text runs of shared and inline strings and leaves out phonetic runs', () => {
    const rows = one(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t>Con</t></r><r><t xml:space="preserve">toso </t></r></is></c></row>',
      { shared: `<sst ${NS}><si><r><rPr><b/></rPr><t>東京</t></r><r><t>都</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>` },
    );
    expect(rows[0]).toEqual(['東京都', 'Contoso ']);
  });

  test('inline strings and formula results repeated down a column read as the same texts, entities decoded', () => {
    const reason = 'Counted: eligible product, DPOR, in the 12 months to 2018-03-15 &amp; more';
    const rows = one(Array.from({ length: 300 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${i % 2 ? 'Yes' : 'No'}</t></is></c>`
      + `<c r="B${i + 1}" t="inlineStr"><is><t xml:space="preserve">${i % 3 ? reason : `${reason} ${i}`}</t></is></c><c r="C${i + 1}" t="str"><f>B${i + 1}</f><v>${reason}</v></c></row>`).join(''));
    const text = reason.replace('&amp;', '&');
    expect(rows).toEqual(Array.from({ length: 300 }, (_, i) => [i % 2 ? 'Yes' : 'No', i % 3 ? text : `${text} ${i}`, text]));
  });

  test('places cells and rows without the optional r= after the previous one', () => {
    const rows = one('<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row r="4"><c r="B4"><v>7</v></c></row><row><c><v>8</v></c></row>');
    expect(plain(rows)).toEqual([[1, 2, null, null, 5, 6], [], [], [null, 7], [8]]);
    // Stored sparsely: the skipped cells and rows are holes, not slots.
    expect(2 in (rows[0] ?? [])).toBe(false);
    expect(1 in rows).toBe(false);
  });

  test('reads cells of a namespace prefix (x:row, x:c) as some writers emit them', () => {
    const xml = '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c r="B1"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    expect(readXlsxBytes(build({ sheets: [{ name: 'P', xml }] })).sheets[0]?.values).toEqual([['id', 3]]);
  });

  test('reads every number exactly as Number() parses its text', () => {
    const decimal = fc.tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,17}$/), fc.option(fc.stringMatching(/^[0-9]{1,12}$/))).map(([neg, a, b]) => `${neg ? '-' : ''}${a}${b === null ? '' : `.${b}`}`);
    const text = fc.oneof(decimal, fc.double({ noNaN: true, noDefaultInfinity: true }).map(String));
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 20 }), (nums) => {
      const rows = one(`<row r="1">${nums.map((n) => `<c><v>${n}</v></c>`).join('')}</row>`);
      expect(rows[0]).toEqual(nums.map(Number));
    }), { numRuns: 200 });
  });

  test('cell attributes read the same in the common shape (one space, double quotes) as spaced any other way', () => {
    // The common shape goes through the scanner's quick path; newlines and tabs between the
    // attributes make it read them with the general attribute iterator.
    const attr = fc.oneof(
      fc.constantFrom('B2', 'A1', 'XFD9', 'XFE1', 'b2', 'A1x', '', '12').map((v) => ['r', v] as const),
      fc.constantFrom('0', '1', '2', '17', 'x', '').map((v) => ['s', v] as const),
      fc.constantFrom('s', 'n', 'str', 'b', 'e', 'd', 'inlineStr', '').map((v) => ['t', v] as const),
      fc.constantFrom(['foo', 'x'], ['x:r', 'C3'], ['r', 'A>1'], ['t', 'a>b'], ['ph', '1']).map(([n, v]) => [n, v] as const),
    );
    const cell = fc.record({
      attrs: fc.array(attr, { maxLength: 4 }),
      single: fc.boolean(),
      body: fc.constantFrom('<v>1</v>', '<v>0</v>', '<v>43000</v>', '<v>TRUE</v>', '<v>#N/A</v>', '<v>2018-03-01</v>', '<is><t>x</t></is>', '', null),
    });
    const render = (cells: { attrs: readonly (readonly [string, string])[]; single: boolean; body: string | null }[], sep: string): string => `<row r="2">${cells.map((c) => {
      const attrs = c.attrs.map(([n, v]) => `${sep}${n}=${c.single && n === 'foo' ? `'${v}'` : `"${v}"`}`).join('');
      return c.body === null ? `<c${attrs}/>` : `<c${attrs}>${c.body}</c>`;
    }).join('')}</row>`;
    const outcome = (rows: string): unknown => {
      try { return readXlsxBytes(build({ sheets: [{ name: 'S', xml: sheetXml(rows) }], shared: ['a', 'b'], styles: DATE_STYLES })).sheets[0]?.values; } catch (e) {
        if (e instanceof XlsxError) return e.describe('en-US');
        throw e;
      }
    };
    fc.assert(fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells) => {
      expect(outcome(render(cells, ' '))).toEqual(outcome(render(cells, '\n\t ')));
    }), { numRuns: 300 });
  });

  test('row attributes read the same in the common shape (one space, double quotes) as spaced any other way', () => {
    // As for cells: <row r="5" spans="1:7" ...> goes through the scanner's quick path, and the
    // same attributes spaced with newlines and tabs through the general attribute iterator.
    const attr = fc.oneof(
      fc.constantFrom('1', '3', '5', '007', '', 'x', '2x', '1048576', '1048577', '99999999').map((v) => ['r', v] as const),
      fc.constantFrom(['spans', '1:7'], ['ht', '15'], ['customHeight', '1'], ['x14ac:dyDescent', '0.25'], ['x:r', '9'], ['rr', '4'], ['s', 'a>b'], ['hidden', ''])
        .map(([n, v]) => [n, v] as const),
    );
    const row = fc.record({ attrs: fc.array(attr, { maxLength: 4 }), single: fc.boolean(), empty: fc.boolean() });
    const render = (rows: { attrs: readonly (readonly [string, string])[]; single: boolean; empty: boolean }[], sep: string): string => rows.map((r, i) => {
      const attrs = r.attrs.map(([n, v]) => `${sep}${n}=${r.single && n === 'ht' ? `'${v}'` : `"${v}"`}`).join('');
      return r.empty ? `<row${attrs}/>` : `<row${attrs}><c t="s"><v>${i % 2}</v></c><c><v>${i}</v></c></row>`;
    }).join('');
    const outcome = (rows: string): unknown => {
      try { return readXlsxBytes(build({ sheets: [{ name: 'S', xml: sheetXml(rows) }], shared: ['a', 'b'] })).sheets[0]?.values; } catch (e) {
        if (e instanceof XlsxError) return e.describe('en-US');
        throw e;
      }
    };
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
      expect(outcome(render(rows, ' '))).toEqual(outcome(render(rows, '\n\t ')));
    }), { numRuns: 300 });
  });

  test('a shared-string index past the table is a clear error naming the cell', () => {
    const bytes = build({ sheets: [{ name: 'Rev', xml: sheetXml('<row r="7"><c r="C7" t="s"><v>5</v></c></row>') }], shared: ['a'] });
    expect(() => readXlsxBytes(bytes)).toThrow('cell C7 of sheet Rev refers to shared string 5, but the file has only 1');
  });
});

describe('readXlsxBytes: dates', () => {
  test.each([
    ['built-in format 14', 1, '2018-03-15T00:00:00.000Z'],
    ['custom dd/mm/yyyy', 2, '2018-03-15T00:00:00.000Z'],
    ['custom [$-409]mmm yyyy', 3, '2018-03-15T00:00:00.000Z'],
  ])('a number under %s is a date', (_, style, expected) => {
    const rows = one(`<row r="1"><c r="A1" s="${style}"><v>43174</v></c></row>`, { styles: DATE_STYLES });
    expect(iso(rows[0]?.[0])).toBe(expected);
  });

  test.each([['a quoted " days" suffix', 4], ['a [Red] color', 5], ['General', 0]])('a number under %s stays a number', (_, style) => {
    expect(one(`<row r="1"><c r="A1" s="${style}"><v>43174</v></c></row>`, { styles: DATE_STYLES })[0]).toEqual([43174]);
  });

  test('the 1904 date system shifts serials by 1462 days', () => {
    const rows = one('<row r="1"><c r="A1" s="1"><v>41712</v></c><c r="B1" s="1"><v>0</v></c></row>', { styles: DATE_STYLES, workbookPr: '<workbookPr date1904="1"/>' });
    expect(rows[0]?.map(iso)).toEqual(['2018-03-15T00:00:00.000Z', '1904-01-01T00:00:00.000Z']);
    expect(readXlsxBytes(build({ sheets: [{ name: 'S', xml: sheetXml('') }], workbookPr: '<workbookPr date1904="true"/>' })).date1904).toBe(true);
  });

  test('keeps 1900-system serial 60 (1900-02-29, which never was) a number so it is reported', () => {
    expect(one('<row r="1"><c r="A1" s="1"><v>60</v></c></row>', { styles: DATE_STYLES })[0]).toEqual([60]);
  });

  test('reads ISO dates of t="d" cells', () => {
    expect(iso(one('<row r="1"><c r="A1" t="d"><v>2018-03-15T00:00:00</v></c></row>')[0]?.[0])).toBe('2018-03-15T00:00:00.000Z');
  });

  test.each([
    ['yyyy-mm-dd', true], ['[h]:mm:ss', true], ['mmm-yy', true], ['d" days"', true], ['0.00E+00', false], ['"Year" 0', false],
    ['_(* #,##0.00_)', false], ['[$€-2] #,##0.00', false], ['General', false], ['[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy', true],
  ])('isDateFormat(%s) is %s', (code, expected) => {
    expect(isDateFormat(code)).toBe(expected);
  });
});

describe('readXlsxBytes: workbook structure', () => {
  test('sheet names and tab order come from the workbook part, whatever the zip order and file numbers', () => {
    const bytes = build({
      sheets: [
        { name: 'Second file, first tab', xml: sheetXml('<row r="1"><c r="A1"><v>2</v></c></row>'), file: 'worksheets/sheet2.xml' },
        { name: 'R&amp;D', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'), file: 'worksheets/sheet1.xml' },
      ],
      sheetsFirst: true,
    });
    const input = readXlsxBytes(bytes);
    expect(input.sheets.map((s) => [s.name, s.values[0]?.[0]])).toEqual([['Second file, first tab', 2], ['R&D', 1]]);
    expect(input.date1904).toBe(false);
  });

  test('skips the sheets asked to be skipped: their rows are not read', () => {
    const bytes = build({ sheets: [
      { name: 'Revenue', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') },
      { name: 'Competency Timeline', xml: sheetXml(Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('')) },
    ] });
    const seen: number[] = [];
    const input = readXlsxBytes(bytes, { skipSheet: (name) => name.startsWith('Competency'), progressEvery: 1, progress: (_rows, fraction) => seen.push(fraction) });
    expect(input.sheets.map((x) => [x.name, x.values])).toEqual([['Revenue', [[1]]]]);
    expect(seen).toHaveLength(1); // the skipped sheet's 50 rows are not read
  });

  test('follows absolute relationship targets as openpyxl writes them', () => {
    const input = readXlsxBytes(build({ sheets: [{ name: 'Abs', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }], shared: ['x'], absolute: true }));
    expect(input.sheets[0]?.values).toEqual([['x']]);
  });

  test('reads our sample workbook exactly as ExcelJS does', async () => {
    const file = path.join(__dirname, '../../assets/sample-distributor.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const theirs = workbookInput(wb);
    const ours = readXlsxBytes(new Uint8Array(readFileSync(file)));
    expect(ours.sheets.map((s) => s.name)).toEqual(theirs.sheets.map((s) => s.name));
    ours.sheets.forEach((s, i) => expect(plain(s.values)).toEqual(plain(theirs.sheets[i]?.values ?? [])));
  });

  test('reads a workbook LibreOffice saved from CSV, dates typed as dates', () => {
    const dir = tempDir();
    const csv = path.join(dir, 'revenue.csv');
    writeFileSync(csv, 'MPNId,Product,Month,RevenueUSD,DPOR\n1234567,Dynamics 365 Sales,2018-03-15,"1,250.50",TRUE\n7654321,"Contoso ""R&D""",2017-12-01,99,FALSE\n');
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', dir, csv], { stdio: 'pipe', timeout: 120_000 });
    const file = readdirSync(dir).find((f) => f.endsWith('.xlsx')) as string;
    const input = readXlsxBytes(new Uint8Array(readFileSync(path.join(dir, file))));
    const rows = input.sheets[0]?.values ?? [];
    expect(rows[0]).toEqual(['MPNId', 'Product', 'Month', 'RevenueUSD', 'DPOR']);
    expect(rows[1]?.[0]).toBe(1234567);
    expect(iso(rows[1]?.[2])).toBe('2018-03-15T00:00:00.000Z');
    expect(rows[1]?.[3]).toBe(1250.5);
    expect([true, 'TRUE']).toContain(rows[1]?.[4]); // LibreOffice versions differ
    expect(rows[2]?.[1]).toBe('Contoso "R&D"');
    expect(iso(rows[2]?.[2])).toBe('2017-12-01T00:00:00.000Z');
  }, 150_000);

  test('reads our sample as LibreOffice saves it, as ExcelJS reads that file', async () => {
    const dir = tempDir();
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', dir,
      path.join(__dirname, '../../assets/sample-distributor.xlsx')], { stdio: 'pipe', timeout: 120_000 });
    const file = path.join(dir, 'sample-distributor.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const theirs = workbookInput(wb);
    const ours = readXlsxBytes(new Uint8Array(readFileSync(file)));
    expect(ours.sheets.map((s) => s.name)).toEqual(theirs.sheets.map((s) => s.name));
    ours.sheets.forEach((s, i) => expect(plain(s.values)).toEqual(plain(theirs.sheets[i]?.values ?? [])));
  }, 150_000);
});

describe('readXlsxBytes: files that are not readable workbooks', () => {
  const good = (): Uint8Array => build({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }] });
  const cfb = (extra: string): Uint8Array => {
    const b = new Uint8Array(2048);
    b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 0; i < extra.length; i++) b[1024 + 2 * i] = extra.charCodeAt(i);
    return b;
  };

  test.each<[string, () => Uint8Array, string]>([
    ['an empty file', () => new Uint8Array(0), 'empty'],
    ['a CSV renamed to .xlsx', () => strToU8('MPNId,Product\n1,Sales\n'), 'not-zip'],
    ['an .xls (OLE container)', () => cfb('Workbook'), 'xls'],
    ['an encrypted workbook (OLE container with EncryptionInfo)', () => cfb('EncryptionInfo'), 'encrypted'],
    ['an .ods renamed to .xlsx', () => zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<x/>') }), 'ods'],
    ['a zip cut short (no central directory)', () => good().subarray(0, 300), 'no-central-directory'],
    ['a zip that is not a workbook', () => zipSync({ 'readme.txt': strToU8('hello') }), 'not-xlsx'],
    ['an unclosed cell', () => build({ sheets: [{ name: 'S', xml: `<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></row>` }] }), 'damaged-sheet'],
    ['a sheet that is not XML', () => build({ sheets: [{ name: 'S', xml: 'MPNId,Product' }] }), 'damaged-sheet'],
    ['a sheet cut short', () => build({ sheets: [{ name: 'S', xml: `<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></c>` }] }), 'damaged-sheet'],
    ['a broken workbook part', () => { const b = build({ sheets: [{ name: 'S', xml: sheetXml('') }] }); return zipSync({ 'xl/workbook.xml': strToU8('<workbook><sheets>'), 'x': b.subarray(0, 1) }); }, 'malformed-xml'],
  ])('refuses %s', (_, bytes, expected) => {
    expect(problem(bytes())).toBe(expected);
  });

  test('refuses a zip bomb: a sheet that inflates to 1000 times its size, and more than the total allowed', () => {
    // The default limits at a scale a test can build quickly: 200:1 past 1 MB (default 64 MB).
    const huge = new Uint8Array(16 * 1024 * 1024).fill(32);
    huge.set(strToU8(`<worksheet ${NS}><sheetData>`));
    const bomb = zipSync({ ...unzipSync(good()), 'xl/worksheets/sheet1.xml': huge });
    expect(bomb.length).toBeLessThan(huge.length / 500);
    const refuse = (limits: InflateLimits): string => {
      try { readXlsxBytes(bomb, { limits }); } catch (e) { if (e instanceof XlsxError) return e.problem; throw e; }
      return 'read without error';
    };
    expect(refuse({ ...DEFAULT_LIMITS, ratioFloor: 1024 * 1024 })).toBe('zip-bomb');
    expect(refuse({ ...DEFAULT_LIMITS, maxTotal: 8 * 1024 * 1024 })).toBe('zip-bomb');
    expect(refuse(DEFAULT_LIMITS)).toBe('damaged-sheet'); // within limits, and never closes sheetData
  });

  test('calls a part that inflates past its declared size damaged, not a zip bomb', () => {
    const bytes = good();
    // Patch the central directory's uncompressed size of the sheet to 10 bytes.
    const name = strToU8('xl/worksheets/sheet1.xml');
    for (let i = bytes.length - 22; i > 0; i--) {
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2 && name.every((c, k) => bytes[i + 46 + k] === c)) {
        bytes.set([10, 0, 0, 0], i + 24);
        break;
      }
    }
    expect(problem(bytes)).toBe('malformed-zip');
  });

  test('calls an entry whose bytes do not match its CRC damaged', () => {
    // A stored (uncompressed) sheet with one digit changed after zipping: inflating succeeds,
    // only the CRC-32 tells.
    const xml = sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>');
    const bytes = zipSync({ ...unzipSync(good()), 'xl/worksheets/sheet1.xml': [strToU8(xml), { level: 0 }] });
    const at = bytes.indexOf(0x31, bytes.findIndex((_, i) => strFromU8(bytes.subarray(i, i + 8)) === '<v>1</v>') + 3);
    bytes[at] = 0x32;
    expect(problem(bytes)).toBe('malformed-zip');
  });

  test('with a platform CRC-32 given (the CLI gives Node\'s), parts past 4 MB are checked too', () => {
    const xml = sheetXml(`<row r="1"><c r="A1"><v>1</v></c></row>${' '.repeat(5 * 1024 * 1024)}`);
    const bytes = zipSync({ ...unzipSync(good()), 'xl/worksheets/sheet1.xml': [strToU8(xml), { level: 0 }] });
    const at = bytes.indexOf(0x31, bytes.findIndex((_, i) => bytes[i] === 0x3c && strFromU8(bytes.subarray(i, i + 8)) === '<v>1</v>') + 3);
    bytes[at] = 0x32;
    expect(readXlsxBytes(bytes).sheets[0]?.values).toEqual([[2]]); // our own CRC only checks small parts
    expect(() => readXlsxBytes(bytes, { crc32 })).toThrow(expect.objectContaining({ problem: 'malformed-zip' }));
  });

  test('says each problem in the user language', () => {
    expect(new XlsxError('xls').describe('de-DE')).toBe('eine Excel 97-2003-Arbeitsmappe (.xls); speichern Sie sie als .xlsx und versuchen Sie es erneut');
  });
});


describe('readXlsxBytes: memory with the cells present, not their coordinates', () => {
  test('a row of one value in column XFD holds one element, and empty rows hold nothing', () => {
    const rows = one('<row r="1"><c r="XFD1"><v>7</v></c></row><row r="2" ht="30" customHeight="1"/><row r="1048576"/>');
    expect(rows[0]?.[16383]).toBe(7);
    expect(Object.keys(rows[0] ?? {})).toEqual(['16383']);
    // Only the row with a value exists: the formatted empty rows (up to Excel's last) are holes.
    expect(Object.keys(rows)).toEqual(['0']);
  });

  test('a row made as long as the row before is cut to its own cells: the same lengths and holes as rows made from nothing', () => {
    const cells = (r: number, cols: string): string => [...cols].map((c) => `<c r="${c}${r}"><v>${c.charCodeAt(0) - 64}</v></c>`).join('');
    const rows = one(`<row r="1">${cells(1, 'ABCDEFG')}</row><row r="2">${cells(2, 'ABC')}</row><row r="3">${cells(3, 'C')}</row>`
      + `<row r="6">${cells(6, 'ABCEFG')}</row><row r="7">${cells(7, 'AB')}</row><row r="2">${cells(2, 'E')}</row><row r="9">${cells(9, 'ABCDEFGHIJ')}</row>`);
    expect(Array.from(rows, (r) => r?.length)).toEqual([7, 5, 3, undefined, undefined, 7, 2, undefined, 10]);
    expect(Array.from(rows, (r) => (r === undefined ? null : Object.keys(r).join('')))).toEqual(['0123456', '0124', '2', null, null, '012456', '01', null, '0123456789']);
    expect(rows[1]?.[4]).toBe(5);
    expect(3 in (rows[5] ?? [])).toBe(false);
  });

  test('every row of one value far right: read in time with the values (20,000 rows, one value each in XFD)', () => {
    const body = Array.from({ length: 20_000 }, (_, r) => `<row r="${r + 1}"><c r="XFD${r + 1}"><v>${r}</v></c></row>`).join('');
    const rows = one(body);
    expect(rows.length).toBe(20_000);
    expect(rows[19_999]?.[16383]).toBe(19_999);
    expect(Object.keys(rows[123] ?? {})).toHaveLength(1);
  });

  test('refuses a workbook past the whole-workbook limits of cells, rows and shared strings, in one line', () => {
    const sheet = sheetXml(Array.from({ length: 30 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>1</v></c><c r="B${r + 1}" t="s"><v>0</v></c></row>`).join(''));
    const book = build({ sheets: [{ name: 'A', xml: sheet }, { name: 'B', xml: sheet }], shared: ['x', 'y', 'z'] });
    const refuse = (workbookLimits: { maxCells: number; maxRows: number; maxSharedStrings: number }): string => {
      try { readXlsxBytes(book, { workbookLimits }); } catch (e) { if (e instanceof XlsxError) return `${e.problem}: ${e.describe('en-US')}`; throw e; }
      return 'read';
    };
    const big = { maxCells: 1000, maxRows: 1000, maxSharedStrings: 1000 };
    expect(refuse(big)).toBe('read');
    // Each sheet alone is within 100 cells and 50 rows; together they are not.
    expect(refuse({ ...big, maxCells: 100 })).toBe('too-many-cells: the workbook holds over 100 cells; split it or give the revenue and certification sheets alone');
    expect(refuse({ ...big, maxRows: 50 })).toMatch(/^too-many-rows: the workbook holds over 50 rows/);
    expect(refuse({ ...big, maxSharedStrings: 2 })).toMatch(/^too-many-strings: /);
    expect(new XlsxError('too-many-cells', { limit: 5 }).describe('de-DE')).toBe('die Arbeitsmappe enthält über 5 Zellen; teilen Sie sie auf oder geben Sie nur die Umsatz- und Zertifizierungsblätter an');
  });
});

describe('readXlsxBytes: damaged XML is refused near its row', () => {
  const damaged = (rows: string): string => {
    try { readXlsxBytes(build({ sheets: [{ name: 'Revenue', xml: sheetXml(rows) }] })); } catch (e) { if (e instanceof XlsxError) return e.describe('en-US'); throw e; }
    return 'read without error';
  };
  const good = '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>';

  test.each([
    ['an element left open in a row', '<row r="3"><c r="A3"><v>3</v></c><foo></row>', 3],
    ['an end tag that closes nothing open', '<row r="3"><c r="A3"><v>3</v></c></foo></row>', 3],
    ['text between cells', '<row r="3">garbage<c r="A3"><v>3</v></c></row>', 3],
    ['a cell outside any row', '</row><c r="A3"><v>3</v></c>', 2],
    ['a cell whose children do not nest', '<row r="3"><c r="A3"><f>SUM(A1)<v>3</v></f></v></c></row>', 3],
    ['an attribute without quotes', '<row r="3"><c r=A3><v>3</v></c></row>', 3],
    ['a row number that is not a number', '<row r="3x"><c r="A3"><v>3</v></c></row>', 2],
    ['a "<" that starts no tag', '<row r="3"><c r="A3"><v>3</v></c>< /row></row>', 3],
  ])('%s', (_, bad, row) => {
    expect(damaged(good)).toBe('read without error');
    expect(damaged(good + bad)).toBe(`damaged file (sheet Revenue near row ${row}): its XML is broken there`);
  });

  test('shared strings that do not nest are refused', () => {
    expect(problem(build({ sheets: [{ name: 'S', xml: sheetXml('') }], shared: `<sst ${NS}><si><t>a</t><r><t>b</t></si></sst>` }))).toBe('malformed-xml');
  });
});

describe('readXlsxBytes: what other writers write', () => {
  test('an empty shared-string table written as <sst .../> (Excel 2007, Mac Excel 2016)', () => {
    const rows = one('<row r="1"><c r="A1"><v>5</v></c></row>', { shared: `<sst ${NS} count="0" uniqueCount="0"/>` });
    expect(rows).toEqual([[5]]);
  });

  test('the 1904 date system with Excel 2013+\'s <x15:workbookPr> after the real one: matched by namespace', () => {
    const ext = '<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst>';
    const styles = `<styleSheet ${NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const read = (workbookPr: string): string => {
      const wb = readXlsxBytes(build({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" s="1"><v>41712</v></c></row>') }], styles, workbookPr }));
      return `${String(wb.date1904)} ${iso(wb.sheets[0]?.values[0]?.[0])}`;
    };
    expect(read('<workbookPr date1904="1"/>')).toBe('true 2018-03-15T00:00:00.000Z');
    // In a real file the extension list follows <sheets>; its place does not matter to the reader.
    expect(read(`<workbookPr date1904="1"/>${ext}`)).toBe('true 2018-03-15T00:00:00.000Z');
    expect(read(`<workbookPr/>${ext}`)).toBe('false 2014-03-14T00:00:00.000Z');
  });

  test('zip entries named with backslashes (xl\\workbook.xml), which Office opens', () => {
    const parts = unzipSync(build({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1"><v>9</v></c></row>') }] }));
    const renamed = zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k.replace(/\//g, '\\'), v])));
    expect(readXlsxBytes(renamed).sheets[0]?.values).toEqual([[9]]);
  });

  test('CR LF in XML text read as LF, as XML normalises line ends; Excel\'s _x000D_ still a CR', () => {
    const rows = one('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a\r\nb\rc</t></is></c></row>', { shared: ['x_x000D_\r\ny'] });
    expect(rows[0]).toEqual(['x\r\ny', 'a\nb\nc']);
  });

  test('CDATA sections in shared, inline and value text are read as written', () => {
    const rows = one('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t><![CDATA[R&D <CRM>]]> Online</t></is></c><c r="C1" t="str"><f>X</f><v><![CDATA[a&b]]></v></c><c r="D1"><v><![CDATA[12.5]]></v></c></row>', { shared: ['<![CDATA[CRM Online]]>'] });
    expect(rows[0]).toEqual(['CRM Online', 'R&D <CRM> Online', 'a&b', 12.5]);
  });

  test('a date cell (t="d") holding only a time reads as that time of day', () => {
    const rows = one('<row r="1"><c r="A1" t="d"><v>10:30:00</v></c><c r="B1" t="d"><v>2018-03-15T06:00:00</v></c></row>');
    expect(rows[0]?.[0]).toBeCloseTo(10.5 / 24, 10);
    expect(iso(rows[0]?.[1])).toBe('2018-03-15T06:00:00.000Z');
    const in1904 = readXlsxBytes(build({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" t="d"><v>T10:30</v></c></row>') }], workbookPr: '<workbookPr date1904="1"/>' }));
    expect(iso(in1904.sheets[0]?.values[0]?.[0])).toBe('1904-01-01T10:30:00.000Z');
  });
});

describe('readXlsxBytes: small parts that are not well-formed', () => {
  test('a styles part whose elements do not nest (100,000 fonts left open) is damaged, not read as far as it goes', () => {
    const styles = `<styleSheet ${NS}><fonts>${'<font>'.repeat(100_000)}</fonts><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
    expect(problem(build({ sheets: [{ name: 'S', xml: sheetXml('') }], styles }))).toBe('malformed-xml');
    const nested = `<styleSheet ${NS}><fonts>${'<font>'.repeat(100_000)}${'</font>'.repeat(100_000)}</fonts><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
    expect(problem(build({ sheets: [{ name: 'S', xml: sheetXml('') }], styles: nested }))).toBe('read without error');
  });

  test('a workbook part whose elements do not nest is damaged', () => {
    const parts = unzipSync(build({ sheets: [{ name: 'S', xml: sheetXml('') }] }));
    parts['xl/workbook.xml'] = strToU8(`<workbook ${NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"></sheets></workbook>`);
    expect(problem(zipSync(parts))).toBe('malformed-xml');
  });
});
