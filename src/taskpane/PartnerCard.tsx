/**
 * One partner's competency, answer first: the level and at-risk badges, how long the level holds
 * and the next step; then each requirement of Silver and Gold with an icon and "Met" or "Not met"
 * in words (never colour alone) and what is still missing; then who fills which slot and the exam
 * plan; then the timeline chart and its what-if section.
 */
import type { JSX } from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { builtInRulebooks, type AttainableLevel, type PartnerStatus, type RequirementResult } from '../core';
import { formatUsd, type Locale, type Translate } from '../i18n';
import { planSteps } from '../sheets';
import { partnerTitle } from './Overview';
import { Pill } from './Pill';
import { TimelineSection, type WhatIfRun } from './TimelineSection';

// The card is a labelled group styled as Fluent's filled medium Card (12 px padding and gap, medium
// radius, shadow 4), written here: Fluent's Card brings the Tabster focus library (~20 KB gzip of
// the pane-run chunk) for focus modes a card that is not clickable does not use. Its border is
// transparent, so forced colours (high contrast) draw the card's edge as Fluent's does.
const useStyles = makeStyles({
  card: {
    display: 'flex', flexDirection: 'column', gap: '12px', padding: '12px', boxSizing: 'border-box', position: 'relative',
    marginBottom: tokens.spacingVerticalM, minWidth: 0, overflow: 'hidden',
    color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorNeutralBackground1, boxShadow: tokens.shadow4,
    borderRadius: tokens.borderRadiusMedium, border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  header: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', alignItems: 'center', flexShrink: 0 },
  headerText: { display: 'flex', gridColumnStart: 1, gridRowStart: 1 },
  description: { display: 'flex', gridColumnStart: 1, gridRowStart: 2 },
  action: { gridColumnStart: 2, gridRowStart: 'span 2', marginLeft: '12px' },
  badges: { display: 'inline-flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  answer: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  level: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0, padding: 0, listStyleType: 'none' },
  req: { display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', columnGap: tokens.spacingHorizontalXS, alignItems: 'start' },
  met: { color: tokens.colorPaletteGreenForeground1, marginTop: '2px' },
  notMet: { color: tokens.colorPaletteRedForeground1, marginTop: '2px' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  risk: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** Props: the partner, and a translator bound to the UI language. */
export interface PartnerCardProps {
  readonly partner: PartnerStatus;
  readonly locale: Locale;
  readonly t: Translate;
  /** The run the partner is from: with it the card shows the partner's timeline and what-if. */
  readonly run?: WhatIfRun | undefined;
  /** Inside Excel: draws this partner's native chart on the Competency Timeline sheet. */
  readonly onChart?: (() => void) | undefined;
  /** The next step in the user's language (core's next steps), shown first; null when there is none. */
  readonly nextStep?: string | null | undefined;
}

/**
 * A rulebook's name in the UI language: a built-in one by the month it took effect ("Cloud CRM
 * competency (November 2017)"), another by the name its file gives, never its raw id.
 * @example rulebookName("cloud-crm-2017-11", "de-DE", t) === "Cloud CRM-Kompetenz (November 2017)"
 */
export function rulebookName(id: string, locale: Locale, t: Translate): string {
  const book = builtInRulebooks().find((b) => b.id === id);
  if (!book) return id;
  const [y, m] = book.effectiveFrom.split('-').map(Number) as [number, number];
  const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
  return t('ui.rulebook.name', { month });
}

/** The card. Every figure comes from core's results; every text from a cell is a React text node, never HTML. */
export function PartnerCard({ partner: p, locale, t, run, onChart, nextStep }: PartnerCardProps): JSX.Element {
  const s = useStyles();
  const title = partnerTitle(p, t);
  return (
    <div role="group" className={s.card} data-testid="partner-card" aria-label={title}>
      <div className={s.header}>
        <div className={s.headerText}><Text as="h3" weight="semibold">{title}</Text></div>
        <div className={s.description}><Text size={200}>{t('ui.card.market', { market: t(`market.${p.market}`), rulebook: rulebookName(p.rulebook, locale, t) })}</Text></div>
        <div className={s.action}>
          <span className={s.badges}>
            {p.atRisk && <Pill kind="risk" data-testid="at-risk">{t('ui.card.atRisk')}</Pill>}
            <Pill kind={p.level} data-testid="level">{t(`level.${p.level}`)}</Pill>
          </span>
        </div>
      </div>
      <div className={s.answer}>
        {p.holdsUntil && (
          <Text size={300} className={p.atRisk ? s.risk : undefined} data-testid="holds-until">
            {t('ui.card.holdsUntil', { date: p.holdsUntil, cause: p.holdsUntilCause ? t(`cause.${p.holdsUntilCause}`) : '' })}
          </Text>
        )}
        {nextStep && <Text size={300} weight="semibold" data-testid="next-step">{t('ui.card.nextStep', { step: nextStep })}</Text>}
      </div>
      {(['silver', 'gold'] as const).map((level) => <LevelRequirements key={level} partner={p} level={level} locale={locale} t={t} />)}
      <SlotsAndPlan partner={p} locale={locale} t={t} />
      {run && <TimelineSection run={run} partner={p} locale={locale} t={t} />}
      {onChart && <div><Button size="small" onClick={onChart} data-testid="excel-chart">{t('ui.chart.excel')}</Button></div>}
    </div>
  );
}

/** A met (tick) or not met (cross) mark in a circle, 16 px, in the text's colour (forced colours keep it). */
function MetIcon({ met, className }: { met: boolean; className: string }): JSX.Element {
  return (
    <svg className={className} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d={met ? 'M4.5 8.2l2.3 2.3 4.7-4.9' : 'M5.5 5.5l5 5M10.5 5.5l-5 5'} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** One requirement: an icon and "Met"/"Not met" in words, what it stands at, and what is missing. */
function Requirement({ r, label, value, missing, t }: { r: RequirementResult; label: string; value: string; missing: string | null; t: Translate }): JSX.Element {
  const s = useStyles();
  return (
    <li className={s.req} data-testid="requirement" data-met={r.met}>
      <MetIcon met={r.met} className={r.met ? s.met : s.notMet} />
      <Text size={200}>
        <Text size={200} weight="semibold">{r.met ? t('ui.req.met') : t('ui.req.notMet')}</Text>
        {` · ${label}: ${value}`}{missing === null ? '' : ` · ${missing}`}
      </Text>
    </li>
  );
}

/** A level's four requirements. */
function LevelRequirements({ partner: p, level, locale, t }: { partner: PartnerStatus; level: AttainableLevel; locale: Locale; t: Translate }): JSX.Element {
  const s = useStyles();
  const { revenue, applicationDeployment: ad, customization: cu, individuals } = p.requirements[level];
  const usd = (cents: number): string => formatUsd(cents, locale, 'when-not-whole');
  const short = (r: RequirementResult): number => Math.max(0, r.required - r.actual);
  const levelName = t(`level.${level}`);
  const met = p.requirements[level].met;
  return (
    <section aria-label={t('ui.req.title', { level: levelName })} data-testid={`requirements-${level}`}>
      <Text as="h4" size={300} weight="semibold">{t('ui.req.title', { level: levelName })}: {met ? t('ui.req.met') : t('ui.req.notMet')}</Text>
      <ul className={s.level}>
        <Requirement r={revenue} t={t} label={t('ui.req.revenue')}
          value={revenue.actual > revenue.required ? t('ui.req.revenueOver', { actual: usd(revenue.actual), required: usd(revenue.required) }) : t('ui.card.revenueValue', { value: usd(revenue.actual), threshold: usd(revenue.required) })}
          missing={revenue.met ? null : t('ui.req.revenueToGo', { amount: usd(short(revenue)) })} />
        <Requirement r={ad} t={t} label={t('slot.application+deployment')} value={t('ui.req.countValue', { actual: ad.actual, required: ad.required })}
          missing={ad.met ? null : t('ui.req.moreAppDep', { count: short(ad) })} />
        <Requirement r={cu} t={t} label={t('slot.customization')} value={t('ui.req.countValue', { actual: cu.actual, required: cu.required })}
          missing={cu.met ? null : t('ui.req.moreCust', { count: short(cu) })} />
        <Requirement r={individuals} t={t} label={t('ui.card.slots', { level: levelName })} value={t('ui.card.slotsValue', { filled: individuals.actual, count: individuals.required })}
          missing={individuals.met ? null : t('ui.req.morePeople', { count: short(individuals) })} />
      </ul>
    </section>
  );
}

/** Who fills which slot, and the exam plan to the next level. */
function SlotsAndPlan({ partner: p, locale, t }: { partner: PartnerStatus; locale: Locale; t: Translate }): JSX.Element {
  const s = useStyles();
  return (
    <>
      <div>
        <Text as="h4" size={300} weight="semibold">{t('ui.card.whoFills')}</Text>
        {p.slots.length === 0 ? <Text as="p" size={200}>{t('ui.card.noSlots')}</Text> : (
          <ul className={s.list}>
            {p.slots.map((x) => <li key={x.individualKey}><Text size={200}>{x.individual}: {t(`countsAs.${x.slot}`, { level: t(`level.${x.level}`) })}</Text></li>)}
          </ul>
        )}
      </div>
      {p.nextLevel && p.examPlans[p.nextLevel].length > 0 && (
        <div data-testid="exam-plan">
          <Text as="h4" size={300} weight="semibold">{t('ui.card.plan', { level: t(`level.${p.nextLevel}`) })}</Text>
          <ul className={s.list}>
            {planSteps(p.examPlans[p.nextLevel], locale).map((step, i) => <li key={i}><Text size={200}>{step}</Text></li>)}
          </ul>
        </div>
      )}
    </>
  );
}
