/** The partner card renders core's requirement results and re-derives no rule. */
import { renderToStaticMarkup } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { evaluate, type CertificationRecord, type PartnerStatus } from '../core';
import { translator } from '../i18n';
import { SILVER_TEAM, appDep, cust, rev } from '../../test/support/records';
import { PartnerCard } from './PartnerCard';

const T = '2018-03-15';

function cardText(certifications: readonly CertificationRecord[], revenueUsd = 120_000): string {
  const evaluation = evaluate({ asOf: T, revenue: [rev('2018-01-10', revenueUsd)], certifications, defaultMarket: 'developed' });
  const partner = evaluation.partners[0] as PartnerStatus;
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <PartnerCard partner={partner} locale="en-US" t={translator('en-US')} />
    </FluentProvider>,
  );
  // Text only: tags become spaces, entities are not used by these messages.
  return html.replace(/<style[^>]*>[^<]*<\/style>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('PartnerCard', () => {
  test('one person holding all three exam kinds fills one of Silver\'s two slots (it showed "2 of 2 people")', () => {
    const text = cardText([...appDep('Ana Souza'), ...cust('Ana Souza')]);
    expect(text).toContain('Not met · Silver exam slots: 1 of 2 people · 1 more person in the slots');
    expect(text).not.toContain('Silver exam slots: 2 of 2 people');
    expect(text).toContain('Met · application + deployment: 1 of 1 Not met · customization: 0 of 1 · 1 more person with a customization exam');
  });

  test('a Silver team fills both Silver slots and two of Gold\'s four', () => {
    const text = cardText([...appDep('Ana Souza'), ...cust('Bruno Lima')]);
    expect(text).toContain('Silver exam slots: 2 of 2 people');
    expect(text).toContain('Gold exam slots: 2 of 4 people');
  });

  test('revenue is shown against each level\'s threshold, met or not in words, with what is still missing', () => {
    const text = cardText([], 120_000);
    expect(text).toContain('Met · TTM revenue: US$ 120,000 (needs US$ 100,000)');
    expect(text).toContain('Not met · TTM revenue: US$ 120,000 of US$ 300,000 · US$ 180,000 to go');
  });

  test('every requirement says Met or Not met in words, and the rulebook is named, not its id', () => {
    const text = cardText(SILVER_TEAM, 120_000);
    expect(text.match(/(Not met|Met) · /g)).toHaveLength(8);
    expect(text).toContain('Silver requirements: Met');
    expect(text).toContain('Cloud CRM competency (November 2017)');
    expect(text).not.toContain('cloud-crm-2017-11');
  });

  test('the exam plan lists one item per planned pass, rendered from the plan\'s data', () => {
    const evaluation = evaluate({ asOf: T, revenue: [], certifications: [], defaultMarket: 'developed' });
    const partner = evaluation.partners[0] as PartnerStatus;
    const html = renderToStaticMarkup(
      <FluentProvider theme={webLightTheme}>
        <PartnerCard partner={partner} locale="en-US" t={translator('en-US')} />
      </FluentProvider>,
    );
    const plan = html.slice(html.indexOf('data-testid="exam-plan"'));
    expect((plan.match(/<li/g) ?? []).length).toBe(partner.examPlans.silver.length);
    expect(partner.examPlans.silver.length).toBe(3);
  });
});
