/** The overview keeps and orders partners from core's results: filters, closeness, sorts, counts. */
import { evaluate, type CertificationRecord, type RevenueRecord } from '../core';
import { GOLD_TEAM, SILVER_TEAM, appDep, cust, rev } from '../../test/support/records';
import { NO_FILTER, countPartners, isCloseToNextLevel, issueCounts, visiblePartners } from './overview';

const T = '2018-03-15';
const of = (partnerId: string, rows: readonly (RevenueRecord | CertificationRecord)[]): (RevenueRecord | CertificationRecord)[] => rows.map((r) => ({ ...r, partnerId }));

// Developed market: Silver US$ 100,000 + 1 application/deployment + 1 customization person;
// Gold US$ 300,000 + 2 + 2 (docs/rules.md).
const revenue = [
  ...of('A', [rev('2018-01-10', 350_000)]), // Gold
  ...of('B', [rev('2018-01-10', 280_000)]), // Silver, US$ 20,000 short of Gold (7%), Gold team
  ...of('C', [rev('2017-04-20', 120_000)]), // Silver until its revenue leaves the window (at risk)
  ...of('D', [rev('2018-01-10', 10_000)]), // none, US$ 90,000 short of Silver
  ...of('E', [rev('2018-01-10', 150_000)]), // Silver, far from Gold's revenue, one exam short
] as RevenueRecord[];
const certifications = [
  ...of('A', GOLD_TEAM), ...of('B', GOLD_TEAM), ...of('C', SILVER_TEAM), ...of('D', SILVER_TEAM),
  ...of('E', [...appDep('Ana Souza'), ...appDep('Carla Dias'), ...cust('Bruno Lima')]),
] as CertificationRecord[];
const partners = evaluate({ asOf: T, revenue, certifications, defaultMarket: 'developed' }).partners;
const ids = (indexes: readonly number[]): (string | null)[] => indexes.map((i) => partners[i]?.partnerId ?? null);

test('the sample set evaluates as the comments say', () => {
  expect(partners.map((p) => [p.partnerId, p.level, p.atRisk])).toEqual([
    ['A', 'gold', false], ['B', 'silver', false], ['C', 'silver', true], ['D', 'none', false], ['E', 'silver', false],
  ]);
});

test.each([
  ['every partner, soonest holds-until first, no level last', {}, ['C', 'A', 'B', 'E', 'D']],
  ['one level', { level: 'silver' as const }, ['C', 'B', 'E']],
  ['at risk only', { atRiskOnly: true }, ['C']],
  ['close to the next level only', { closeOnly: true }, ['B']],
  ['by name', { sort: 'name' as const }, ['A', 'B', 'C', 'D', 'E']],
  ['by revenue gap, Gold last', { sort: 'revenue-gap' as const }, ['B', 'D', 'E', 'C', 'A']],
  ['search by id', { query: ' e ' }, ['E']],
])('%s', (_, change, expected) => {
  expect(ids(visiblePartners(partners, { ...NO_FILTER, ...change }))).toEqual(expected);
});

test('close: within a tenth of the revenue and at most one exam; Gold is never close', () => {
  expect(partners.map(isCloseToNextLevel)).toEqual([false, true, false, false, false]);
});

test('counts per level and at risk', () => {
  expect(countPartners(partners)).toEqual({ gold: 1, silver: 3, none: 1, risk: 1 });
});

test('issue counts per partner ignore issues of no partner', () => {
  expect([...issueCounts(Int32Array.from([0, -1, 2, 2, 9]), 3)]).toEqual([1, 0, 2]);
});
