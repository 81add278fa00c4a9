/** --assume-pass and --assume-revenue: parsing, which partner, and the what-if lines the CLI prints. */
import * as path from 'node:path';
import { LOCALES, t } from '../i18n';
import { runCli, tempDir, writeWorkbook } from '../../test/support/cli';
import { parseAssumptions, resolvePartners } from './assume';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-distributor.xlsx');

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

  test.each([
    ['00123/Sara:MB2-710:2018-03-15', '123'],
    ['123/Sara:MB2-710:2018-03-15', '123'],
    [' p1 /Sara:MB2-710:2018-03-15', 'P1'],
    ['P1/Sara:MB2-710:2018-03-15', 'P1'],
  ])('a prefix names the partner as --partner matches it: %j is %j', (pass, partner) => {
    const raw = { passes: [pass], revenue: ['00123/2018-03:100'] };
    const resolved = resolvePartners(parseAssumptions(raw.passes, raw.revenue), ['P1', '123', 'p2'], raw);
    expect(resolved.passes?.[0]?.partnerId).toBe(partner);
    expect(resolved.revenue?.[0]?.partnerId).toBe('123');
  });

  test('a prefix matching no partner is still refused', () => {
    const raw = { passes: ['0124/Sara:MB2-710:2018-03-15'], revenue: [] };
    expect(() => resolvePartners(parseAssumptions(raw.passes, []), ['P1', '123'], raw)).toThrow(/0124\/Sara/);
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

describe('--assume-pass on a workbook of ten partners (the sample as of 2018-06-30)', () => {
  const run = (pass: string, ...more: string[]): ReturnType<typeof runCli> => runCli(['evaluate', SAMPLE, '--as-of', '2018-06-30', '--json', '--assume-pass', pass, ...more]);
  interface WhatIfDoc { whatIf: { assumptions: { passes: { partnerId: string; individual: string }[] }; partners: { partnerId: string; level: string; rises: unknown }[] } }

  test('a person of exactly one partner needs no prefix: the pass is theirs', async () => {
    const r = await run('Min-jun Kim:MB2-710:2018-07-15');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const doc = JSON.parse(r.stdout) as WhatIfDoc;
    expect(doc.whatIf.assumptions.passes).toEqual([expect.objectContaining({ partnerId: '1005', individual: 'Min-jun Kim' })]);
    // The same answer as with the prefix written out.
    const prefixed = JSON.parse((await run('1005/Min-jun Kim:MB2-710:2018-07-15')).stdout) as WhatIfDoc;
    expect(doc.whatIf.partners).toEqual(prefixed.whatIf.partners);
  });

  test('any case and spacing of the name will do', async () => {
    const r = await run('  min-jun KIM :MB2-710:2018-07-15');
    expect((JSON.parse(r.stdout) as WhatIfDoc).whatIf.assumptions.passes[0]?.partnerId).toBe('1005');
  });

  test('a person of no partner still needs the prefix (a new person cannot be placed)', async () => {
    const r = await run('Minjun Kim:MB2-710:2018-07-15');
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('the workbook has 10 partners; say which one, e.g. "1001/Minjun Kim:MB2-710:2018-07-15"');
  });

  test('a misspelt person of the partner named is a new person, with a warning naming the nearest name; stdout stays JSON', async () => {
    const r = await run('1005/Minjun Kim:MB2-710:2018-07-15');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('competency: warning: --assume-pass "1005/Minjun Kim:MB2-710:2018-07-15": no one called Minjun Kim in the certifications of 1005; treated as a new person; did you mean Min-jun Kim?\n');
    expect((JSON.parse(r.stdout) as WhatIfDoc).whatIf.assumptions.passes[0]?.individual).toBe('Minjun Kim');
  });

  test('a planned hire (no one near) is a new person with a warning and no suggestion', async () => {
    const r = await run('1005/Dana Whitfield:MB2-710:2018-07-15');
    expect([r.code, r.stderr]).toEqual([0, 'competency: warning: --assume-pass "1005/Dana Whitfield:MB2-710:2018-07-15": no one called Dana Whitfield in the certifications of 1005; treated as a new person\n']);
  });

  test.each(LOCALES)('the warning in %s', async (locale) => {
    const value = '1005/Minjun Kim:MB2-710:2018-07-15';
    const r = await run(value, '--locale', locale);
    const warning = t(locale, 'cli.warning.newPersonNear', { flag: '--assume-pass', value, person: 'Minjun Kim', partner: '1005', nearest: 'Min-jun Kim' });
    expect(r.stderr).toBe(`competency: ${t(locale, 'cli.warning', { message: warning })}\n`);
    expect(warning).toContain('Min-jun Kim');
    if (locale !== 'en-US') expect(warning).not.toBe(t('en-US', 'cli.warning.newPersonNear', { flag: '--assume-pass', value, person: 'Minjun Kim', partner: '1005', nearest: 'Min-jun Kim' }));
  });
});

describe('a person of several partners', () => {
  test('is refused without a prefix, naming the partners (exit 2)', async () => {
    const xlsx = path.join(tempDir(), 'two.xlsx');
    await writeWorkbook(xlsx, { Revenue: REVENUE, Certifications: [...CERTS, ['P2', 'Sara Conti', 'MB2-712', '2017-06-01']] });
    const r = await runCli(['evaluate', xlsx, '--as-of', '2018-03-15', '--assume-pass', 'Sara Conti:MB2-710:2018-04-10']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('competency: --assume-pass "Sara Conti:MB2-710:2018-04-10": Sara Conti is in the certifications of partners P1, P2; say which one, e.g. "P1/Sara Conti:MB2-710:2018-04-10"\n');
    expect((await runCli(['evaluate', xlsx, '--as-of', '2018-03-15', '--assume-pass', 'P2/Sara Conti:MB2-710:2018-04-10'])).code).toBe(0);
  });
});
