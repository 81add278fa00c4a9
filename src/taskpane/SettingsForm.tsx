/** The evaluation settings (as-of date, market, rulebook) and the Evaluate button. */
import type { JSX } from 'react';
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { builtInRulebooks, type Market } from '../core';
import type { Translate } from '../i18n';
import type { Settings } from './useEvaluation';

const useStyles = makeStyles({
  // One column in Excel's narrow pane, a row when wide; controls shrink with their column
  // (Fluent's inputs have a minimum width that made the page scroll sideways at 320 px).
  settings: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  control: { minWidth: 0, width: '100%' },
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Props: the settings, how to change them, and whether Evaluate can run. */
export interface SettingsFormProps {
  readonly settings: Settings;
  readonly onChange: (settings: Settings) => void;
  readonly canEvaluate: boolean;
  readonly onEvaluate: () => void;
  readonly t: Translate;
}

/** The settings form; Evaluate is enabled only with a source and a whole as-of date. */
export function SettingsForm({ settings, onChange, canEvaluate, onEvaluate, t }: SettingsFormProps): JSX.Element {
  const s = useStyles();
  return (
    <section className={s.settings} aria-label={t('ui.evaluate')}>
      <Field label={t('ui.asOf')}>
        <Input className={s.control} type="date" value={settings.asOf} onChange={(_, d) => onChange({ ...settings, asOf: d.value })} data-testid="as-of" />
      </Field>
      <Field label={t('ui.market')}>
        <Select className={s.control} value={settings.market} onChange={(_, d) => onChange({ ...settings, market: d.value as '' | Market })} data-testid="market">
          <option value="">{t('ui.market.auto')}</option>
          <option value="developed">{t('market.developed')}</option>
          <option value="developing">{t('market.developing')}</option>
        </Select>
      </Field>
      <Field label={t('ui.rulebook')}>
        <Select className={s.control} value={settings.rulebook} onChange={(_, d) => onChange({ ...settings, rulebook: d.value })} data-testid="rulebook">
          <option value="">{t('ui.rulebook.auto')}</option>
          {builtInRulebooks().map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </Select>
      </Field>
      <Button appearance="primary" disabled={!canEvaluate || !ISO_DATE.test(settings.asOf)} onClick={onEvaluate} data-testid="evaluate">
        {t('ui.evaluate')}
      </Button>
    </section>
  );
}
