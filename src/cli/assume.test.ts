/** --assume-pass and --assume-revenue: parsing, which partner, and the what-if lines the CLI prints. */
import * as path from 'node:path';
import { runCli, tempDir, writeWorkbook } from '../../test/support/cli';
import { parseAssumptions, resolvePartners } from './assume';

const REVENUE = [
  ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'],
  ['P1', 'CRM Online', '2018-01-05', 120000, 'Yes'],
  ['P2', 'CRM Online', '2017-06-10', 120000, 'Yes'],
];
const CERTS = [
  ['Partner ID', 'Individual', 'Exam', 'Date passed'],
  ['P1', 'Sara Conti', 'MB2-714', '2017-06-01'],
  ['P1', 'Bo', 'MB2-712', '2017-06-01'],
  ['P2', 'Di', 'MB2-713', '2017-06-01'], ['P2', 'Di', 'MB2-706', '2017-06-01'], ['P2', 'Ed', 'MB2-712', '2017-06-01'],
];

describe('parsing', () => {
  test('reads "[partner/]person:exam:date" and "[partner/]YYYY-MM:amount" in US$', () => {
    expect(parseAssumptions(['P1/Sara Conti:MB2-710:2018-03-15', 'ana@contoso.com:mb2 712:2018-04-01'], ['P1/2018-03:25000', '2018-04:-99.5'])).toEqual({
      passes: [
        { partnerId: 'P1', individual: 'Sara Conti', exam: 'MB2-710', date: '2018-03-15' },
        { partnerId: undefined, individual: 'ana@contoso.com', exam: 'mb2 712', date: '2018-04-01' },
      ],
      revenue: [{ partnerId: 'P1', month: '2018-03', amountCents: 2_500_000 }, { partnerId: undefined, month: '2018-04', amountCents: -9950 }],
    });
  });

  test.each([
    [['Sara Conti MB2-710 2018-03-15'], [], /--assume-pass "Sara Conti MB2-710 2018-03-15" is not of the form/],
    [[], ['2018-03=25000'], /--assume-revenue "2018-03=25000" is not of the form "\[partner\/\]YYYY-MM:amount"/],
    [[], ['2018-03:25,000'], /not of the form/],
  ])('rejects %j %j', (passes, revenue, message) => {
    expect(() => parseAssumptions(passes, revenue)).toThrow(message);
  });

  test('a single partner needs no prefix; several do, and the message shows how', () => {
    const raw = { passes: ['Sara:MB2-710:2018-03-15'], revenue: [] };
    expect(resolvePartners(parseAssumptions(raw.passes, []), ['P1'], raw).passes?.[0]?.partnerId).toBe('P1');
    expect(resolvePartners(parseAssumptions(raw.passes, []), [null], raw).passes?.[0]?.partnerId).toBeNull();
    expect(() => resolvePartners(parseAssumptions(raw.passes, []), ['P1', 'P2'], raw)).toThrow('the workbook has 2 partners; say which one, e.g. "P1/Sara:MB2-710:2018-03-15"');
  });
});

describe('competency evaluate with assumptions', () => {
  let xlsx: string;
  beforeAll(async () => {
    xlsx = path.join(tempDir(), 'in.xlsx');
    await writeWorkbook(xlsx, { Revenue: REVENUE, Certifications: CERTS });
  });

  test('prints what a planned pass would do, leaving the real status as it is', async () => {
    const run = await runCli(['evaluate', xlsx, '--as-of', '2018-03-15', '--assume-pass', 'P1/Sara Conti:MB2-710:2018-04-10']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/P1\s+None/);
    expect(run.stdout).toContain('What if (1 assumption, the workbook unchanged):\nP1  None now; Silver from 2018-04-10 until 2018-12-31\n');
  });

  test('--json gives the outlook and the forecast months of each partner touched', async () => {
    const run = await runCli(['evaluate', xlsx, '--as-of', '2018-03-15', '--json', '--assume-revenue', 'P2/2018-06:100000', '--assume-revenue', 'P2/2018-07:100000']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { partners: { partnerId: string; holdsUntil: string }[]; whatIf: { partners: { partnerId: string; level: string; holdsUntil: string | null; forecast: { month: string; ttmRevenueUsd: number }[] }[] } };
    expect(doc.partners.find((p) => p.partnerId === 'P2')?.holdsUntil).toBe('2018-05-31');
    expect(doc.whatIf.partners.map((p) => [p.partnerId, p.level, p.holdsUntil])).toEqual([['P2', 'silver', null]]); // holds past the 12-month horizon
    expect(doc.whatIf.partners[0]?.forecast.find((f) => f.month === '2018-07')?.ttmRevenueUsd).toBe(200_000);
  });

  test.each([
    [['--assume-pass', 'Sara:MB2-710:2018-04-10'], /the workbook has 2 partners; say which one, e\.g\. "P1\/Sara:MB2-710:2018-04-10"/],
    [['--assume-pass', 'P1/Sara:AZ-900:2018-04-10'], /"P1\/Sara:AZ-900:2018-04-10" names an exam that is not a Cloud CRM exam/],
    [['--assume-pass', 'P1/Sara:MB2-710:2018-02-30'], /has a date that is not a real day/],
    [['--assume-pass', 'P9/Sara:MB2-710:2018-04-10'], /names a partner the workbook does not have/],
    [['--assume-revenue', 'P1/2018-13:5'], /has a month that is not of the form YYYY-MM/],
  ])('bad value %j exits 2 with a clear message', async (args, message) => {
    const run = await runCli(['evaluate', xlsx, '--as-of', '2018-03-15', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
