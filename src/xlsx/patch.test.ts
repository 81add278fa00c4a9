/**
 * The patching --out writer on files other programs write: formulas, styles and macros kept,
 * the 1904 date system honoured, openpyxl's absolute targets, cells without r=, a stale
 * calculation chain dropped, a re-run giving the same bytes; LibreOffice reads every result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as zlib from 'node:zlib';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { libreOfficeCsv, runCli, tempDir } from '../../test/support/cli';
import { makeXlsx, type TestCell } from '../../test/support/xlsx';
import { isOutputSheet, outputSources, rowsOf, type Outputs } from '../sheets';
import { WorksheetPatcher, patchXlsx } from './patch';
import { resolveTarget } from './package';
import { addOutStyles, EMPTY_STYLES } from './sheetxml';
import { XlsxError } from './errors';
import { u16 } from './zip';
import type { NativeZip } from './zipio';
import { nodeDeflate, nodeInflate, nodeZip } from '../cli/out-file';

const REVENUE: TestCell[][] = [
  ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'],
  ['P1', 'CRM Online', '2018-01-05', { f: '100000*3.2', v: 320000 }, 'Yes'],
  ['P2', 'CRM Online', '2017-06-10', 120000, 'Yes'],
];
const CERTS: TestCell[][] = [
  ['Partner ID', 'Individual', 'Exam', 'Date passed'],
  ['P1', 'Ana', 'MB2-714', '2017-06-01'], ['P1', 'Ana', 'MB2-710', '2017-06-01'],
  ['P1', 'Bo', 'MB2-714', '2017-06-01'], ['P1', 'Bo', 'MB2-710', '2017-06-01'],
  ['P1', 'Cy', 'MB2-712', '2017-06-01'], ['P1', '=HYPERLINK("http://x","y")', 'MB2-707', '2017-06-01'],
];

const parts = (file: string): Record<string, string> => Object.fromEntries(Object.entries(unzipSync(readFileSync(file))).map(([k, v]) => [k, k.endsWith('.bin') ? `${v.length} bytes` : strFromU8(v)]));

describe('--out patches the input workbook', () => {
  let dir: string;
  beforeAll(() => { dir = tempDir(); });
  const evaluate = async (input: Uint8Array, name: string, ext = '.xlsx', asOf = '2018-03-15'): Promise<{ out: string; stdout: string }> => {
    const inFile = path.join(dir, `${name}${ext}`);
    const out = path.join(dir, `${name}-out${ext}`);
    writeFileSync(inFile, input);
    const run = await runCli(['evaluate', inFile, '--as-of', asOf, '--out', out]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    return { out, stdout: run.stdout };
  };

  test('keeps formulas, number formats and every other part; adds status cells and our sheets; drops the calculation chain', async () => {
    const { out } = await evaluate(makeXlsx({ Revenue: REVENUE, Certifications: CERTS }, { calcChain: true }), 'formulas');
    const p = parts(out);
    expect(p['xl/worksheets/sheet1.xml']).toContain('<c r="D2" s="1"><f>100000*3.2</f><v>320000</v></c>');
    // Our texts are shared strings: "Counted" is written once, each cell holds its index.
    const counted = /<si><t>Counted<\/t><\/si>/.exec(p['xl/sharedStrings.xml'] ?? '');
    expect(counted).not.toBeNull();
    const index = (p['xl/sharedStrings.xml'] ?? '').slice(0, counted?.index).split('<si>').length - 1;
    expect(p['xl/worksheets/sheet1.xml']).toMatch(new RegExp(`<c r="F1" s="\\d+" t="s"><v>${index}</v></c>`));
    expect(p['xl/styles.xml']).toContain('<numFmt numFmtId="164" formatCode="0.000"/>');
    expect(p['xl/calcChain.xml']).toBeUndefined();
    expect(p['[Content_Types].xml']).not.toContain('calcChain');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Revenue', 'Certifications', 'Competency Status', 'Competency Issues', 'Competency Timeline']);
    expect(wb.getWorksheet('Revenue')?.getCell('D2').value).toEqual({ formula: '100000*3.2', result: 320000 });
    expect(wb.getWorksheet('Revenue')?.getCell('F2').value).toBe('Yes');
    // A user's text that looks like a formula is still text, in the input sheet and in ours.
    expect(wb.getWorksheet('Certifications')?.getCell('B7').value).toBe('=HYPERLINK("http://x","y")');
    const csv = libreOfficeCsv(out);
    expect(csv['Competency Status']?.split('\n')[1]).toMatch(/^P1,,Developed,2018-03-15,cloud-crm-2017-11,Gold,/);
    expect(csv.Revenue?.split('\n')[1]).toMatch(/^P1,CRM Online,2018-01-05,320000,Yes,Yes,"?Counted/);
  }, 120_000);

  test('a 1904 workbook keeps its date system, and our dates are written in it', async () => {
    // 2018-01-05 is serial 41643 in the 1904 system (43105 in 1900).
    const rev = REVENUE.map((r, i) => (i === 1 ? ['P1', 'CRM Online', 41643, 320000, 'Yes'] : r));
    const { out } = await evaluate(makeXlsx({ Revenue: rev, Certifications: CERTS }, { date1904: true }), 'd1904');
    expect(parts(out)['xl/workbook.xml']).toContain('date1904="1"');
    const csv = libreOfficeCsv(out);
    expect(csv['Competency Status']?.split('\n')[1]).toMatch(/^P1,,Developed,2018-03-15,cloud-crm-2017-11,Gold,FALSE,2018-12-31,".*",320000,/);
    // Re-evaluating the output gives the same answer (a lost flag shifted every date four years).
    const again = await runCli(['evaluate', out, '--as-of', '2018-03-15', '--json']);
    expect((JSON.parse(again.stdout) as { partners: { level: string }[] }).partners.map((x) => x.level)).toEqual(['gold', 'none']);
  }, 120_000);

  test('openpyxl\'s absolute relationship targets: names kept, status columns in their sheets', async () => {
    const { out } = await evaluate(makeXlsx({ Revenue: REVENUE, Certifications: CERTS }, { absoluteTargets: true }), 'openpyxl');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Revenue', 'Certifications', 'Competency Status', 'Competency Issues', 'Competency Timeline']);
    expect(wb.getWorksheet('Certifications')?.getCell('E1').value).toBe('Counts as');
  });

  test('cells and rows without r= are numbered, and ours go beside them', () => {
    const { styles } = addOutStyles(EMPTY_STYLES);
    const patcher = new WorksheetPatcher([{ sheet: 'S', row: 0, col: 2, width: 2, rows: rowsOf([['H1', 'H2'], ['a', 'b'], [null, null], ['c', 'd']]) }], styles, false);
    const xml = '<worksheet><sheetData><row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row><row><c><v>2</v></c><c><v>3</v></c><c><v>9</v></c></row></sheetData></worksheet>';
    let out = '';
    for (let i = 0; i < xml.length; i += 7) out += patcher.push(xml.slice(i, i + 7));
    out += patcher.end();
    expect(out).toBe('<worksheet><sheetData>'
      + `<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1"><v>1</v></c><c r="C1" s="${styles.header}" t="inlineStr"><is><t xml:space="preserve">H1</t></is></c><c r="D1" s="${styles.header}" t="inlineStr"><is><t xml:space="preserve">H2</t></is></c></row>`
      + '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><v>3</v></c><c r="C2" t="inlineStr"><is><t xml:space="preserve">a</t></is></c><c r="D2" t="inlineStr"><is><t xml:space="preserve">b</t></is></c></row>'
      + '<row r="4"><c r="C4" t="inlineStr"><is><t xml:space="preserve">c</t></is></c><c r="D4" t="inlineStr"><is><t xml:space="preserve">d</t></is></c></row>'
      + '</sheetData></worksheet>');
  });

  test('status columns beside a table of 300,000 rows are written (a spread of one argument per row overflowed the stack)', async () => {
    const values = Array.from({ length: 300_001 }, (_, i) => (i === 0 ? ['Counted', 'Reason'] : ['Yes', 'Counted']));
    const outputs: Outputs = { statusColumns: [{ sheet: 'Revenue', row: 0, col: 5, values }], tables: [] };
    const chunks: Uint8Array[] = [];
    await patchXlsx(makeXlsx({ Revenue: REVENUE }), outputSources(outputs), (c) => { chunks.push(c.slice()); }, { isOurs: isOutputSheet });
    const sheet = strFromU8(unzipSync(Buffer.concat(chunks))['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(sheet).toContain('<dimension ref="A1:G300001"/>');
    const sst = strFromU8(unzipSync(Buffer.concat(chunks))['xl/sharedStrings.xml'] as Uint8Array);
    expect(sst).toMatch(/^<\?xml [^>]*>\n<sst xmlns="[^"]*" uniqueCount="3"><si><t>Counted<\/t><\/si><si><t>Reason<\/t><\/si><si><t>Yes<\/t><\/si><\/sst>$/);
    expect(sheet).toContain('<row r="300001"><c r="F300001" t="s"><v>2</v></c><c r="G300001" t="s"><v>0</v></c></row>');
  }, 60_000);

  test('an .xlsm keeps its macros and its macro-enabled content type', async () => {
    const vba = new Uint8Array(3000).map((_, i) => (i * 7) % 256);
    const { out } = await evaluate(makeXlsx({ Revenue: REVENUE, Certifications: CERTS }, { vba }), 'macros', '.xlsm');
    const p = parts(out);
    expect(p['xl/vbaProject.bin']).toBe('3000 bytes');
    expect(Buffer.from(unzipSync(readFileSync(out))['xl/vbaProject.bin'] as Uint8Array).equals(Buffer.from(vba))).toBe(true);
    expect(p['[Content_Types].xml']).toContain('macroEnabled.main+xml');
    expect(p['xl/_rels/workbook.xml.rels']).toContain('vbaProject');
  });

  test('an input cell holding an impossible date serial is copied as it is, never as NaN', async () => {
    const rev = REVENUE.map((r, i) => (i === 2 ? ['P2', 'CRM Online', 9.9e15, 120000, 'Yes'] : r));
    const { out } = await evaluate(makeXlsx({ Revenue: rev, Certifications: CERTS }), 'serial');
    const p = parts(out);
    for (const [name, xml] of Object.entries(p)) expect([name, /NaN|Infinity/.test(xml)]).toEqual([name, false]);
    expect(p['xl/worksheets/sheet1.xml']).toContain('<v>9900000000000000</v>');
  });

  test('issue links point at their cells through the sheet\'s hyperlinks', async () => {
    const rev = [...REVENUE, ['P3', 'CRM Online', 'soon', 5, 'Yes']];
    const { out } = await evaluate(makeXlsx({ 'Rev \'18': rev, Certifications: CERTS }), 'links');
    const issuesXml = parts(out)['xl/worksheets/sheet4.xml'] ?? '';
    // The Partner column comes first: the cell links are in column G.
    expect(issuesXml).toMatch(/<hyperlink ref="G2" location="'Rev ''18'!C4" display="Rev '18!C4"\/>/);
  });

  test('docProps/app.xml lists the sheets written (named ranges kept), and a re-run keeps it as it is', async () => {
    const { out } = await evaluate(makeXlsx({ Revenue: REVENUE, Certifications: CERTS }, { appXml: { heading: 'Planilhas' } }), 'appxml');
    const app = parts(out)['docProps/app.xml'] ?? '';
    expect(app).toContain('<vt:variant><vt:lpstr>Planilhas</vt:lpstr></vt:variant><vt:variant><vt:i4>5</vt:i4></vt:variant><vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>');
    expect(app).toContain('<TitlesOfParts><vt:vector size="6" baseType="lpstr"><vt:lpstr>Revenue</vt:lpstr><vt:lpstr>Certifications</vt:lpstr><vt:lpstr>Competency Status</vt:lpstr><vt:lpstr>Competency Issues</vt:lpstr><vt:lpstr>Competency Timeline</vt:lpstr><vt:lpstr>Revenue!Print_Area</vt:lpstr></vt:vector></TitlesOfParts>');
    // In another language the old output sheets give way to the new ones, in the list too.
    const de = path.join(dir, 'appxml-de.xlsx');
    expect((await runCli(['evaluate', out, '--as-of', '2018-03-15', '--locale', 'de-DE', '--out', de])).code).toBe(0);
    const titles = /<TitlesOfParts>.*<\/TitlesOfParts>/.exec(parts(de)['docProps/app.xml'] ?? '')?.[0] ?? '';
    const sheetNames = [...(parts(de)['xl/workbook.xml'] ?? '').matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
    expect(titles).toBe(`<TitlesOfParts><vt:vector size="6" baseType="lpstr">${sheetNames.map((n) => `<vt:lpstr>${n}</vt:lpstr>`).join('')}<vt:lpstr>Revenue!Print_Area</vt:lpstr></vt:vector></TitlesOfParts>`);
    expect(sheetNames).toHaveLength(5);
    expect(sheetNames.slice(0, 2)).toEqual(['Revenue', 'Certifications']);
    expect(Object.keys(libreOfficeCsv(de)).sort()).toEqual([...sheetNames].sort());
    const again = path.join(dir, 'appxml-again.xlsx');
    expect((await runCli(['evaluate', out, '--as-of', '2018-03-15', '--out', again])).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  }, 120_000);

  test('re-running on its own output gives the same bytes', async () => {
    const { out } = await evaluate(makeXlsx({ Revenue: REVENUE, Certifications: CERTS }), 'rerun');
    const again = path.join(dir, 'rerun-again.xlsx');
    expect((await runCli(['evaluate', out, '--as-of', '2018-03-15', '--out', again])).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });
});

describe('a platform\'s inflate (Node\'s zlib here)', () => {
  /** What the CLI gives the writer: zlib's inflate and CRC-32, counting the parts inflated. */
  const native = (inflatedSizes: number[]): NativeZip => ({
    inflate: async function* (data) { const out = zlib.inflateRawSync(data); inflatedSizes.push(out.length); yield out; },
    crc32: (data, crc) => zlib.crc32(data, crc),
  });
  const outputs: Outputs = { statusColumns: [{ sheet: 'Revenue', row: 0, col: 5, values: [['Counted', 'Reason'], ['Yes', 'Counted'], ['No', 'Not DPOR']] }], tables: [] };
  /** The input with the CRC of part `name` changed in its central directory (where the writer reads it). */
  const badCrc = (bytes: Uint8Array, name: string): Uint8Array => {
    const out = bytes.slice();
    const want = new TextEncoder().encode(name);
    for (let i = out.length - 46; i >= 0; i--) {
      if (out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 1 && out[i + 3] === 2 && u16(out, i + 28) === want.length && want.every((c, k) => out[i + 46 + k] === c)) {
        out[i + 16] = (out[i + 16] as number) ^ 0xff;
        return out;
      }
    }
    throw new Error(`no ${name}`);
  };
  const write = async (input: Uint8Array, nat: NativeZip | undefined, crcChecked = false): Promise<Uint8Array> => {
    const chunks: Uint8Array[] = [];
    await patchXlsx(input, outputSources(outputs), (c) => { chunks.push(c.slice()); }, { isOurs: isOutputSheet, native: nat, crcChecked });
    return Buffer.concat(chunks);
  };

  test('gives the same workbook as fflate, the patched sheet and the shared strings inflated through it', async () => {
    // Our own output has a shared-strings part (makeXlsx writes inline strings).
    const input = await write(makeXlsx({ Revenue: REVENUE, Certifications: CERTS }), undefined);
    const sizes: number[] = [];
    const withNative = await write(input, native(sizes));
    expect(Buffer.from(withNative).equals(Buffer.from(await write(input, undefined)))).toBe(true);
    const unzipped = unzipSync(input);
    expect(sizes.sort((a, b) => a - b)).toEqual([unzipped['xl/sharedStrings.xml']?.length, unzipped['xl/worksheets/sheet1.xml']?.length].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  test.each(['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml'])('refuses a part it inflates whose CRC does not match (%s) as a damaged zip', async (name) => {
    const input = badCrc(await write(makeXlsx({ Revenue: REVENUE, Certifications: CERTS }), undefined), name);
    const failure = write(input, native([]));
    await expect(failure).rejects.toBeInstanceOf(XlsxError);
    await expect(failure).rejects.toMatchObject({ problem: 'malformed-zip' });
  });

  test('does not checksum the patched sheets again when the reader has (crcChecked), but still the shared strings', async () => {
    const input = await write(makeXlsx({ Revenue: REVENUE, Certifications: CERTS }), undefined);
    // The same bytes as when checked: the sheet's CRC is not computed a second time.
    const sheetBad = badCrc(input, 'xl/worksheets/sheet1.xml');
    expect(Buffer.from(await write(sheetBad, native([]), true)).equals(Buffer.from(await write(input, native([]), true)))).toBe(true);
    await expect(write(badCrc(input, 'xl/sharedStrings.xml'), native([]), true)).rejects.toMatchObject({ problem: 'malformed-zip' });
  });

  test('reads a patched sheet the caller kept inflated (inflated) instead of inflating it again, with the same bytes', async () => {
    const input = await write(makeXlsx({ Revenue: REVENUE, Certifications: CERTS }), undefined);
    const sheet = unzipSync(input)['xl/worksheets/sheet1.xml'] as Uint8Array;
    const asked: number[] = [];
    const kept = (compressed: Uint8Array): Uint8Array | undefined => {
      asked.push(compressed.length);
      const whole = zlib.inflateRawSync(compressed);
      return whole.equals(sheet) ? whole : undefined;
    };
    const sizes: number[] = [];
    const chunks: Uint8Array[] = [];
    await patchXlsx(input, outputSources(outputs), (c) => { chunks.push(c.slice()); }, { isOurs: isOutputSheet, native: native(sizes), inflated: kept });
    expect(Buffer.concat(chunks).equals(Buffer.from(await write(input, native([]))))).toBe(true);
    // Only the shared strings went through the platform's inflate; the sheet was asked for.
    expect(sizes).toEqual([unzipSync(input)['xl/sharedStrings.xml']?.length]);
    expect(asked.length).toBe(1);
  });

  test('inflates a part again when what the caller kept is not its size', async () => {
    const input = await write(makeXlsx({ Revenue: REVENUE, Certifications: CERTS }), undefined);
    const sizes: number[] = [];
    const chunks: Uint8Array[] = [];
    await patchXlsx(input, outputSources(outputs), (c) => { chunks.push(c.slice()); }, { isOurs: isOutputSheet, native: native(sizes), inflated: () => new Uint8Array(3) });
    expect(Buffer.concat(chunks).equals(Buffer.from(await write(input, native([]))))).toBe(true);
    expect(sizes).toHaveLength(2);
  });
});

describe('output sheets made beside the patch (an asynchronous native deflate)', () => {
  // A revenue sheet of several deflate blocks whose status texts first appear late in it, and an
  // output table of texts of its own and some of those: shared strings numbered by timing would
  // interleave the two.
  const ROWS = 20_000;
  const revenue: TestCell[][] = [REVENUE[0] as TestCell[], ...Array.from({ length: ROWS }, (_, i): TestCell[] => [`P${i % 97}`, 'CRM Online', '2018-01-05', 1000 + i, 'Yes'])];
  const outputs: Outputs = {
    statusColumns: [{ sheet: 'Revenue', row: 0, col: 5, values: [['Counted', 'Reason'], ...Array.from({ length: ROWS }, (_, i) => [i % 3 === 0 ? 'Yes' : 'No', `reason ${i % 5000}`])] }],
    tables: [{ sheetName: 'Competency Issues', tableName: 'Issues', columns: [{ key: 'issue', header: 'Issue', format: 'text' }, { key: 'row', header: 'Row', format: 'int' }], rows: Array.from({ length: ROWS }, (_, i) => [i % 2 === 0 ? `issue ${i}` : `reason ${(i * 7) % 6000}`, i]) }],
  };
  const write = async (input: Uint8Array, native: NativeZip): Promise<Buffer> => {
    const chunks: Uint8Array[] = [];
    await patchXlsx(input, outputSources(outputs), (c) => { chunks.push(c.slice()); }, { isOurs: isOutputSheet, native });
    return Buffer.concat(chunks);
  };
  /** zlib's deflate, block by block in order: the output sheets are written after the patch. */
  const inOrderZip: NativeZip = { deflate: nodeDeflate, inflate: nodeInflate, crc32: nodeZip.crc32 };
  /** zlib's deflate, its results coming after delays of 0 to 4 ms in a fixed shuffled order. */
  const shuffled = (): NativeZip => {
    let seed = 7;
    return {
      deflateAsync: (data, final) => new Promise((resolve) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        setTimeout(() => { resolve(nodeDeflate(data, final)); }, seed % 5);
      }),
      inflate: nodeInflate,
      crc32: nodeZip.crc32,
    };
  };

  test('give the bytes of writing every part in order, however zlib\'s results come', async () => {
    const input = makeXlsx({ Revenue: revenue, Certifications: CERTS });
    const inOrder = await write(input, inOrderZip);
    expect((await write(input, shuffled())).equals(inOrder)).toBe(true);
    expect((await write(input, nodeZip)).equals(inOrder)).toBe(true);
    // And on their own output (a shared-strings part read, our texts found in it).
    const again = await write(inOrder, inOrderZip);
    expect((await write(inOrder, shuffled())).equals(again)).toBe(true);
    const p = unzipSync(inOrder);
    const sst = strFromU8(p['xl/sharedStrings.xml'] as Uint8Array);
    const texts = [...sst.matchAll(/<si><t>([^<]*)<\/t><\/si>/g)].map((m) => m[1]);
    // The patched sheet's texts first, in the order of its rows; then the output sheet's new ones.
    expect(texts.slice(texts.indexOf('Counted'), texts.indexOf('Counted') + 5)).toEqual(['Counted', 'Reason', 'Yes', 'reason 0', 'No']);
    expect(texts.indexOf('issue 0')).toBeGreaterThan(texts.indexOf('reason 4999'));
  }, 60_000);
});

describe('relationship targets', () => {
  test.each([
    ['xl/', 'worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/', '/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/worksheets/', '../tables/table1.xml', 'xl/tables/table1.xml'],
    ['xl/', './styles.xml', 'xl/styles.xml'],
  ])('from %s, %s is %s', (base, target, part) => {
    expect(resolveTarget(base, target)).toBe(part);
  });
});
