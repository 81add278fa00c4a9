/** Rulebooks are data, validated on load; a malformed one fails with the exact path of the problem. */
import { RulebookError, builtInRulebooks, chooseRulebook, dayFromIso, examRole, loadRulebook, normalizeExamCode } from './index';
import july from './rulebooks/cloud-crm-2017-07.json';
import november from './rulebooks/cloud-crm-2017-11.json';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('loading a rulebook', () => {
  test('the two built-in rulebooks load, oldest first', () => {
    expect(builtInRulebooks().map((b) => [b.id, b.effectiveFrom])).toEqual([['cloud-crm-2017-07', '2017-07-07'], ['cloud-crm-2017-11', '2017-11-16']]);
  });

  test.each([
    ['a role that does not exist', (r: Record<string, unknown>) => { ((r.exams as Record<string, unknown>[])[3] as Record<string, unknown>).role = 'marketing'; }, '$.exams[3].role', /expected one of application, deployment, customization/],
    ['a missing threshold', (r: Record<string, unknown>) => { delete ((r.thresholdsUsd as Record<string, Record<string, unknown>>).gold as Record<string, unknown>).developing; }, '$.thresholdsUsd.gold.developing', /is required/],
    ['a misspelt property', (r: Record<string, unknown>) => { ((r.exams as Record<string, unknown>[])[2] as Record<string, unknown>).acceptedUntill = '2018-12-31'; }, '$.exams[2].acceptedUntill', /unknown property/],
    ['a date that is not a day', (r: Record<string, unknown>) => { r.effectiveFrom = '2017-02-30'; }, '$.effectiveFrom', /is not a calendar day/],
    ['a threshold that is text', (r: Record<string, unknown>) => { ((r.thresholdsUsd as Record<string, Record<string, unknown>>).silver as Record<string, unknown>).developed = '100000'; }, '$.thresholdsUsd.silver.developed', /expected a number/],
    ['a duplicate exam', (r: Record<string, unknown>) => { (r.exams as unknown[]).push(clone((r.exams as unknown[])[0])); }, '$.exams[12].code', /duplicate exam MB2-714/],
    ['Gold below Silver', (r: Record<string, unknown>) => { ((r.thresholdsUsd as Record<string, Record<string, unknown>>).gold as Record<string, unknown>).developing = 10; }, '$.thresholdsUsd.gold.developing', /Gold threshold is below Silver/],
    ['fractional slots', (r: Record<string, unknown>) => { ((r.slots as Record<string, Record<string, unknown>>).gold as Record<string, unknown>).customization = 1.5; }, '$.slots.gold.customization', /expected an integer/],
    ['no exams', (r: Record<string, unknown>) => { r.exams = []; }, '$.exams', /at least 1 item/],
    ['a title of two exams', (r: Record<string, unknown>) => { ((r.exams as Record<string, unknown>[])[1] as { titles: string[] }).titles.push('Microsoft Dynamics CRM 2016 Customer Service'); }, '$.exams[1].titles[4]', /already a title of MB2-714/],
  ])('rejects %s, naming %s', (_name, mutate, path, message) => {
    const data = clone(november) as unknown as Record<string, unknown>;
    mutate(data);
    let error: unknown;
    try { loadRulebook(data); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(RulebookError);
    expect((error as RulebookError).path).toBe(path);
    expect((error as RulebookError).message).toMatch(message);
  });

  test('the ko-KR seed\'s US$300,000 for Gold in developing markets is not what the rulebooks say', () => {
    for (const b of builtInRulebooks()) expect(b.thresholdsCents.gold.developing).toBe(150_000_00);
    expect(july.thresholdsUsd.gold.developing).toBe(150000);
  });
});

describe('exam codes and roles', () => {
  test.each([
    ['MB2-714', 'MB2-714'], ['mb2 714', 'MB2-714'], ['MB2714', 'MB2-714'], ['Exam MB2-714', 'MB2-714'], ['Prüfung MB2-714', 'MB2-714'],
    ['MB2-714: Dynamics CRM Customer Service', 'MB2-714'], ['Microsoft Dynamics CRM 2016 Customization and Configuration', 'MB2-712'],
    ['Microsoft Dynamics CRM Customization and Configuration', 'MB2-707'], ['Microsoft Dynamics CRM Online Deployment (2015)', 'MB2-710'],
    ['Microsoft Dynamics 365 for Field Service', 'MB2-877'], ['AZ-900', undefined], ['', undefined], ['Dynamics 365', undefined],
    // Microsoft's official titles, without the code, for every exam of the rulebooks.
    ['Microsoft Dynamics CRM 2016 Customer Service', 'MB2-714'], ['Microsoft Dynamics CRM 2016 Sales', 'MB2-713'],
    ['Microsoft Dynamics Marketing', 'MB2-709'], ['Microsoft Dynamics CRM 2016 Online Deployment', 'MB2-710'],
    ['Microsoft Dynamics CRM Online Deployment', 'MB2-706'], ['Microsoft Dynamics 365 for Sales', 'MB2-717'],
    ['Microsoft Dynamics 365 for Customer Service', 'MB2-718'], ['Microsoft Dynamics 365 Customer Engagement Online Deployment', 'MB2-715'],
  ])('reads %p as %p', (text, code) => {
    expect(normalizeExamCode(text)).toBe(code);
  });

  test.each([
    ['MB2-715', '2017-11-15', undefined],
    ['MB2-715', '2017-11-16', 'deployment'],
    ['MB2-709', '2017-09-01', 'application'],
    ['MB2-716', '2018-01-01', 'customization'],
  ])('%s fills %s on %s', (code, asOf, role) => {
    expect(examRole(code, dayFromIso(asOf) as number)).toBe(role);
  });

  test('a forced rulebook wins over the date', () => {
    expect(chooseRulebook(dayFromIso('2018-03-15') as number, 'cloud-crm-2017-07').rulebook.id).toBe('cloud-crm-2017-07');
  });
});
