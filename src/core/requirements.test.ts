/** Requirement results: what each level requires, what the partner has, and whether it is met. */
import { evaluate, requirementList, type PartnerStatus } from './index';
import { appDep, cust, pass, rev } from '../../test/support/records';

const T = '2018-03-15';
const statusOf = (revenueUsd: number, certifications: Parameters<typeof evaluate>[0]['certifications']): PartnerStatus =>
  evaluate({ asOf: T, revenue: revenueUsd > 0 ? [rev('2018-01-10', revenueUsd)] : [], certifications, defaultMarket: 'developed' }).partners[0] as PartnerStatus;
const summary = (p: PartnerStatus, level: 'silver' | 'gold'): string[] =>
  requirementList(p.requirements[level]).map((r) => `${r.id} ${r.actual}/${r.required} ${r.met ? 'met' : 'not met'}`);

describe('requirement results per level', () => {
  test('revenue is compared in cents with the market threshold of each level', () => {
    const p = statusOf(120_000, []);
    expect(p.requirements.silver.revenue).toEqual({ id: 'revenue', level: 'silver', unit: 'cents', required: 100_000_00, actual: 120_000_00, met: true });
    expect(p.requirements.gold.revenue).toMatchObject({ required: 300_000_00, actual: 120_000_00, met: false });
  });

  test.each([
    ['nobody certified fills no slot', [], ['revenue 12000000/10000000 met', 'application+deployment 0/1 not met', 'customization 0/1 not met', 'individuals 0/2 not met']],
    ['one person with all three exam kinds fills one slot, not two', [...appDep('Ana'), ...cust('Ana')],
      ['revenue 12000000/10000000 met', 'application+deployment 1/1 met', 'customization 0/1 not met', 'individuals 1/2 not met']],
    ['a Silver team fills both Silver slots', [...appDep('Ana'), ...cust('Bo')],
      ['revenue 12000000/10000000 met', 'application+deployment 1/1 met', 'customization 1/1 met', 'individuals 2/2 met']],
    ['an application exam without a deployment exam fills nothing', [pass('Ana', 'MB2-714', '2017-09-01'), ...cust('Bo')],
      ['revenue 12000000/10000000 met', 'application+deployment 0/1 not met', 'customization 1/1 met', 'individuals 1/2 not met']],
  ])('Silver: %s', (_name, certifications, expected) => {
    expect(summary(statusOf(120_000, certifications), 'silver')).toEqual(expected);
  });

  test('Gold counts the slots Silver filled plus its own, capped at what Gold needs', () => {
    const p = statusOf(350_000, [...appDep('Ana'), ...appDep('Carla'), ...appDep('Eva'), ...cust('Bo')]);
    expect(summary(p, 'gold')).toEqual([
      'revenue 35000000/30000000 met', 'application+deployment 2/2 met', 'customization 1/2 not met', 'individuals 3/4 not met',
    ]);
    expect(p.requirements.gold.met).toBe(false);
    expect(p.requirements.silver.met).toBe(true);
  });

  test('a level is met when every requirement is met, and agrees with the level given', () => {
    const p = statusOf(350_000, [...appDep('Ana'), ...appDep('Carla'), ...cust('Bo'), ...cust('Di')]);
    expect(p.level).toBe('gold');
    expect(p.requirements.gold.met && p.requirements.silver.met).toBe(true);
    expect(summary(p, 'silver')).toEqual(['revenue 35000000/10000000 met', 'application+deployment 1/1 met', 'customization 1/1 met', 'individuals 2/2 met']);
  });
});
