/** One partner's competency: level, progress toward Silver and Gold, slots, plan, holds-until. */
import type { JSX } from 'react';
import { Badge, Button, Card, CardHeader, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { AttainableLevel, Evaluation, EvaluationInput, PartnerStatus, RequirementResult } from '../core';
import { formatUsd, type Locale, type Translate } from '../i18n';
import { planSteps } from '../sheets';
import { LEVEL_COLOR } from './Overview';
import { TimelineSection } from './TimelineSection';

const useStyles = makeStyles({
  card: { marginBottom: tokens.spacingVerticalM },
  row: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, marginBottom: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  badges: { display: 'inline-flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  risk: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});


/** Props: the partner, and a translator bound to the UI language. */
export interface PartnerCardProps {
  readonly partner: PartnerStatus;
  readonly evaluation: Evaluation;
  readonly locale: Locale;
  readonly t: Translate;
  /** What was evaluated: with it the card shows the partner's timeline and what-if. */
  readonly input?: EvaluationInput | undefined;
  /** Inside Excel: draws this partner's native chart on the Competency Timeline sheet. */
  readonly onChart?: (() => void) | undefined;
  /** The next step in the user's language (core's next steps), shown first; null when there is none. */
  readonly nextStep?: string | null | undefined;
}

/** How far a requirement is met, 0..1, for a progress bar (a requirement of nothing is complete). */
const progress = (r: RequirementResult): number => (r.required <= 0 ? 1 : Math.max(0, Math.min(1, r.actual / r.required)));

/**
 * The card. Every figure comes from core's requirement results (nothing is re-derived here);
 * every text from a cell is rendered as a React text node, never as HTML.
 */
export function PartnerCard({ partner: p, evaluation, locale, t, input, onChart, nextStep }: PartnerCardProps): JSX.Element {
  const s = useStyles();
  const title = p.partnerId === null ? t('status.oneOrganisation') : p.name ? `${p.name} (${p.partnerId})` : p.partnerId;
  const levels: AttainableLevel[] = ['silver', 'gold'];
  return (
    <Card className={s.card} data-testid="partner-card" aria-label={title}>
      <CardHeader
        header={<Text weight="semibold">{title}</Text>}
        description={<Text size={200}>{t('ui.card.market', { market: t(`market.${p.market}`), rulebook: p.rulebook })}</Text>}
        action={(
          <span className={s.badges}>
            {p.atRisk && <Badge appearance="outline" color="danger" data-testid="at-risk">{t('ui.card.atRisk')}</Badge>}
            <Badge appearance="filled" color={LEVEL_COLOR[p.level]} data-testid="level">{t(`level.${p.level}`)}</Badge>
          </span>
        )}
      />
      {nextStep && <Text weight="semibold" data-testid="next-step">{t('ui.card.nextStep', { step: nextStep })}</Text>}
      {input && <TimelineSection input={input} evaluation={evaluation} partner={p} locale={locale} t={t} />}
      {onChart && <div><Button size="small" onClick={onChart} data-testid="excel-chart">{t('ui.chart.excel')}</Button></div>}
      {levels.map((level) => {
        const revenue = p.requirements[level].revenue;
        return (
          <div className={s.row} key={`rev-${level}`} data-testid={`revenue-${level}`}>
            <Text size={200}>{t('ui.card.revenue', { level: t(`level.${level}`) })}: {t('ui.card.revenueValue', { value: formatUsd(revenue.actual, locale, 'when-not-whole'), threshold: formatUsd(revenue.required, locale, 'when-not-whole') })}</Text>
            <ProgressBar value={progress(revenue)} color={revenue.met ? 'success' : 'brand'} aria-label={t('ui.card.revenue', { level: t(`level.${level}`) })} />
          </div>
        );
      })}
      {levels.map((level) => {
        const { individuals, applicationDeployment, customization } = p.requirements[level];
        return (
          <div className={s.row} key={`slots-${level}`} data-testid={`slots-${level}`}>
            <Text size={200}>{t('ui.card.slots', { level: t(`level.${level}`) })}: {t('ui.card.slotsValue', { filled: individuals.actual, count: individuals.required })}</Text>
            <ProgressBar value={progress(individuals)} color={individuals.met ? 'success' : 'brand'} aria-label={t('ui.card.slots', { level: t(`level.${level}`) })} />
            <Text size={100}>
              {t('ui.card.kindValue', { kind: t('slot.application+deployment'), filled: applicationDeployment.actual, needed: applicationDeployment.required })}
              {' · '}
              {t('ui.card.kindValue', { kind: t('slot.customization'), filled: customization.actual, needed: customization.required })}
            </Text>
          </div>
        );
      })}
      <div className={s.row}>
        <Text size={200} weight="semibold">{t('ui.card.whoFills')}</Text>
        {p.slots.length === 0 ? <Text size={200}>{t('ui.card.noSlots')}</Text> : (
          <ul className={s.list}>
            {p.slots.map((x) => <li key={x.individualKey}><Text size={200}>{x.individual}: {t(`countsAs.${x.slot}`, { level: t(`level.${x.level}`) })}</Text></li>)}
          </ul>
        )}
      </div>
      {p.nextLevel && p.examPlans[p.nextLevel].length > 0 && (
        <div className={s.row} data-testid="exam-plan">
          <Text size={200} weight="semibold">{t('ui.card.plan', { level: t(`level.${p.nextLevel}`) })}</Text>
          <ul className={s.list}>
            {planSteps(p.examPlans[p.nextLevel], locale).map((step, i) => <li key={i}><Text size={200}>{step}</Text></li>)}
          </ul>
        </div>
      )}
      {p.holdsUntil && (
        <Text size={200} className={p.atRisk ? s.risk : undefined} data-testid="holds-until">
          {p.atRisk ? `${t('ui.card.atRisk')}. ` : ''}{t('ui.card.holdsUntil', { date: p.holdsUntil, cause: p.holdsUntilCause ? t(`cause.${p.holdsUntilCause}`) : '' })}
        </Text>
      )}
    </Card>
  );
}
