/**
 * Files shaped like real exports (test/support/corpus.ts), through the CLI and through sheets:
 * the levels a correct reading gives, and the unknown products with their rows and revenue.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { openRun, type Cell } from '../../src/sheets';
import { runCli, tempDir, writeWorkbook } from '../support/cli';
import {
  distributorBillingSheets, europeanRevenueCsv, europeanTrainingCsv, insightsRevenueCsv, insightsTrainingCsv, makeCorpus, type Corpus,
} from '../support/corpus';

interface Json {
  partners: { partnerId: string; level: string; ttmRevenueUsd: number }[];
  issues: { severity: string; code: string; message: string; sheet: string | null; cell: string | null; row: number | null }[];
}

const levels = (c: Corpus): [string, string, number][] =>
  Object.entries(c.expected.partners).map(([id, p]) => [id, p.level, p.ttmCents / 100]);
const unknownWarnings = (c: Corpus): [string, number][] =>
  Object.entries(c.expected.unknown).map(([name, u]) => [name, u.rows]);

describe.each([[7, 6], [2018, 9]])('a corpus (seed %i, %i resellers)', (seed, resellers) => {
  const corpus = makeCorpus(seed, resellers);
  let dir: string;
  beforeAll(() => { dir = tempDir(); });

  const check = (doc: Json): void => {
    expect(doc.partners.map((p) => [p.partnerId, p.level, p.ttmRevenueUsd])).toEqual(levels(corpus));
    const unknown = doc.issues.filter((i) => i.code === 'product.unknown');
    expect(unknown.every((i) => i.severity === 'warning' && i.cell !== null)).toBe(true);
    expect(unknown.map((i) => [/"(.*)"/.exec(i.message)?.[1], Number(/(\d+) row/.exec(i.message)?.[1])])).toEqual(unknownWarnings(corpus));
    // The amount on each: "US$ 2,000.50 (".
    for (const [name, u] of Object.entries(corpus.expected.unknown)) {
      const issue = unknown.find((i) => i.message.includes(`"${name}"`));
      expect(issue?.message).toContain(`US$ ${(u.cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} (`);
    }
  };

  test('Partner Center Insights revenue and training downloads', async () => {
    const rev = path.join(dir, 'insights-revenue.csv'), train = path.join(dir, 'insights-training.csv');
    writeFileSync(rev, insightsRevenueCsv(corpus));
    writeFileSync(train, insightsTrainingCsv(corpus));
    const run = await runCli(['evaluate', rev, train, '--as-of', corpus.asOf, '--market', 'developed', '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as Json;
    check(doc);
    expect(doc.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('a distributor billing workbook with SKU names, a title and a total row', async () => {
    const file = path.join(dir, 'billing.xlsx');
    const sheets = distributorBillingSheets(corpus);
    await writeWorkbook(file, Object.fromEntries(sheets.map((s) => [s.name, s.values])));
    const doc = JSON.parse((await runCli(['evaluate', file, '--as-of', corpus.asOf, '--market', 'developed', '--json'])).stdout) as Json;
    check(doc);
    // The total row below the table is not data and harms nothing: no error (its status column says what it is).
    expect(doc.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // The same cells through sheets, as the task pane reads them.
    const run = openRun({ sheets: sheets.map((s) => ({ name: s.name, values: s.values as Cell[][] })) }, { locale: 'en-US', asOf: corpus.asOf, defaultMarket: 'developed' });
    expect(run.evaluation.partners.map((p) => [p.partnerId, p.level, p.ttmRevenueCents / 100])).toEqual(levels(corpus));
  });

  test.each([[['--locale', 'de-DE']], [[]]])('European CSVs: semicolons, decimal commas, day-first dates (%p)', async (flags) => {
    const rev = path.join(dir, 'umsatz.csv'), train = path.join(dir, 'pruefungen.csv');
    writeFileSync(rev, europeanRevenueCsv(corpus));
    writeFileSync(train, europeanTrainingCsv(corpus));
    // Without --locale the file's own conventions decide (day-first dates, decimal commas).
    const doc = JSON.parse((await runCli(['evaluate', rev, train, '--as-of', corpus.asOf, '--market', 'developed', ...flags, '--json'])).stdout) as Json;
    expect(doc.partners.map((p) => [p.partnerId, p.level, p.ttmRevenueUsd])).toEqual(levels(corpus));
    const unknown = doc.issues.filter((i) => i.code === 'product.unknown');
    expect(unknown.map((i) => /"(.*)"/.exec(i.message)?.[1])).toEqual(Object.keys(corpus.expected.unknown));
    expect(doc.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('a Products table maps the unknown products, and then no warning is left', async () => {
    const rev = path.join(dir, 'insights-revenue2.csv'), train = path.join(dir, 'insights-training2.csv'), map = path.join(dir, 'products.csv');
    writeFileSync(rev, insightsRevenueCsv(corpus));
    writeFileSync(train, insightsTrainingCsv(corpus));
    writeFileSync(map, ['Product,Counts', ...Object.keys(corpus.expected.unknown).map((n) => `"${n}",no`)].join('\n'));
    const doc = JSON.parse((await runCli(['evaluate', rev, train, '--as-of', corpus.asOf, '--market', 'developed', '--products', map, '--json'])).stdout) as Json;
    expect(doc.issues.filter((i) => i.code === 'product.unknown')).toEqual([]);
    expect(doc.partners.map((p) => [p.partnerId, p.level, p.ttmRevenueUsd])).toEqual(levels(corpus));
  });
});
