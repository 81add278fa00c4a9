/** The as-of hint renders core's note and offers the latest row's date in one click. */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { evaluate, type Evaluation } from '../core';
import { translator } from '../i18n';
import { rev } from '../../test/support/records';
import { AsOfHint } from './AsOfHint';

const evaluationAsOf = (asOf: string): Evaluation => evaluate({ asOf, revenue: [rev('2018-01-10', 120_000)], certifications: [], defaultMarket: 'developed' });

const text = (evaluation: Evaluation): string => renderToStaticMarkup(
  <FluentProvider theme={webLightTheme}>
    <AsOfHint evaluation={evaluation} locale="en-US" disabled={false} onApply={() => undefined} t={translator('en-US')} />
  </FluentProvider>,
).replace(/<style[^>]*>[^<]*<\/style>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('AsOfHint', () => {
  test('says no counted row lies in the window, with the latest row\'s date, and offers to evaluate as of it', () => {
    const shown = text(evaluationAsOf('2026-11-23'));
    expect(shown).toContain('No counted row lies in the 12-month window of 2026-11-23 (2025-12-01 to 2026-11-23); the latest row is dated 2018-01-10.');
    expect(shown).toContain('Evaluate as of 2018-01-10');
  });

  test('shows nothing when rows count', () => {
    expect(text(evaluationAsOf('2018-03-15')).trim()).toBe('');
  });

  test('a click asks for an evaluation as of the latest row\'s date', () => {
    const asked: string[] = [];
    const bar = AsOfHint({ evaluation: evaluationAsOf('2026-11-23'), locale: 'en-US', disabled: false, onApply: (d) => asked.push(d), t: translator('en-US') }) as ReactElement<{ children: ReactElement[] }>;
    const actions = bar.props.children[1] as ReactElement<{ children: ReactElement<{ onClick: () => void }> }>;
    actions.props.children.props.onClick();
    expect(asked).toEqual(['2018-01-10']);
  });
});
