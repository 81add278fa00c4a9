/**
 * The competency CLI end to end, on files it writes itself: xlsx, csv and tsv in; summary, JSON
 * and an --out workbook that LibreOffice (an independent client) reads back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { libreOfficeCsv, readBack, runCli, tempDir, writeWorkbook } from '../../test/support/cli';

const REVENUE = [
  ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'],
  ['P1', 'CRM Online', '2018-01-05', 320000, 'Yes'],
  ['P2', 'CRM Online', '2017-06-10', 120000, 'Yes'],
  ['P2', 'Azure', '2018-01-05', 99999, 'Yes'],
  ['P3', 'CRM Online', '2018-02', 10, 'No'],
];
const NAME_FORMULA = '=HYPERLINK("http://x","y")';
const CERTS = [
  ['Partner ID', 'Individual', 'Exam', 'Date passed'],
  ...['Ana', 'Bo'].flatMap((n) => [['P1', n, 'MB2-714', '2017-06-01'], ['P1', n, 'MB2-710', '2017-06-01']]),
  ['P1', 'Cy', 'MB2-712', '2017-06-01'],
  ['P1', NAME_FORMULA, 'MB2-707', '2017-06-01'],
  ['P2', 'Di', 'MB2-713', '2017-06-01'], ['P2', 'Di', 'MB2-706', '2017-06-01'], ['P2', 'Ed', 'MB2-712', '2017-06-01'],
];

interface Requirement { id: string; required: number; actual: number; met: boolean }
interface RevenueRequirement { id: string; requiredUsd: number; actualUsd: number; met: boolean }
interface Json {
  asOf: string;
  partners: {
    partnerId: string; level: string; atRisk: boolean; ttmRevenueUsd: number; holdsUntil: string | null; examPlan: { text: string }[];
    requirements: Record<'silver' | 'gold', { met: boolean; revenue: RevenueRequirement; applicationDeployment: Requirement; customization: Requirement; individuals: Requirement }>;
  }[];
  issues: { code: string; cell: string }[];
}

describe('competency evaluate', () => {
  let dir: string;
  let xlsx: string;
  beforeAll(async () => {
    dir = tempDir();
    xlsx = path.join(dir, 'in.xlsx');
    await writeWorkbook(xlsx, { Revenue: REVENUE, Certifications: CERTS });
  });

  test('evaluates an .xlsx workbook and prints one JSON document with --json', async () => {
    const run = await runCli(['evaluate', xlsx, '--as-of', '2018-03-15', '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as Json;
    expect(doc.asOf).toBe('2018-03-15');
    expect(doc.partners.map((p) => [p.partnerId, p.level, p.ttmRevenueUsd])).toEqual([['P1', 'gold', 320000], ['P2', 'silver', 120000], ['P3', 'none', 0]]);
    expect(doc.partners[1]).toMatchObject({ holdsUntil: '2018-05-31', atRisk: true });
    // Requirement results, as core returns them; money in US$, its unit in the field names.
    expect(doc.partners[1]?.requirements.gold).toMatchObject({
      met: false,
      revenue: { id: 'revenue', requiredUsd: 300_000, actualUsd: 120_000, met: false },
      applicationDeployment: { required: 2, actual: 1, met: false },
      customization: { required: 2, actual: 1, met: false },
      individuals: { required: 4, actual: 2, met: false },
    });
    expect(doc.partners[1]?.examPlan[0]?.text).toMatch(/^New person 1: an application exam \(MB2-714/);
  });

  test('evaluate --help lists the exit codes and an example', async () => {
    const run = await runCli(['evaluate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 {2}evaluated[^\n]*\n {2}1 {2}the input cannot be used[^\n]*\n {2}2 {2}bad usage/);
    expect(run.stdout).toContain(`competency evaluate ${path.resolve(__dirname, '..', '..', 'assets', 'sample-distributor.xlsx')} --as-of 2018-06-30`);
  });

  test('prints a readable summary by default', async () => {
    const run = await runCli(['evaluate', xlsx, '--as-of', '2018-03-15']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    // Partner, market (said when assumed), level, TTM revenue, holds-until and its cause, the next step.
    expect(run.stdout).toMatch(/P1\s+Developed \(assumed\)\s+Gold\s+US\$ 320,000\s+2018-12-31\s+revenue\s+Book US\$ 300,000/);
    expect(run.stdout).toMatch(/P2\s+Developed \(assumed\)\s+Silver\s+US\$ 120,000\s+2018-05-31 \(at risk\)\s+revenue\s+Book US\$ 100,000/);
    expect(run.stdout).toMatch(/P3\s+Developed \(assumed\)\s+None/);
    expect(run.stdout).toContain('1 Gold, 1 Silver, 1 none; 1 at risk');
    // The table fits 100 columns (no COLUMNS here); long cells end in "…".
    const table = run.stdout.split('\n').filter((l) => /^(Partner|P\d)\s/.test(l));
    expect(table).toHaveLength(4);
    expect(Math.max(...table.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(table[1]).toMatch(/…$/);
    const wide = await runCli(['evaluate', xlsx, '--as-of', '2018-03-15', '--wide']);
    expect(wide.stdout).toMatch(/P2 .*Book US\$ 100,000 of DPOR revenue by 30 Jun 2018 to keep Silver\s+Gold: US\$ 180,000 revenue/);
  });

  test('speaks the --locale language and reads its number conventions', async () => {
    const run = await runCli(['evaluate', xlsx, '--as-of', '2018-03-15', '--locale', 'pt-BR']);
    expect(run.stdout).toMatch(/P2\s+Desenvolvido \(presumido\)\s+Silver\s+US\$ 120\.000\s+2018-05-31 \(em risco\)/);
  });

  test('evaluates CSV and TSV files, each recognised by its headers', async () => {
    const csv = path.join(dir, 'revenue.csv');
    const tsv = path.join(dir, 'certs.tsv');
    writeFileSync(csv, REVENUE.map((r) => r.map((c) => (typeof c === 'number' ? `"$${c.toLocaleString('en-US')}.00"` : c)).join(',')).join('\n'));
    writeFileSync(tsv, CERTS.map((r) => r.join('\t')).join('\n'));
    const run = await runCli(['evaluate', tsv, csv, '--as-of', '2018-03-15', '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Json).partners.map((p) => p.level)).toEqual(['gold', 'silver', 'none']);
  });

  test('--market sets the market of partners the workbook does not place', async () => {
    const developed = JSON.parse((await runCli(['evaluate', xlsx, '--as-of', '2018-03-15', '--json'])).stdout) as Json;
    const developing = JSON.parse((await runCli(['evaluate', xlsx, '--as-of', '2018-03-15', '--market', 'developing', '--json'])).stdout) as Json;
    // P2's US$120,000 is US$180,000 short of Gold in a developed market, US$30,000 in a developing one.
    expect([developed, developing].map((d) => (d.partners[1] as unknown as { revenueGapUsd: number }).revenueGapUsd)).toEqual([180000, 30000]);
  });

  test('says when no counted row lies in the window, with the latest row\'s date, in the summary and the JSON notes', async () => {
    const run = await runCli(['evaluate', xlsx, '--as-of', '2026-11-23']);
    expect(run.stdout).toContain('No counted row lies in the 12-month window of 2026-11-23 (2025-12-01 to 2026-11-23); the latest row is dated 2018-01-05. Evaluate as of 2018-01-05?');
    expect(run.stdout).toContain('Hint: run again with --as-of 2018-01-05');
    const doc = JSON.parse((await runCli(['evaluate', xlsx, '--as-of', '2026-11-23', '--json'])).stdout) as { notes: { code: string; latest?: string; message: string }[] };
    expect(doc.notes.find((n) => n.code === 'as-of.no-counted-revenue')).toMatchObject({ latest: '2018-01-05', windowStart: '2025-12-01' });
    const inTime = await runCli(['evaluate', xlsx, '--as-of', '2018-03-15']);
    expect(inTime.stdout).not.toContain('--as-of');
  });

  test('--products maps products the catalogue does not know, and overrides it', async () => {
    const rev = path.join(dir, 'billing.csv');
    const certs = path.join(dir, 'certs2.csv');
    const products = path.join(dir, 'products.csv');
    writeFileSync(rev, ['Partner ID,Product,Date,Amount,DPOR', 'P1,Contoso CRM Connector,2018-01-05,60000,Yes', 'P1,CRM Online Basic,2018-01-05,50000,Yes', 'P1,Dynamics CRM Online Professional,2018-01-05,1000,Yes'].join('\n'));
    writeFileSync(certs, CERTS.map((r) => r.join(',')).join('\n'));
    writeFileSync(products, ['My mapping', '', 'Product,Counts', 'contoso crm connector,yes', 'CRM Online Basic,no', 'Widget,maybe'].join('\n'));
    const without = JSON.parse((await runCli(['evaluate', rev, certs, '--as-of', '2018-03-15', '--json'])).stdout) as Json;
    expect(without.partners[0]?.ttmRevenueUsd).toBe(51000);
    expect(without.issues.filter((i) => i.code === 'product.unknown').map((i) => i.cell)).toEqual(['B2']);
    const run = await runCli(['evaluate', rev, certs, '--as-of', '2018-03-15', '--products', products, '--json']);
    const doc = JSON.parse(run.stdout) as Json;
    expect(doc.partners[0]?.ttmRevenueUsd).toBe(61000);
    expect(doc.issues.filter((i) => /^(mapping|product)\./.test(i.code)).map((i) => [i.code, i.cell])).toEqual([['mapping.counts-invalid', 'B6']]);
    const none = await runCli(['evaluate', rev, certs, '--products', certs]);
    expect([none.code, none.stderr]).toEqual([1, expect.stringMatching(/no Products table found/)]);
  });

  test('--rulebook forces a rulebook', async () => {
    const run = await runCli(['evaluate', xlsx, '--as-of', '2018-03-15', '--rulebook', 'cloud-crm-2017-07', '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ rulebook: 'cloud-crm-2017-07' });
  });

  test.each([
    ['a missing file', ['evaluate', 'nope.xlsx'], 1, /nope\.xlsx: no such file/],
    ['a workbook without a revenue table', ['evaluate', 'ONLYCERTS'], 1, /No revenue table found/],
    ['a bad --as-of date', ['evaluate', 'IN', '--as-of', '2018-02-30'], 2, /--as-of "2018-02-30" is not a date/],
    ['an unknown option', ['evaluate', 'IN', '--fast'], 2, /unknown option '--fast'/],
    ['an unknown rulebook', ['evaluate', 'IN', '--rulebook', 'x'], 2, /--rulebook "x" is not one of/],
    ['a bad market', ['evaluate', 'IN', '--market', 'mars'], 2, /invalid/],
    ['no command at all', [], 2, /Usage: competency/],
  ] as const)('exits with a clear line on %s', async (_name, args, code, message) => {
    const onlyCerts = path.join(dir, 'only-certs.xlsx');
    await writeWorkbook(onlyCerts, { Certifications: CERTS });
    const run = await runCli(args.map((a) => (a === 'IN' ? xlsx : a === 'ONLYCERTS' ? onlyCerts : a)));
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  describe('failures in the --locale language, one line each', () => {
    test.each([
      ['a missing file', 'de-DE', ['evaluate', 'nope.csv'], 1, 'competency: nope.csv: Datei oder Verzeichnis nicht gefunden'],
      ['a missing workbook', 'ko-KR', ['evaluate', 'nope.xlsx'], 1, 'competency: nope.xlsx: 해당 파일이나 디렉터리가 없습니다'],
      ['a bad --as-of date', 'de-DE', ['evaluate', 'IN', '--as-of', '2018-02-30'], 2, 'competency: --as-of "2018-02-30" ist kein Datum der Form YYYY-MM-DD'],
      ['a bad --as-of date', 'ko-KR', ['evaluate', 'IN', '--as-of', '2018-02-30'], 2, 'competency: --as-of "2018-02-30"은(는) YYYY-MM-DD 형식의 날짜가 아닙니다'],
      ['--out naming a CSV', 'ko-KR', ['evaluate', 'IN', '--out', 'r.csv'], 2, 'competency: --out r.csv: --out은 Excel 통합 문서(.xlsx)를 기록합니다. 기계가 읽을 수 있는 결과가 필요하면 --json을 사용하세요'],
      ['an empty workbook', 'de-DE', ['evaluate', 'EMPTY'], 1, 'competency: EMPTY: die Datei ist leer, keine .xlsx-Arbeitsmappe'],
      ['a workbook without a revenue table', 'ko-KR', ['evaluate', 'ONLYCERTS'], 1, 'competency: ONLYCERTS: 수익 표를 찾을 수 없음: 머리글 행에 제품, 날짜, 금액 열이 필요합니다'],
      // A language we do not speak cannot be spoken: that line is English.
      ['an unsupported --locale', 'fr-FR', ['evaluate', 'IN'], 2, 'competency: --locale "fr-FR" is not supported (en-US, pt-BR, de-DE, zh-TW, ko-KR, it-IT)'],
    ] as const)('%s (%s)', async (_name, locale, args, code, line) => {
      const onlyCerts = path.join(dir, 'only-certs.xlsx');
      await writeWorkbook(onlyCerts, { Certifications: CERTS });
      const empty = path.join(dir, 'empty.xlsx');
      writeFileSync(empty, '');
      const names: Record<string, string> = { IN: xlsx, ONLYCERTS: onlyCerts, EMPTY: empty };
      const run = await runCli([...args.map((a) => names[a] ?? a), '--locale', locale]);
      expect([run.code, run.stdout]).toEqual([code, '']);
      expect(run.stderr).toBe(`${line.replace(/EMPTY|ONLYCERTS/, (n) => names[n] ?? n)}\n`);
    });

    test.each([
      ['an unknown option', ['evaluate', 'IN', '--fast']],
      ['a market not among the choices', ['evaluate', 'IN', '--market', 'mars']],
      ['a missing input', ['evaluate']],
      ['an option without its value', ['evaluate', 'IN', '--as-of']],
      ['an unknown command (with commander\'s suggestion)', ['evaluat', 'IN']],
      ['a misspelt option (with commander\'s suggestion)', ['evaluate', 'IN', '--jsn']],
    ])('commander\'s own usage error on %s: exit 2, one line', async (_name, args) => {
      const run = await runCli([...args.map((a) => (a === 'IN' ? xlsx : a)), ...(args.includes('--as-of') ? [] : ['--locale', 'de-DE'])]);
      expect([run.code, run.stdout]).toEqual([2, '']);
      expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^error: /)]);
    });
  });

  test('shows progress on stderr for a large file only when stderr is a terminal', async () => {
    const big = path.join(dir, 'progress.xlsx');
    await writeWorkbook(big, { Revenue: [REVENUE[0] as unknown[], ...Array.from({ length: 60_000 }, (_, i) => [`P${i % 50}`, 'CRM Online', '2018-01-05', 10, 'Yes'])], Certifications: CERTS });
    const quiet = await runCli(['evaluate', big, '--as-of', '2018-03-15', '--json']);
    expect(quiet.stderr).toBe('');
    const tty = await runCli(['evaluate', big, '--as-of', '2018-03-15', '--json'], true);
    expect(tty.stderr).toContain('Read 50000 rows');
    expect(JSON.parse(tty.stdout)).toMatchObject({ asOf: '2018-03-15' }); // stdout stays pure JSON
  }, 60_000);

  describe('--out', () => {
    let out1: string;
    let out2: string;
    beforeAll(async () => {
      // A user column right of the revenue table ("Notes"), and an unlabeled one right of the certifications.
      const input = path.join(dir, 'user.xlsx');
      await writeWorkbook(input, {
        Revenue: REVENUE.map((r, i) => [...r, i === 0 ? 'Notes' : `note ${i}`]),
        Certifications: CERTS.map((r, i) => [...r, null, i === 2 ? 'keep me' : null]),
      });
      out1 = path.join(dir, 'out1.xlsx');
      out2 = path.join(dir, 'out2.xlsx');
      expect((await runCli(['evaluate', input, '--as-of', '2018-03-15', '--out', out1])).code).toBe(0);
      expect((await runCli(['evaluate', out1, '--as-of', '2018-03-15', '--out', out2])).code).toBe(0);
    }, 60_000); // two --out runs, the first also loading the writer (imported only for --out)

    test('writes status columns right of each table, or right of the used range where they would touch user data', async () => {
      const wb = await readBack(out1);
      expect(wb.Revenue?.[0]).toEqual([...REVENUE[0] as string[], 'Notes', 'Counted', 'Reason']);
      expect(wb.Revenue?.map((r) => r[6])).toEqual(['Counted', 'Yes', 'Yes', 'No', 'No']);
      expect(wb.Revenue?.map((r) => r[5])).toEqual(['Notes', 'note 1', 'note 2', 'note 3', 'note 4']);
      // Column E of the certifications is empty but F holds "keep me" (with no header): ours never
      // touch a user's column, so they go right of the used range, one empty column apart (H and I).
      expect(wb.Certifications?.[0]?.slice(4)).toEqual([null, null, null, 'Counts as', 'Reason']);
      expect(wb.Certifications?.[2]?.[5]).toBe('keep me');
    });

    test('adds a Competency Status sheet holding an Excel table, and a Competency Issues sheet', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out1);
      const status = wb.getWorksheet('Competency Status');
      expect(status).toBeDefined();
      expect(Object.keys((status as unknown as { tables: Record<string, unknown> }).tables)).toEqual(['CompetencyStatus']);
      expect(wb.getWorksheet('Competency Issues')).toBeDefined();
    });

    test('running --out on its own output gives the same workbook', async () => {
      expect(await readBack(out2)).toEqual(await readBack(out1));
    });

    test('a name that looks like a formula stays text', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out1);
      const cells: unknown[] = [];
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { if (String(c.text).includes('HYPERLINK')) cells.push(c.value); })));
      expect(cells.length).toBeGreaterThanOrEqual(2); // the input cell and the status table's customization column
      expect(cells).toContain(NAME_FORMULA);
      for (const v of cells) expect(typeof v).toBe('string'); // never a { formula } cell
    });

    test('LibreOffice opens the workbook and shows the status values we claim', () => {
      const csv = libreOfficeCsv(out1);
      const status = (csv['Competency Status'] ?? '').trim().split('\n');
      expect(status[0]).toMatch(/^Partner ID,Name,Market,As of,Rulebook,Level,At risk,Holds until,Next step,TTM revenue \(US\$\)/);
      expect(status.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
        'P1,,Developed,2018-03-15,cloud-crm-2017-11,Gold', 'P2,,Developed,2018-03-15,cloud-crm-2017-11,Silver', 'P3,,Developed,2018-03-15,cloud-crm-2017-11,None',
      ]);
      expect(csv.Revenue).toContain('Product not eligible under cloud-crm-2017-11');
      // The formula-looking name is shown as typed, not evaluated to "y".
      expect(csv.Certifications).toContain('"=HYPERLINK(""http://x"",""y"")"');
      expect(csv['Competency Issues']?.split('\n')[0]).toBe('Partner,Severity,Table,Sheet,Row,Column,Cell,Code,Message');
    });

    test('adds a Competency Timeline sheet, by default a row per partner and measure with the months as columns, that LibreOffice reads back', async () => {
      const rows = (await readBack(out1))['Competency Timeline'] ?? [];
      const months = Array.from({ length: 37 }, (_, i) => `${2016 + Math.floor((i + 2) / 12)}-${String(((i + 2) % 12) + 1).padStart(2, '0')}`);
      expect(rows[0]).toEqual(['Partner ID', 'Name', 'Measure', ...months, 'Silver threshold (US$)', 'Gold threshold (US$)']);
      expect(rows).toHaveLength(1 + 3 * 2);
      const [ttm, level] = rows.filter((r) => r[0] === 'P1');
      const at = (month: string): number => 3 + months.indexOf(month);
      expect([ttm?.[2], ttm?.[at('2017-12')], ttm?.[at('2018-03')], ...(ttm ?? []).slice(-2)]).toEqual(['TTM revenue (US$)', 0, 320000, 100000, 300000]);
      expect([level?.[2], level?.[at('2017-12')], level?.[at('2018-03')], level?.[at('2019-01')]]).toEqual(['Level', 'None', 'Gold', 'None']);
      const sheet = strFromU8(unzipSync(readFileSync(out1))['xl/worksheets/sheet5.xml'] as Uint8Array);
      // The partner, name and measure stay in view while the months scroll; Gold and Silver are coloured.
      expect(sheet).toContain('<pane xSplit="3" ySplit="1" topLeftCell="D2" activePane="bottomRight" state="frozen"/>');
      expect(sheet).toMatch(/<conditionalFormatting sqref="D2:AN7"><cfRule type="cellIs" dxfId="\d+" priority="1" operator="equal"><formula>&quot;Gold&quot;<\/formula><\/cfRule>/);
      const csv = (libreOfficeCsv(out1)['Competency Timeline'] ?? '').split('\n');
      expect(csv[0]).toBe(`Partner ID,Name,Measure,${months.join(',')},Silver threshold (US$),Gold threshold (US$)`);
      expect(csv.find((l) => l.startsWith('P1,,Level,'))).toContain(',Gold,');
    }, 60_000);

    test('--timeline long keeps one row per partner and month, for pivot tables; a re-run in either layout replaces the sheet', async () => {
      const long = path.join(dir, 'long.xlsx');
      expect((await runCli(['evaluate', out1, '--as-of', '2018-03-15', '--out', long, '--timeline', 'long'])).code).toBe(0);
      const rows = (await readBack(long))['Competency Timeline'] ?? [];
      expect(rows[0]?.slice(0, 8)).toEqual(['Partner ID', 'Name', 'Month', 'TTM revenue (US$)', 'Silver threshold (US$)', 'Gold threshold (US$)', 'Level', 'Kind']);
      expect(rows).toHaveLength(1 + 3 * 37);
      const p1 = rows.filter((r) => r[0] === 'P1');
      expect(p1.map((r) => r[2])).toEqual(Array.from({ length: 37 }, (_, i) => `${2016 + Math.floor((i + 2) / 12)}-${String(((i + 2) % 12) + 1).padStart(2, '0')}`));
      expect(p1.find((r) => r[2] === '2017-12')?.slice(3, 8)).toEqual([0, 100000, 300000, 'None', 'Past']);
      expect(p1.find((r) => r[2] === '2018-03')?.slice(3, 8)).toEqual([320000, 100000, 300000, 'Gold', 'As of']);
      expect(p1.find((r) => r[2] === '2019-01')?.slice(6, 8)).toEqual(['None', 'Forecast']);
      expect(String(p1.find((r) => r[2] === '2019-01')?.[14])).toContain('leaves the window on 2019-01-01');
      const csv = (libreOfficeCsv(long)['Competency Timeline'] ?? '').split('\n');
      expect(csv[0]).toMatch(/^Partner ID,Name,Month,TTM revenue \(US\$\),Silver threshold \(US\$\),Gold threshold \(US\$\),Level,Kind,Date/);
      expect(csv.find((l) => l.startsWith('P1,,2018-03,'))).toMatch(/,Gold,As of,2018-03-15,cloud-crm-2017-11,/);
      const wide = path.join(dir, 'wide-again.xlsx');
      expect((await runCli(['evaluate', long, '--as-of', '2018-03-15', '--out', wide])).code).toBe(0);
      // The same cells as a wide run on a wide output (the shared strings keep the long run's texts).
      expect(await readBack(wide)).toEqual(await readBack(out2));
    }, 60_000);

    test('a re-run on its own output writes the same bytes', async () => {
      const again = path.join(dir, 'out3.xlsx');
      expect((await runCli(['evaluate', out2, '--as-of', '2018-03-15', '--out', again])).code).toBe(0);
      expect(readFileSync(again).equals(readFileSync(out2))).toBe(true);
    });

    test('CSV inputs give a new workbook holding the input tables and the outputs', async () => {
      const csv = path.join(dir, 'rev2.csv');
      writeFileSync(csv, REVENUE.map((r) => r.join(',')).join('\n'));
      const tsv = path.join(dir, 'certs2.tsv');
      writeFileSync(tsv, CERTS.map((r) => r.join('\t')).join('\n'));
      const out = path.join(dir, 'from-csv.xlsx');
      expect((await runCli(['evaluate', csv, tsv, '--as-of', '2018-03-15', '--out', out])).code).toBe(0);
      expect(Object.keys(await readBack(out))).toEqual(['rev2', 'certs2', 'Competency Status', 'Competency Issues', 'Competency Timeline']);
    });
  });
});
