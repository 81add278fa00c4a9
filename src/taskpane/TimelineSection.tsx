/**
 * A partner card's past and future: the timeline chart, and what-if controls. The exam plan's
 * items become checkboxes ("Sara Conti passes MB2-710 in March"), each with its month, and each of
 * the next 12 months takes an expected revenue. Ticking or typing re-evaluates at once (the run's
 * whatIf on this partner only) and shows the level and holds-until that would result; nothing is
 * written to the workbook, and input that cannot be read gets an inline message and is left out.
 */
import type { Dispatch, JSX, SetStateAction } from 'react';
import { useId, useMemo, useState } from 'react';
import { Button, Checkbox, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import {
  dayFromIso, firstDayOfMonth, isoFromDay, monthOfDay, passDateInMonth,
  type AssumedPass, type AssumedRevenue, type PartnerStatus, type PlannedExam,
} from '../core';
import { formatUsd, type Locale, type Translate } from '../i18n';
import { outlookText, readMoneyCents, type Run } from '../sheets';
import { TimelineChart, monthLabel } from './TimelineChart';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalS },
  plan: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0, padding: 0, listStyleType: 'none' },
  item: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  months: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: tokens.spacingHorizontalS },
  result: { fontWeight: tokens.fontWeightSemibold },
  // Set apart from the real answer above it: a dashed frame, as the what-if line is dashed.
  whatif: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalS,
    border: `1px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium,
  },
});

/** What the section asks of a run: its evaluation, and what-if over it. */
export type WhatIfRun = Pick<Run, 'evaluation' | 'whatIf'>;

/** Props: the run, the partner, and text. */
export interface TimelineSectionProps {
  readonly run: WhatIfRun;
  readonly partner: PartnerStatus;
  readonly locale: Locale;
  readonly t: Translate;
}

/** "YYYY-MM" of a month number. */
const isoMonth = (m: number): string => isoFromDay(firstDayOfMonth(m)).slice(0, 7);

/** The section. */
export function TimelineSection({ run, partner: p, locale, t }: TimelineSectionProps): JSX.Element {
  const { evaluation } = run;
  const s = useStyles();
  const headingId = useId();
  const T = dayFromIso(evaluation.asOf) as number;
  const asOfMonth = monthOfDay(T);
  const future = useMemo(() => Array.from({ length: 12 }, (_, k) => isoMonth(asOfMonth + 1 + k)), [asOfMonth]);
  const plan = p.nextLevel ? p.examPlans[p.nextLevel] : [];
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const [passMonth, setPassMonth] = useState<Readonly<Record<number, string>>>({});
  const [revenueText, setRevenueText] = useState<Readonly<Record<string, string>>>({});

  const person = (i: number): string => {
    const x = plan[i];
    if (!x) return '';
    return x.newIndividual !== null ? t('plan.newIndividual', { n: x.newIndividual }) : x.individual;
  };
  const monthOf = (i: number): string => passMonth[i] ?? future[0] as string;

  const revenue = useAssumedRevenue(future, revenueText, locale, p.partnerId);

  // The real outlook: the badge, the caption and the chart's own lines never take assumptions.
  const real = useMemo(() => run.whatIf({ passes: [], revenue: [] }, [p.partnerId]).partners[0], [run, p.partnerId]);
  const { timeline, assuming } = useMemo(() => {
    const passes: AssumedPass[] = [...ticked].flatMap((i) => {
      const x = plan[i];
      const date = passDateInMonth(passMonth[i] ?? future[0] as string, evaluation.asOf);
      // Existing people by their key (the table may key them by e-mail or MCP ID), new ones by name.
      return x && date ? [{ partnerId: p.partnerId, individual: x.individualKey ?? person(i), exam: x.exams[0] ?? '', date }] : [];
    });
    return {
      timeline: run.whatIf({ passes, revenue: revenue.ok }, [p.partnerId]).partners[0],
      assuming: passes.length + revenue.ok.length > 0,
    };
    // person() reads only the plan and the translator, which change with the partner and locale.
  }, [run, evaluation, p.partnerId, ticked, passMonth, revenue.ok, future, plan]);
  if (!timeline || !real) return <></>;
  const name = p.partnerId === null ? t('status.oneOrganisation') : p.name ?? p.partnerId;
  const now = real.points.find((x) => x.kind === 'as-of');
  const summary = t('ui.chart.summary', {
    level: t(`level.${now?.level ?? p.level}`), asOf: evaluation.asOf,
    ttm: formatUsd(now?.ttmRevenueCents ?? p.ttmRevenueCents, locale, 'when-not-whole'), outlook: outlookText(real.outlook, locale),
  });

  return (
    <section className={s.section} data-testid="timeline" aria-label={t('ui.chart.label', { partner: name })}>
      <TimelineChart points={real.points} whatIfPoints={assuming ? timeline.points : undefined} label={t('ui.chart.label', { partner: name })} summary={summary} locale={locale} t={t} />
      <section className={s.whatif} aria-labelledby={`${headingId}`} data-testid="whatif">
      <Text size={300} weight="semibold" as="h4" id={headingId}>{t('ui.whatif.title')}</Text>
      {plan.length > 0 && <PlanList plan={plan} ticked={ticked} setTicked={setTicked} monthOf={monthOf} setPassMonth={setPassMonth} future={future} person={person} locale={locale} t={t} />}
      <RevenueFields future={future} text={revenueText} setText={setRevenueText} bad={revenue.bad} locale={locale} t={t} />
      <div className={s.item} role="status">
        {assuming && <Text size={200} className={s.result} data-testid="whatif-result">{t('ui.whatif.result', { outlook: outlookText(timeline.outlook, locale) })}</Text>}
        {assuming && <Button size="small" onClick={() => { setTicked(new Set()); setRevenueText({}); }}>{t('ui.whatif.clear')}</Button>}
      </div>
      <Text size={100}>{t('ui.whatif.note')}</Text>
      </section>
    </section>
  );
}

/**
 * The expected revenue fields as assumptions: each read as the revenue column would read it;
 * unreadable ones are reported beside their field and left out.
 */
function useAssumedRevenue(future: readonly string[], text: Readonly<Record<string, string>>, locale: Locale, partnerId: string | null): { ok: AssumedRevenue[]; bad: Record<string, string> } {
  return useMemo(() => {
    const ok: AssumedRevenue[] = [];
    const bad: Record<string, string> = {};
    for (const month of future) {
      const value = (text[month] ?? '').trim();
      if (value === '') continue;
      const r = readMoneyCents(value, locale);
      if (r.ok) ok.push({ partnerId, month, amountCents: r.value });
      else bad[month] = value;
    }
    return { ok, bad };
  }, [future, text, locale, partnerId]);
}

interface PlanListProps {
  readonly plan: readonly PlannedExam[];
  readonly ticked: ReadonlySet<number>;
  readonly setTicked: Dispatch<SetStateAction<ReadonlySet<number>>>;
  readonly monthOf: (i: number) => string;
  readonly setPassMonth: Dispatch<SetStateAction<Readonly<Record<number, string>>>>;
  readonly future: readonly string[];
  readonly person: (i: number) => string;
  readonly locale: Locale;
  readonly t: Translate;
}

/** The exam plan's passes as checkboxes, each with the month it would happen in. */
function PlanList({ plan, ticked, setTicked, monthOf, setPassMonth, future, person, locale, t }: PlanListProps): JSX.Element {
  const s = useStyles();
  return (
    <ul className={s.plan} data-testid="whatif-plan">
      {plan.map((x, i) => {
        const text = t('ui.whatif.pass', { individual: person(i), exam: x.exams[0] ?? '', month: monthLabel(monthOf(i), locale) });
        return (
          <li key={i} className={s.item}>
            <Checkbox
              label={text}
              checked={ticked.has(i)}
              data-testid="whatif-pass"
              onChange={(_e, d) => setTicked((old) => {
                const next = new Set(old);
                if (d.checked === true) next.add(i); else next.delete(i);
                return next;
              })}
            />
            <Select
              size="small"
              aria-label={`${t('ui.whatif.month')}: ${person(i)}, ${x.exams[0] ?? ''}`}
              value={monthOf(i)}
              onChange={(_e, d) => setPassMonth((old) => ({ ...old, [i]: d.value }))}
            >
              {future.map((m) => <option key={m} value={m}>{monthLabel(m, locale)}</option>)}
            </Select>
          </li>
        );
      })}
    </ul>
  );
}

interface RevenueFieldsProps {
  readonly future: readonly string[];
  readonly text: Readonly<Record<string, string>>;
  readonly setText: Dispatch<SetStateAction<Readonly<Record<string, string>>>>;
  readonly bad: Readonly<Record<string, string>>;
  readonly locale: Locale;
  readonly t: Translate;
}

/** The next 12 months' expected revenue, behind a toggle. */
function RevenueFields({ future, text: revenueText, setText: setRevenueText, bad, locale, t }: RevenueFieldsProps): JSX.Element {
  const s = useStyles();
  const [showRevenue, setShowRevenue] = useState(false);
  return (
    <>
      <div>
      <Button size="small" appearance="subtle" aria-expanded={showRevenue} onClick={() => setShowRevenue((v) => !v)} data-testid="whatif-revenue-toggle">
        {t('ui.whatif.revenue', { month: `${monthLabel(future[0] as string, locale)} – ${monthLabel(future[11] as string, locale)}` })}
      </Button>
    </div>
    {showRevenue && (
      <div className={s.months}>
        {future.map((m) => (
          <Field
            key={m}
            size="small"
            label={t('ui.whatif.revenue', { month: monthLabel(m, locale) })}
            validationState={bad[m] !== undefined ? 'error' : 'none'}
            validationMessage={bad[m] !== undefined ? t('ui.whatif.invalidAmount', { value: bad[m] }) : null}
          >
            <Input
              inputMode="decimal"
              value={revenueText[m] ?? ''}
              data-testid={`whatif-revenue-${m}`}
              onChange={(_e, d) => setRevenueText((old) => ({ ...old, [m]: d.value }))}
            />
          </Field>
        ))}
      </div>
    )}
    </>
  );
}
