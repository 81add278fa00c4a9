/**
 * Delimited files as they arrive from users' tools, through the whole CLI: European CSVs without
 * --locale, Excel's "Unicode Text" export, Windows-1252 names, the same file twice, impossible
 * years, hostile names in the terminal summary, an unclosed quote.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli, tempDir } from '../support/cli';

interface Json { partners: { partnerId: string; level: string; ttmRevenueUsd: number; slots: { individual: string }[] }[]; issues: { code: string; cell: string; message: string }[] }

const CERTS = [
  ['Partner ID', 'Individual', 'Exam', 'Date passed'],
  ['P2', 'Di', 'MB2-713', '01.06.2017'], ['P2', 'Di', 'MB2-706', '01.06.2017'], ['P2', 'Ed', 'MB2-712', '01.06.2017'],
];
const join = (rows: string[][], sep: string, eol = '\n'): string => rows.map((r) => r.join(sep)).join(eol);

describe('delimited inputs through the CLI', () => {
  let dir: string;
  let certs: string;
  beforeAll(() => {
    dir = tempDir();
    certs = path.join(dir, 'certs.csv');
    writeFileSync(certs, join(CERTS, ';'));
  });
  const run = async (...args: string[]): Promise<{ code: number; doc: Json; stderr: string }> => {
    const r = await runCli(['evaluate', ...args, '--as-of', '2018-03-15', '--json']);
    return { code: r.code, doc: (r.stdout ? JSON.parse(r.stdout) : {}) as Json, stderr: r.stderr };
  };

  test('a European CSV (";", "10.03.2018", "120.000,00") without --locale is read day-first: the partner keeps Silver', async () => {
    const rev = path.join(dir, 'rev-eu.csv');
    // Month-first, 10.03.2018 would be October 3rd, after the as-of date, and P2 would have no level.
    writeFileSync(rev, join([['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P2', 'CRM Online', '10.03.2018', '120.000,00', 'Ja']], ';'));
    const r = await run(rev, certs);
    expect(r.code).toBe(0);
    expect(r.doc.partners.map((p) => [p.partnerId, p.level, p.ttmRevenueUsd])).toEqual([['P2', 'silver', 120000]]);
    expect(r.doc.issues.map((i) => i.code)).not.toContain('date.order-ambiguous');
  });

  test('slashed dates nothing decides are read in the locale order with a warning naming the cell', async () => {
    const rev = path.join(dir, 'rev-slash.csv');
    writeFileSync(rev, join([['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P2', 'CRM Online', '03/02/2018', '120000', 'Yes']], ','));
    const r = await run(rev, certs);
    expect(r.doc.issues.filter((i) => i.code === 'date.order-ambiguous').map((i) => i.cell)).toEqual(['C2']);
    // --locale names the order: no warning then.
    const chosen = JSON.parse((await runCli(['evaluate', rev, certs, '--as-of', '2018-03-15', '--json', '--locale', 'de-DE'])).stdout) as Json;
    expect(chosen.issues.map((i) => i.code)).not.toContain('date.order-ambiguous');
  });

  test('Excel\'s "Unicode Text" export (.txt, UTF-16LE, tabs) is read like any table', async () => {
    const rev = path.join(dir, 'revenue.txt');
    const text = join([['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P2', 'CRM Online', '2018-03-10', '120000', 'Yes']], '\t', '\r\n');
    writeFileSync(rev, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = await run(rev, certs);
    expect([r.code, r.doc.partners[0]?.level]).toEqual([0, 'silver']);
  });

  test('Windows-1252 names survive', async () => {
    const rev = path.join(dir, 'rev.csv');
    writeFileSync(rev, join([['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P2', 'CRM Online', '2018-03-10', '120000', 'Yes']], ','));
    const c = path.join(dir, 'certs-1252.csv');
    writeFileSync(c, Buffer.from(join(CERTS.map((r) => r.map((v) => (v === 'Di' ? 'Jürgen Müller' : v))), ','), 'latin1'));
    const r = await run(rev, c);
    expect(r.doc.partners[0]?.slots.map((s) => s.individual)).toContain('Jürgen Müller');
  });

  test('the same revenue file twice (by name, or a copy) is counted once, with a warning', async () => {
    const rev = path.join(dir, 'rev-60k.csv');
    const copy = path.join(dir, 'rev-60k copy.csv');
    const text = join([['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P2', 'CRM Online', '2018-03-10', '60000', 'Yes']], ',');
    writeFileSync(rev, text);
    writeFileSync(copy, text);
    const r = await run(rev, copy, rev, certs);
    expect(r.doc.partners[0]).toMatchObject({ level: 'none', ttmRevenueUsd: 60000 });
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/read once/);
  });

  test('a year written 0018 is a data issue, not 2018', async () => {
    const rev = path.join(dir, 'rev-0018.csv');
    writeFileSync(rev, join([['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P2', 'CRM Online', '0018-03-10', '120000', 'Yes']], ','));
    const r = await run(rev, certs);
    expect(r.doc.partners[0]?.level).toBe('none');
    expect(r.doc.issues.map((i) => [i.code, i.cell])).toContainEqual(['date.invalid', 'C2']);
  });

  test('escape sequences in names reach the terminal summary defused, and JSON escaped', async () => {
    const rev = path.join(dir, 'rev-esc.csv');
    writeFileSync(rev, join([['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P2\x1b]0;pwned\x07\x1b[2J', 'CRM Online', '2018-03-10', '120000', 'Yes']], ','));
    const summary = await runCli(['evaluate', rev, certs, '--as-of', '2018-03-15', '--wide']); // names in full
    expect(summary.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(summary.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(summary.stdout).toContain('P2?]0;pwned??[2J');
    const json = await runCli(['evaluate', rev, certs, '--as-of', '2018-03-15', '--json']);
    expect(json.stdout).toContain('\\u001b]0;pwned');
  });

  test('an unclosed quote is one line and exit 1', async () => {
    const rev = path.join(dir, 'rev-quote.csv');
    writeFileSync(rev, 'Partner ID,Product,Date,Amount (USD),DPOR\nP2,"CRM Online,2018-03-10,120000,Yes\n');
    const r = await runCli(['evaluate', rev, certs]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(`competency: ${rev}: the quoted field opened on line 2 is never closed; add the closing " and try again\n`);
  });
});
