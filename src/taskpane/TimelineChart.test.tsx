/** The timeline chart and the card's timeline section, rendered to static markup. */
import { renderToStaticMarkup } from 'react-dom/server';
import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { evaluate, timeline, whatIf, type Evaluation, type EvaluationInput, type PartnerStatus } from '../core';
import { translator } from '../i18n';
import { appDep, cust, pass, rev } from '../../test/support/records';
import { TimelineChart, compactUsd, yTicks } from './TimelineChart';
import { TimelineSection, type WhatIfRun } from './TimelineSection';

/** What the section asks of a run, over records (a Run does the same over what it read). */
const runOver = (rows: EvaluationInput, evaluation: Evaluation): WhatIfRun => ({ evaluation, whatIf: (a, ids) => whatIf(rows, a, { evaluation, partnerIds: ids }) });

const input: EvaluationInput = {
  asOf: '2018-02-15',
  revenue: [rev('2018-01-10', 120_000)],
  certifications: [pass('Sara Conti', 'MB2-714', '2017-09-01'), ...cust('Bruno Lima')],
};

test('draws the TTM line, the dashed forecast, both thresholds and the as-of marker, with a summary and a table of every month', () => {
  const points = timeline(input).partners[0]?.points ?? [];
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <TimelineChart points={points} label="Timeline of Contoso" summary="None as of 2018-02-15." locale="en-US" t={translator('en-US')} />
    </FluentProvider>,
  );
  expect(html).toMatch(/<svg[^>]*role="img"[^>]*tabindex="0"[^>]*aria-label="Timeline of Contoso"/);
  for (const series of ['silver', 'gold', 'ttm', 'forecast', 'as-of']) expect(html).toContain(`data-series="${series}"`);
  expect(html).toMatch(/stroke-dasharray="6 4" data-series="forecast"/);
  expect(html).toContain('None as of 2018-02-15.');
  const rows = html.match(/<tr>/g) ?? [];
  expect(rows).toHaveLength(1 + 37);
  expect(html).toContain('<th scope="row">Feb 2018</th><td>120,000</td><td>100,000</td><td>300,000</td><td>None</td><td>As of</td>');
});

test('the card section lists the exam plan as what-if checkboxes and changes nothing until one is ticked; dark theme renders too', () => {
  const evaluation = evaluate(input);
  const partner = evaluation.partners[0] as PartnerStatus;
  const html = renderToStaticMarkup(
    <FluentProvider theme={webDarkTheme}>
      <TimelineSection run={runOver(input, evaluation)} partner={partner} locale="en-US" t={translator('en-US')} />
    </FluentProvider>,
  );
  expect(html).toContain('Sara Conti passes MB2-710 in Mar 2018');
  expect(html).not.toContain('data-testid="whatif-result"');
  expect(html).toContain('None now; no higher level within 12 months');
});

test('with the Gold team the summary says the level holds', () => {
  const gold = { ...input, revenue: [rev('2018-01-10', 400_000)], certifications: [...appDep('A'), ...appDep('B'), ...cust('C'), ...cust('D')] };
  const evaluation = evaluate(gold);
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <TimelineSection run={runOver(gold, evaluation)} partner={evaluation.partners[0] as PartnerStatus} locale="de-DE" t={translator('de-DE')} />
    </FluentProvider>,
  );
  expect(html).toContain('Gold zum 2018-02-15, TTM-Umsatz US$ 400.000. jetzt Gold, gültig bis 2018-12-31');
});

test.each([
  [30_000_000, [0, 10_000_000, 20_000_000, 30_000_000]],
  [31_500_000, [0, 10_000_000, 20_000_000, 30_000_000, 40_000_000]],
  [100, [0, 50, 100]],
  [0, [0, 50, 100]],
  [123_456_789, [0, 50_000_000, 100_000_000, 150_000_000]],
])('y-axis ticks up to %i cents are round steps from 0 that reach it: %j', (max, ticks) => {
  expect(yTicks(max)).toEqual(ticks);
});

test.each([
  [10_000_000, 'en-US', '100K'],
  [150_000_000, 'en-US', '1.5M'],
  [10_000_000, 'de-DE', '100.000'],
  [150_000_000, 'de-DE', '1,5\u00a0Mio.'],
  [30_000_000, 'ko-KR', '30만'],
])('amounts on the axis are compact in the user\'s language: %i cents in %s is %s', (cents, locale, text) => {
  expect(compactUsd(cents, locale as 'en-US')).toBe(text);
});

test('the y-axis has compact amounts, the threshold lines are named, and the legend names every mark, the what-if line when drawn', () => {
  const points = timeline(input).partners[0]?.points ?? [];
  const render = (whatIf: boolean): string => renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <TimelineChart points={points} whatIfPoints={whatIf ? points : undefined} label="Timeline" summary="." locale="en-US" t={translator('en-US')} />
    </FluentProvider>,
  );
  const html = render(false);
  const ticks = [...html.matchAll(/data-testid="y-tick">([^<]*)</g)].map((m) => m[1]);
  expect(ticks).toEqual(['US$ 0', 'US$ 100K', 'US$ 200K', 'US$ 300K', 'US$ 400K']);
  expect(html).toMatch(/data-testid="silver-label">Silver</);
  expect(html).toMatch(/data-testid="gold-label">Gold</);
  const legend = (h: string): string[] => [...(/data-testid="chart-legend">(.*?)<\/div>/.exec(h)?.[1] ?? '').matchAll(/<\/span>([^<]+)<\/span>/g)].map((m) => m[1] ?? '');
  expect(legend(html)).toEqual(['TTM revenue', 'Forecast', 'Silver threshold', 'Gold threshold', 'As-of date', 'Month at Silver', 'Month at Gold']);
  expect(legend(render(true))).toEqual(['TTM revenue', 'Forecast', 'Silver threshold', 'Gold threshold', 'As-of date', 'Month at Silver', 'Month at Gold', 'If these happen']);
  // Text sizes in pixels: the drawing's units are pixels (viewBox as wide as the drawing).
  expect(html).toMatch(/viewBox="0 0 320 170"/);
  expect([...html.matchAll(/font-size="(\d+)"/g)].every((m) => m[1] === '10')).toBe(true);
});
