import fc from 'fast-check';
import {
  CertificationColumnsBuilder, certificationColumns, checkAssumptions, dayFromIso, evaluate, matchIndividuals, passDateInMonth, revenueColumns, whatIf, withAssumptions,
  type Assumptions, type CertificationRecord, type EvaluationInput, type RevenueRecord,
} from './index';
import { appDep, cust, pass, rev } from '../../test/support/records';

const DAY_MS = 864e5;
const isoOf = (utcMs: number): string => new Date(utcMs).toISOString().slice(0, 10);
const dayBetween = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: Date.parse(from) / DAY_MS, max: Date.parse(to) / DAY_MS }).map((d) => isoOf(d * DAY_MS));
const PARTNERS = ['P1', 'P2'];
const PEOPLE = ['Ana Souza', 'ana souza', 'Bo', 'Sara Conti'];
const EXAMS = ['MB2-714', 'MB2-710', 'MB2-712', 'MB2-709', 'MB2 716'];
const revenueRow: fc.Arbitrary<RevenueRecord> = fc.record({
  partnerId: fc.constantFrom(...PARTNERS), product: fc.constantFrom('CRM Online', 'Azure', 'Dynamics 365 Customer Engagement'),
  date: dayBetween('2016-06-01', '2019-06-30'), amountCents: fc.integer({ min: -1_000_000, max: 20_000_000 }), attribution: fc.constantFrom('DPOR', 'CPOR', undefined),
});
const certRow: fc.Arbitrary<CertificationRecord> = fc.record({
  partnerId: fc.constantFrom(...PARTNERS), individual: fc.constantFrom(...PEOPLE), exam: fc.constantFrom(...EXAMS),
  datePassed: dayBetween('2016-06-01', '2019-06-30'), active: fc.constantFrom(true, false, undefined),
});
const assumptionsArb: fc.Arbitrary<Assumptions> = fc.record({
  passes: fc.array(fc.record({ partnerId: fc.constantFrom(...PARTNERS), individual: fc.constantFrom(...PEOPLE, 'New person 1'), exam: fc.constantFrom(...EXAMS), date: dayBetween('2017-01-01', '2019-06-30') }), { maxLength: 4 }),
  revenue: fc.array(fc.record({ partnerId: fc.constantFrom(...PARTNERS), month: dayBetween('2017-01-01', '2019-06-30').map((d) => d.slice(0, 7)), amountCents: fc.integer({ min: -1_000_000, max: 30_000_000 }) }), { maxLength: 4 }),
});
const inputArb = fc.record({ asOf: dayBetween('2017-06-01', '2019-01-31'), revenue: fc.array(revenueRow, { maxLength: 25 }), certifications: fc.array(certRow, { maxLength: 20 }) });

test('assumptions become the same rows whether the input is records or columns, and the input is never changed', () => {
  fc.assert(fc.property(inputArb, assumptionsArb, ({ asOf, revenue, certifications }, assumptions) => {
    const cols = { revenue: revenueColumns(revenue), certifications: certificationColumns(certifications) };
    const before = JSON.stringify({ r: Array.from(cols.revenue.amountCents), p: cols.revenue.partnerIds, c: Array.from(cols.certifications.individual), k: cols.certifications.individualKeys, revenue, certifications });
    const fromRecords = evaluate(withAssumptions({ asOf, revenue, certifications }, assumptions));
    const fromColumns = evaluate(withAssumptions({ asOf, ...cols }, assumptions));
    expect(fromColumns.partners).toEqual(fromRecords.partners);
    expect(Array.from(fromColumns.certificationReasons)).toEqual(Array.from(fromRecords.certificationReasons));
    expect(JSON.stringify({ r: Array.from(cols.revenue.amountCents), p: cols.revenue.partnerIds, c: Array.from(cols.certifications.individual), k: cols.certifications.individualKeys, revenue, certifications })).toBe(before);
  }), { numRuns: 100 });
});

test('assumed rows come after the input\'s own, so the input rows keep their reasons', () => {
  const input: EvaluationInput = { asOf: '2018-03-15', revenue: [rev('2018-01-10', 50_000)], certifications: [pass('Ana', 'MB2-714', '2017-09-01')] };
  const a = evaluate(input), b = evaluate(withAssumptions(input, { passes: [{ individual: 'ana', exam: 'MB2-710', date: '2018-02-01' }], revenue: [{ month: '2018-02', amountCents: 60_000_00 }] }));
  expect(b.revenueReasons[0]).toBe(a.revenueReasons[0]);
  expect(b.revenueReasons).toHaveLength(2);
  expect(b.partners[0]?.ttmRevenueCents).toBe(110_000_00);
  expect(b.partners[0]?.qualified.applicationDeployment).toBe(1); // "ana" is Ana: one person with both exams
});

