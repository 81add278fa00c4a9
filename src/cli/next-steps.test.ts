import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { runCli } from '../../test/support/cli';
import { SCHEMA_FILE } from '../../test/support/json-schema';
import { openRun, tableOf } from '../sheets';
import { readInputs } from './files';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-distributor.xlsx');

interface Step { kind: string; level: string; until?: string; cause?: string; revenue?: { month: string; by: string; totalUsd: number }[]; revenueUsd?: number; exams: { person: string; exams: { role: string; anyOf: string[] }[]; by?: string }[]; text: string }
interface Doc { partners: { partnerId: string; nextStep: string; nextSteps: Step[] }[]; issues: { cell: string | null; partnerId: string | null }[] }

describe('next steps of the sample distributor as of 2018-06-30 (--json, which runCli checks against the schema)', () => {
  let doc: Doc;
  beforeAll(async () => {
    const run = await runCli(['evaluate', SAMPLE, '--as-of', '2018-06-30', '--json']);
    expect(run.code).toBe(0);
    doc = JSON.parse(run.stdout) as Doc;
  });
  const partner = (id: string): Doc['partners'][number] => doc.partners.find((p) => p.partnerId === id) as Doc['partners'][number];

  test('Tailspin (1004) keeps Silver with US$ 23,000 of counted revenue by 2018-08-31, then more by each later month-end', () => {
    const [keep] = partner('1004').nextSteps;
    expect(keep).toMatchObject({ kind: 'keep', level: 'silver', until: '2018-07-31', cause: 'revenue', exams: [] });
    expect(keep?.revenue?.[0]).toEqual({ month: '2018-08', by: '2018-08-31', totalUsd: 23_000 });
    expect(keep?.revenue?.[1]?.totalUsd).toBeGreaterThan(23_000);
    expect(partner('1004').nextStep).toBe('Book US$ 23,000 of DPOR revenue by 31 Aug 2018 to keep Silver');
  });

  test('Litware (1007) loses Silver on 2018-12-31 when MB2-709 stops counting: who refills the slot, by when', () => {
    const [keep] = partner('1007').nextSteps;
    expect(keep).toMatchObject({ kind: 'keep', level: 'silver', until: '2018-12-31', cause: 'exams' });
    expect(keep?.exams).toHaveLength(1);
    expect(keep?.exams[0]).toMatchObject({ by: '2018-12-31', exams: [{ role: 'application' }] });
    expect(keep?.exams[0]?.exams[0]?.anyOf).not.toContain('MB2-709');
    expect(partner('1007').nextStep).toMatch(/^\S.* passes an application exam \(MB2-714, .*\) by 31 Dec 2018 to keep Silver$/);
  });

  test('Contoso (1001) at Gold has a keep step, and partners below Gold a reach step with the revenue gap in US$', () => {
    expect(partner('1001').nextSteps.map((s) => s.kind)).toEqual(['keep']);
    expect(partner('1006').nextSteps).toEqual([expect.objectContaining({ kind: 'reach', level: 'silver', revenueUsd: 39_100, exams: [] })]);
    expect(partner('1005').nextStep).toBe('Min-jun Kim passes a deployment exam (MB2-710, MB2-706, MB2-715) to reach Silver');
  });

  test('every partner has a next step sentence', () => {
    for (const p of doc.partners) expect(p.nextStep).not.toBe('');
  });

  test('data issues of dropped rows belong to the partner their row names (partnerId in the JSON)', () => {
    expect(doc.issues.filter((i) => i.cell === 'E424' || i.cell === 'D425').map((i) => [i.cell, i.partnerId])).toEqual([['E424', '1003'], ['D425', '1005']]);
  });
});

describe('the sample\'s Competency Issues sheet and status rows', () => {
  test('the Issues sheet has a Partner column, and a partner\'s status row counts the issues of its dropped rows', async () => {
    const { workbook } = await readInputs([SAMPLE]);
    const run = openRun(workbook, { locale: 'en-US', asOf: '2018-06-30', timeline: false });
    const [status, issues] = run.outputs().tables.map(tableOf);
    if (!status || !issues) throw new Error('no status or issues table');
    expect(issues.columns[0]?.header).toBe('Partner');
    const cellOf = issues.columns.findIndex((c) => c.key === 'cell');
    const e424 = issues.rows.find((r) => typeof r[cellOf] === 'object' && r[cellOf] !== null && 'text' in (r[cellOf] as object) && (r[cellOf] as { text: string }).text === 'Revenue!E424');
    expect(e424?.[0]).toBe('1003');
    const countOf = status.columns.findIndex((c) => c.key === 'issues');
    expect(status.rows.find((r) => r[0] === '1003')?.[countOf]).toBe('1 error, 0 warnings');
    const nextOf = status.columns.findIndex((c) => c.key === 'nextStep');
    expect(status.rows.find((r) => r[0] === '1004')?.[nextOf]).toBe('Book US$ 23,000 of DPOR revenue by 31 Aug 2018 to keep Silver');
  });
});

describe('docs/competency.schema.json', () => {
  const validate = new Ajv({ strict: true }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  const minimal = { asOf: '2018-06-30', rulebook: 'cloud-crm-2017-11', partners: [], notes: [], issues: [] };

  test('accepts an empty evaluation and refuses fields it does not describe (money without its unit in the name)', () => {
    expect(validate(minimal)).toBe(true);
    expect(validate({ ...minimal, ttmRevenue: 5 })).toBe(false);
    expect(validate({ ...minimal, issues: [{ severity: 'error', table: null, sheet: null, row: null, column: null, cell: null, code: 'x', message: 'm' }] })).toBe(false);
  });

  test('ships with the package', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toEqual(expect.arrayContaining(['docs/competency.schema.json', 'docs/rules.md', 'assets/sample-distributor.xlsx']));
  });
});
