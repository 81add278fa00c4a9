/** One partner's competency: level, progress toward Silver and Gold, slots, plan, holds-until. */
import type { JSX } from 'react';
import { Badge, Card, CardHeader, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { AttainableLevel, Evaluation, PartnerStatus } from '../core';
import type { Locale, MessageKey } from '../i18n';
import { planText } from '../sheets';
import { usd } from './format';

const useStyles = makeStyles({
  card: { marginBottom: tokens.spacingVerticalM },
  row: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, marginBottom: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  risk: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

const LEVEL_COLOR = { gold: 'warning', silver: 'informative', none: 'subtle' } as const;

/** Props: the partner, and a translator bound to the UI language. */
export interface PartnerCardProps {
  readonly partner: PartnerStatus;
  readonly evaluation: Evaluation;
  readonly locale: Locale;
  readonly t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

/** The card. Every text from a cell is rendered as a React text node, never as HTML. */
export function PartnerCard({ partner: p, locale, t }: PartnerCardProps): JSX.Element {
  const s = useStyles();
  const title = p.partnerId === null ? t('status.oneOrganisation') : p.name ? `${p.name} (${p.partnerId})` : p.partnerId;
  const levels: AttainableLevel[] = ['silver', 'gold'];
  const filled = (level: AttainableLevel): number => {
    const need = p.slotsNeeded[level];
    return Math.min(need.applicationDeployment, p.qualified.applicationDeployment) + Math.min(need.customization, p.qualified.customization);
  };
  return (
    <Card className={s.card} data-testid="partner-card" aria-label={title}>
      <CardHeader
        header={<Text weight="semibold">{title}</Text>}
        description={<Text size={200}>{t('ui.card.market', { market: t(`market.${p.market}`), rulebook: p.rulebook })}</Text>}
        action={<Badge appearance="filled" color={LEVEL_COLOR[p.level]} data-testid="level">{t(`level.${p.level}`)}</Badge>}
      />
      {levels.map((level) => (
        <div className={s.row} key={`rev-${level}`}>
          <Text size={200}>{t('ui.card.revenue', { level: t(`level.${level}`) })}: {t('ui.card.revenueValue', { value: usd(p.ttmRevenueCents, locale), threshold: usd(p.thresholdsCents[level], locale) })}</Text>
          <ProgressBar
            value={Math.max(0, Math.min(1, p.ttmRevenueCents / Math.max(1, p.thresholdsCents[level])))}
            color={p.revenueMet[level] ? 'success' : 'brand'}
            aria-label={t('ui.card.revenue', { level: t(`level.${level}`) })}
          />
        </div>
      ))}
      {levels.map((level) => {
        const need = p.slotsNeeded[level].applicationDeployment + p.slotsNeeded[level].customization;
        return (
          <div className={s.row} key={`slots-${level}`}>
            <Text size={200}>{t('ui.card.slots', { level: t(`level.${level}`) })}: {t('ui.card.slotsValue', { filled: filled(level), needed: need })}</Text>
            <ProgressBar value={need === 0 ? 1 : filled(level) / need} color={p.examsMet[level] ? 'success' : 'brand'} aria-label={t('ui.card.slots', { level: t(`level.${level}`) })} />
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
            {planText(p.examPlans[p.nextLevel], locale).split('; ').map((line, i) => <li key={i}><Text size={200}>{line}</Text></li>)}
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