describe('checkAssumptions', () => {
  test.each<[string, Assumptions, string[]]>([
    ['a usable pass and revenue', { passes: [{ individual: 'Sara Conti', exam: 'mb2 710', date: '2018-03-01' }], revenue: [{ month: '2018-03', amountCents: 100 }] }, []],
    ['an exam title is an exam', { passes: [{ individual: 'Sara', exam: 'Microsoft Dynamics 365 Customization and Configuration', date: '2018-03-01' }] }, []],
    ['an empty person', { passes: [{ individual: '  ', exam: 'MB2-710', date: '2018-03-01' }] }, ['pass 0 individual.empty']],
    ['an exam that is not a Cloud CRM exam', { passes: [{ individual: 'Sara', exam: 'AZ-900', date: '2018-03-01' }] }, ['pass 0 exam.unknown']],
    ['a day that does not exist', { passes: [{ individual: 'Sara', exam: 'MB2-710', date: '2018-02-30' }] }, ['pass 0 date.invalid']],
    ['a month that is not YYYY-MM', { revenue: [{ month: '2018-13', amountCents: 1 }, { month: 'March', amountCents: 1 }] }, ['revenue 0 month.invalid', 'revenue 1 month.invalid']],
    ['an amount that is not a number', { revenue: [{ month: '2018-03', amountCents: Number.NaN }, { month: '2018-03', amountCents: Infinity }] }, ['revenue 0 amount.invalid', 'revenue 1 amount.invalid']],
  ])('%s', (_name, assumptions, expected) => {
    expect(checkAssumptions(assumptions).map((p) => `${p.kind} ${p.index} ${p.code}`)).toEqual(expected);
  });

  test('a partner the workbook does not have is a problem, not a new partner', () => {
    const problems = checkAssumptions({ passes: [{ partnerId: 'P9', individual: 'Sara', exam: 'MB2-710', date: '2018-03-01' }], revenue: [{ partnerId: 'P1', month: '2018-03', amountCents: 1 }] }, { partnerIds: ['P1', 'P2'] });
    expect(problems).toEqual([{ kind: 'pass', index: 0, code: 'partner.unknown' }]);
  });
});

describe('whatIf', () => {
  const input: EvaluationInput = {
    asOf: '2018-02-15',
    revenue: [rev('2018-01-10', 120_000)],
    certifications: [pass('Sara Conti', 'MB2-714', '2017-09-01'), ...cust('Bruno Lima')],
  };

  test('a planned exam pass in March raises the forecast from March, and the real evaluation is unchanged', () => {
    const real = whatIf(input, {}).partners[0];
    const planned = whatIf(input, { passes: [{ individual: 'Sara Conti', exam: 'MB2-710', date: passDateInMonth('2018-03', input.asOf) as string }] }).partners[0];
    expect(real?.outlook).toEqual({ level: 'none', holdsUntil: null, holdsUntilCause: null, rises: null });
    expect(planned?.outlook.rises).toEqual({ level: 'silver', from: '2018-03-01', holdsUntil: '2018-12-31' });
    expect(planned?.points.find((p) => p.month === '2018-03')?.level).toBe('silver');
    expect(real?.points.find((p) => p.month === '2018-03')?.level).toBe('none');
    expect(evaluate(input).partners[0]?.level).toBe('none');
  });

  test('expected revenue keeps a level past the day it would have ended', () => {
    const silver = { ...input, certifications: [...appDep('Sara Conti'), ...cust('Bruno Lima')] };
    expect(whatIf(silver, {}).partners[0]?.outlook.holdsUntil).toBe('2018-12-31');
    expect(whatIf(silver, { revenue: [{ month: '2018-12', amountCents: 100_000_00 }] }).partners[0]?.outlook).toMatchObject({ level: 'silver', holdsUntil: null });
  });

  test('expected revenue counts even when the user\'s product mapping says a catalogue product does not', () => {
    const mapped = { ...input, productMapping: [{ product: 'CRM Online', counts: false }] };
    const t = whatIf(mapped, { revenue: [{ month: '2018-03', amountCents: 100_000_00 }] }).partners[0];
    expect(t?.points.find((p) => p.month === '2018-03')?.ttmRevenueCents).toBe(100_000_00);
  });

  test('a person typed by name is the person the table keys by e-mail', () => {
    const b = new CertificationColumnsBuilder();
    const d = (iso: string): number => dayFromIso(iso) as number;
    b.add('P1', 'sara@contoso.com', 'MB2-714', d('2017-09-01'), true, 'Sara Conti');
    b.add('P1', 'bruno@contoso.com', 'MB2-712', d('2017-09-01'), true, 'Bruno Lima');
    const byMail: EvaluationInput = { asOf: '2018-02-15', revenue: [rev('2018-01-10', 120_000, { partnerId: 'P1' })], certifications: b.build() };
    const assumption = { passes: [{ partnerId: 'P1', individual: 'sara conti', exam: 'MB2-710', date: '2018-03-01' }] };
    expect(matchIndividuals(assumption, byMail.certifications).passes?.[0]?.individual).toBe('sara@contoso.com');
    expect(whatIf(byMail, assumption).partners[0]?.outlook.rises).toMatchObject({ level: 'silver', from: '2018-03-01' });
    expect(evaluate(withAssumptions({ ...byMail, asOf: '2018-03-15' }, assumption)).partners[0]?.level).toBe('silver');
  });

  test('a pass this month is dated today; a later month from its first day', () => {
    expect(passDateInMonth('2018-02', '2018-02-15')).toBe('2018-02-15');
    expect(passDateInMonth('2018-04', '2018-02-15')).toBe('2018-04-01');
    expect(passDateInMonth('2018-4', '2018-02-15')).toBeUndefined();
  });
});
