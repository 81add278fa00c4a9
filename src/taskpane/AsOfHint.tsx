/**
 * The as-of hint: when no counted row lies in the window (a 2017-2018 workbook evaluated as of
 * today), say so with the latest row's date and offer to evaluate as of it in one click. The fact
 * comes from core (note "as-of.no-counted-revenue"); this only renders it.
 */
import type { JSX } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import type { Evaluation } from '../core';
import type { Locale, Translate } from '../i18n';
import { asOfHint, noteText } from '../sheets';

/** Props: the evaluation, and what a click does (evaluate again as of the given date). */
export interface AsOfHintProps {
  readonly evaluation: Evaluation;
  readonly locale: Locale;
  readonly disabled: boolean;
  readonly onApply: (asOf: string) => void;
  readonly t: Translate;
}

/**
 * The hint, or nothing when the evaluation has none.
 * @example <AsOfHint evaluation={run.evaluation} locale="en-US" disabled={false} onApply={(d) => void evaluate(d)} t={t} />
 */
export function AsOfHint({ evaluation, locale, disabled, onApply, t }: AsOfHintProps): JSX.Element | null {
  const hint = asOfHint(evaluation);
  if (!hint) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="as-of-hint">
      <MessageBarBody>{noteText(hint, locale)}</MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" disabled={disabled} onClick={() => onApply(hint.latest)} data-testid="as-of-hint-apply">
          {t('ui.asOfHint.apply', { latest: hint.latest })}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
