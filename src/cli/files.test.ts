/**
 * Reading delimited files as users' tools write them: Excel's "Unicode Text" (.txt, UTF-16LE,
 * tab-separated), UTF-8 with and without a byte order mark, UTF-16BE, Windows-1252; the
 * delimiter sniffed; the same file given twice read once; sheet names Excel accepts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { readBack, runCli, tempDir, writeWorkbook } from '../../test/support/cli';
import * as zlib from 'node:zlib';
import { KeptParts, decodeText, parseDelimited, readBounded, readDelimited, readInputs, readInflateRaw, sheetNameFor, sniffDelimiter } from './files';

const SAMPLE = path.join(__dirname, '../../assets/sample-distributor.xlsx');

describe('competency evaluate on files that are not readable workbooks', () => {
  const dir = tempDir();
  const oneLine = (stderr: string): void => {
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  };

  test.each<[string, () => string, RegExp]>([
    ['a directory named .xlsx', () => { const d = path.join(dir, 'folder.xlsx'); mkdirSync(d); return d; }, /folder\.xlsx: a folder, not a workbook/],
    ['a CSV renamed to .xlsx', () => { const f = path.join(dir, 'renamed.xlsx'); writeFileSync(f, 'MPNId,Product\n1,Sales\n'); return f; }, /not an \.xlsx workbook \(the file is not a zip archive\)/],
    ['an empty file', () => { const f = path.join(dir, 'empty.xlsx'); writeFileSync(f, ''); return f; }, /the file is empty/],
    ['/dev/zero behind a link named .xlsx', () => { const f = path.join(dir, 'zero.xlsx'); symlinkSync('/dev/zero', f); return f; }, /zero\.xlsx: not an \.xlsx workbook/],
  ])('%s: exit 1 and one line on stderr', async (_, make, message) => {
    const run = await runCli(['evaluate', make(), '--json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    oneLine(run.stderr);
  });

  test('says it in the chosen language', async () => {
    const f = path.join(dir, 'renamed-de.xlsx');
    writeFileSync(f, 'a,b\n');
    const run = await runCli(['evaluate', f, '--locale', 'de-DE']);
    expect(run.stderr).toContain('keine .xlsx-Arbeitsmappe');
  });

  test('reads a workbook from a named pipe, opening it once', async () => {
    const fifo = path.join(dir, 'pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat "${SAMPLE}" > "${fifo}"`]);
    const [run] = await Promise.all([runCli(['evaluate', fifo, '--as-of', '2018-06-30', '--json']), new Promise((r) => writer.on('close', r))]);
    expect(run.code).toBe(0);
    const direct = await runCli(['evaluate', SAMPLE, '--as-of', '2018-06-30', '--json']);
    expect(run.stdout).toBe(direct.stdout);
  });

  test('reads a workbook whose extension is upper case', async () => {
    const f = path.join(dir, 'UPPER.XLSX');
    copyFileSync(SAMPLE, f);
    expect((await runCli(['evaluate', f, '--as-of', '2018-06-30', '--json'])).code).toBe(0);
  });
});

const ROWS = [['Partner ID', 'Individual', 'Exam'], ['P1', 'Jürgen Müller', 'MB2-714'], ['P2', 'Zoë "Zo" Ñúñez', 'MB2-710']];
const tsv = ROWS.map((r) => r.join('\t')).join('\r\n');

describe('decoding a text file', () => {
  const utf16be = (s: string): Buffer => Buffer.from(Buffer.from(s, 'utf16le').swap16());
  test.each([
    ['UTF-8 without a byte order mark', Buffer.from(tsv, 'utf8'), 'utf-8'],
    ['UTF-8 with a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(tsv, 'utf8')]), 'utf-8'],
    ['UTF-16LE with a byte order mark (Excel "Unicode Text")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]), 'utf-16le'],
    ['UTF-16BE with a byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(tsv)]), 'utf-16be'],
    ['UTF-16LE without a byte order mark', Buffer.from(tsv, 'utf16le'), 'utf-16le'],
    ['UTF-16BE without a byte order mark', utf16be(tsv), 'utf-16be'],
    ['Windows-1252 (not valid UTF-8)', Buffer.from(tsv, 'latin1'), 'windows-1252'],
  ] as const)('reads %s', (_name, bytes, encoding) => {
    const r = decodeText(bytes);
    expect(r.encoding).toBe(encoding);
    expect(r.text).toContain('Jürgen Müller');
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  test('keeps Windows-1252 characters that Latin-1 lacks (€, curly quotes)', () => {
    expect(decodeText(Buffer.from([0x80, 0x20, 0x93, 0x41, 0x94])).text).toBe('€ “A”');
  });
});

describe('the delimiter', () => {
  test.each([
    ['a comma CSV', 'a,b,c\n1,2,3', '.csv', ','],
    ['a European CSV', 'a;b;c\n1;2,5;3', '.csv', ';'],
    ['a tab-separated .txt', 'a\tb\tc\n1\t2\t3', '.txt', '\t'],
    ['commas inside quotes', '"a,b,c";d;e\n', '.csv', ';'],
    ['a .tsv whatever it holds', 'a,b', '.tsv', '\t'],
    ['a title line with a comma above a semicolon table', 'Revenue report, Q1 2018\nPartner ID;Product;Date;Amount\nP1;CRM Online;03.04.2018;1.234,56\nP2;CRM Online;04.04.2018;99,00', '.csv', ';'],
    ['a title and a note above a comma table', 'Billing export; all resellers\n\nPartner,Product,Month,Revenue\nP1,CRM Online,2018-03,100\nP2,Azure,2018-03,200\nTotal: 300', '.csv', ','],
    ['Windows line ends', 'a;b;c\r\n1;2;3\r\n', '.csv', ';'],
  ])('is sniffed for %s', (_name, text, ext, delimiter) => {
    expect(sniffDelimiter(text, ext)).toBe(delimiter);
  });
});

describe('parsing', () => {
  test('an unclosed quote is one clear error naming the line it opened on', () => {
    expect(() => parseDelimited('a,b\n1,2\n3,"open\n4,5\n', ',', 'x.csv')).toThrow('x.csv: the quoted field opened on line 3 is never closed; add the closing " and try again');
  });
  test('quotes inside a field are kept as typed', () => {
    expect(parseDelimited('a,b\n1,say "hi"\n', ',', 'x.csv')).toEqual([['a', 'b'], ['1', 'say "hi"']]);
  });
});

describe('files', () => {
  let dir: string;
  beforeAll(() => { dir = tempDir(); });

  test('an Excel "Unicode Text" export (.txt) is one sheet of its cells', async () => {
    const f = path.join(dir, 'certs.txt');
    writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]));
    const s = await readDelimited(f);
    expect([s.name, s.encoding, s.values]).toEqual(['certs', 'utf-16le', ROWS]);
  });

  test('a named pipe is read once, to its end', async () => {
    const f = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [f]);
    const writer = new Promise<void>((resolve) => { setTimeout(() => { writeFileSync(f, 'a,b\n1,2\n'); resolve(); }, 50); });
    const { workbook } = await readInputs([f]);
    await writer;
    expect(workbook.sheets[0]?.values).toEqual([['a', 'b'], ['1', '2']]);
  });

  test('a stream longer than the limit is refused instead of read forever', async () => {
    await expect(readBounded('/dev/zero', 1 << 20)).rejects.toThrow(/larger than 1 MB/);
  });

  test('a device is refused at once', async () => {
    await expect(readInputs(['/dev/zero'])).rejects.toThrow(/not a regular file/);
  });

  test('the same file twice, by name or by content, is read once with a warning', async () => {
    const a = path.join(dir, 'rev.csv'), copy = path.join(dir, 'rev-copy.csv');
    writeFileSync(a, 'Partner ID,Amount\nP1,100\n');
    writeFileSync(copy, 'Partner ID,Amount\nP1,100\n');
    const r = await readInputs([a, path.join(dir, '.', 'rev.csv'), copy]);
    expect(r.workbook.sheets.map((s) => s.name)).toEqual(['rev']);
    expect(r.warnings).toEqual([`${path.join(dir, 'rev.csv')} is the same file as ${a}; it is read once`, `${copy} has the same content as ${a}; it is read once`]);
  });

  test('files whose names differ only in case get distinct sheet names', async () => {
    const sub1 = tempDir(), sub2 = tempDir();
    writeFileSync(path.join(sub1, 'Revenue.csv'), 'a\n1\n');
    writeFileSync(path.join(sub2, 'REVENUE.csv'), 'a\n2\n');
    const r = await readInputs([path.join(sub1, 'Revenue.csv'), path.join(sub2, 'REVENUE.csv')]);
    expect(r.workbook.sheets.map((s) => s.name)).toEqual(['Revenue', 'REVENUE (2)']);
  });
});

describe('parts kept inflated for --out (KeptParts)', () => {
  // Two compressed parts side by side in one input: a large one (kept) and a small one (not).
  const large = Buffer.from('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(40_000));
  const small = Buffer.from('<workbook/>');
  const a = zlib.deflateRawSync(large), b = zlib.deflateRawSync(small);
  const input = new Uint8Array(Buffer.concat([a, b]));
  const viewA = input.subarray(0, a.length), viewB = input.subarray(a.length);

  test('inflates as readInflateRaw does, and hands a large part over once, for the same view of the same input', () => {
    const kept = new KeptParts();
    expect(Buffer.from(kept.inflateRaw(viewA, large.length) as Uint8Array).equals(large)).toBe(true);
    expect(Buffer.from(kept.inflateRaw(viewB, small.length) as Uint8Array).equals(Buffer.from(readInflateRaw(viewB, small.length) as Uint8Array))).toBe(true);
    // Another input's bytes at the same place are not that part.
    expect(kept.take(new Uint8Array(input).subarray(0, a.length))).toBeUndefined();
    expect(Buffer.from(kept.take(input.subarray(0, a.length)) as Uint8Array).equals(large)).toBe(true);
    expect(kept.take(viewA)).toBeUndefined();
    // Parts under a megabyte are not kept: they inflate again at once.
    expect(kept.take(viewB)).toBeUndefined();
  });

  test('keeps nothing of a damaged part', () => {
    const kept = new KeptParts();
    const damaged = input.slice(0, a.length);
    damaged.fill(0xff, 10, 40);
    expect(kept.inflateRaw(damaged, large.length)).toBeNull();
    expect(kept.take(damaged)).toBeUndefined();
  });
});

describe('sheet names from file names', () => {
  test.each([
    ["'quoted'.csv", 'quoted'],
    ['a:b[c]*?.csv', 'a_b_c___'],
    [`${'x'.repeat(40)}.csv`, 'x'.repeat(31)],
    ['History.csv', 'History_'],
    ['Competency Status.csv', 'Competency Status (input)'],
    ["'.csv", 'Sheet'],
  ])('%s becomes a name Excel accepts', (file, name) => {
    expect(sheetNameFor(file)).toBe(name);
  });
});

describe('mixed inputs: workbooks and CSV files given together are read as one set', () => {
  const REVENUE = [
    ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'],
    ['P1', 'CRM Online', '2018-01-05', 320000, 'Yes'],
    ['P2', 'CRM Online', '2017-06-10', 120000, 'Yes'],
  ];
  const CERTS = [
    ['Partner ID', 'Individual', 'Exam', 'Date passed'],
    ...['Ana', 'Bo'].flatMap((n) => [['P1', n, 'MB2-714', '2017-06-01'], ['P1', n, 'MB2-710', '2017-06-01']]),
    ['P1', 'Cy', 'MB2-712', '2017-06-01'], ['P1', 'Dee', 'MB2-707', '2017-06-01'],
    ['P2', 'Di', 'MB2-713', '2017-06-01'], ['P2', 'Di', 'MB2-706', '2017-06-01'], ['P2', 'Ed', 'MB2-712', '2017-06-01'],
  ];
  const csvOf = (rows: unknown[][]): string => rows.map((r) => r.join(',')).join('\n');
  interface Doc { partners: { partnerId: string; level: string; ttmRevenueUsd: number }[] }
  const levels = (stdout: string): [string, string, number][] => (JSON.parse(stdout) as Doc).partners.map((p) => [p.partnerId, p.level, p.ttmRevenueUsd]);
  const dir = tempDir();
  const f = (name: string): string => path.join(dir, name);
  let expected: [string, string, number][];
  beforeAll(async () => {
    await writeWorkbook(f('both.xlsx'), { Revenue: REVENUE, Certifications: CERTS });
    await writeWorkbook(f('revenue.xlsx'), { Revenue: REVENUE });
    await writeWorkbook(f('certs.xlsx'), { Certifications: CERTS });
    await writeWorkbook(f('revenue-sheet1.xlsx'), { Sheet1: REVENUE });
    await writeWorkbook(f('certs-sheet1.xlsx'), { Sheet1: CERTS });
    writeFileSync(f('revenue.csv'), csvOf(REVENUE));
    writeFileSync(f('certs.csv'), csvOf(CERTS));
    expected = levels((await runCli(['evaluate', f('both.xlsx'), '--as-of', '2018-03-15', '--json'])).stdout);
    expect(expected).toEqual([['P1', 'gold', 320000], ['P2', 'silver', 120000]]);
  });

  test.each([
    ['a revenue CSV with a certifications workbook', ['revenue.csv', 'certs.xlsx']],
    ['a certifications workbook before a revenue CSV', ['certs.xlsx', 'revenue.csv']],
    ['a revenue workbook with a certifications CSV', ['revenue.xlsx', 'certs.csv']],
    ['two workbooks', ['revenue.xlsx', 'certs.xlsx']],
    ['two workbooks whose sheets have the same name', ['revenue-sheet1.xlsx', 'certs-sheet1.xlsx']],
  ])('%s: exit 0 and the levels of the one workbook holding both', async (_name, files) => {
    const run = await runCli(['evaluate', ...files.map(f), '--as-of', '2018-03-15', '--json']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(levels(run.stdout)).toEqual(expected);
  });

  test('sheets keep their names, a name taken twice getting " (2)"; a copy of a workbook is read once, with a warning', async () => {
    copyFileSync(f('revenue-sheet1.xlsx'), f('revenue-copy.xlsx'));
    const r = await readInputs([f('revenue-sheet1.xlsx'), f('certs-sheet1.xlsx'), f('revenue.csv'), f('revenue-copy.xlsx')]);
    expect([r.kind, r.workbook.sheets.map((s) => s.name)]).toEqual(['mixed', ['Sheet1', 'Sheet1 (2)', 'revenue']]);
    expect(r.warnings).toEqual([`${f('revenue-copy.xlsx')} has the same content as ${f('revenue-sheet1.xlsx')}; it is read once`]);
    const run = await runCli(['evaluate', f('revenue-sheet1.xlsx'), f('revenue-copy.xlsx'), f('certs.xlsx'), '--as-of', '2018-03-15', '--json']);
    expect(levels(run.stdout)).toEqual(expected); // not doubled
  });

  test('--out writes a new workbook holding every input sheet and the outputs', async () => {
    const out = f('mixed-out.xlsx');
    const run = await runCli(['evaluate', f('revenue.csv'), f('certs.xlsx'), '--as-of', '2018-03-15', '--out', out]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const back = await readBack(out);
    expect(Object.keys(back)).toEqual(['revenue', 'Certifications', 'Competency Status', 'Competency Issues', 'Competency Timeline']);
    expect(back.revenue?.[0]?.slice(-2)).toEqual(['Counted', 'Reason']);
    const again = await runCli(['evaluate', out, '--as-of', '2018-03-15', '--json']);
    expect(levels(again.stdout)).toEqual(expected);
  }, 60_000);

  test('workbooks of the 1900 and the 1904 date systems are refused (exit 1), naming both', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet('Certifications').addRows(CERTS);
    await wb.xlsx.writeFile(f('certs-1904.xlsx'));
    const run = await runCli(['evaluate', f('revenue.xlsx'), f('certs-1904.xlsx'), '--as-of', '2018-03-15']);
    expect([run.code, run.stdout]).toEqual([1, '']);
    expect(run.stderr).toBe(`competency: ${f('certs-1904.xlsx')} uses the 1904 date system and ${f('revenue.xlsx')} the 1900 one, so their dates written as numbers are four years apart; save both in one date system (Excel: File > Options > Advanced) or evaluate them separately\n`);
  });
});
