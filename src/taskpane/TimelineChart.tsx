/**
 * A partner's timeline as a small SVG line chart: TTM revenue month by month (solid up to the
 * as-of date, dashed after it: the forecast), the Silver and Gold thresholds of the rulebook in
 * force each month, and a marker at the as-of date. Plain SVG (no chart library: the pane's
 * bundle stays small), coloured with Fluent UI tokens so light and dark themes both work.
 *
 * Accessible: the chart is one focusable image with a short summary as its description; the
 * arrow keys step through the months and announce each one; and a visually hidden table holds
 * every figure for screen readers.
 */
import type { JSX, KeyboardEvent } from 'react';
import { useId, useState } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { TimelinePoint } from '../core';
import { formatUsd, type Locale, type Translate } from '../i18n';

const W = 320, H = 150;
const PAD = { left: 4, right: 4, top: 8, bottom: 18 };

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  svg: {
    width: '100%', height: 'auto', display: 'block', borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  legend: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground2 },
  key: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: { width: '16px', height: 0, borderTopWidth: '2px', display: 'inline-block' },
  readout: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground1, minHeight: '1.4em' },
  hidden: {
    position: 'absolute', width: '1px', height: '1px', padding: 0, margin: '-1px', overflow: 'hidden',
    clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0,
  },
});

const COLORS = {
  ttm: tokens.colorBrandForeground1,
  silver: tokens.colorNeutralForeground3,
  gold: tokens.colorPaletteMarigoldForeground1,
  asOf: tokens.colorNeutralForeground2,
  grid: tokens.colorNeutralStroke2,
  whatIf: tokens.colorPalettePurpleForeground2,
};

/** Props: the months to draw, a title for assistive technology, the summary sentence, and text. */
export interface TimelineChartProps {
  readonly points: readonly TimelinePoint[];
  /** The same months under the what-if assumptions, drawn as their own line (never replacing the real one). */
  readonly whatIfPoints?: readonly TimelinePoint[] | undefined;
  /** Names the chart ("Timeline of Contoso: ..."). */
  readonly label: string;
  /** One or two sentences saying what the chart shows (the level now, where it goes). */
  readonly summary: string;
  readonly locale: Locale;
  readonly t: Translate;
}

/** "YYYY-MM" as a short month name in the user's language ("Mar 2018"). */
export function monthLabel(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** SVG path through points, "M x y L x y ...". */
const path = (xy: readonly (readonly [number, number])[]): string => xy.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`).join(' ');

/** The chart. */
// eslint-disable-next-line max-lines-per-function -- temporary: the pane's own (issue 19) to split below 80 lines
export function TimelineChart({ points, whatIfPoints, label, summary, locale, t }: TimelineChartProps): JSX.Element {
  const s = useStyles();
  const id = useId();
  const asOfIndex = Math.max(0, points.findIndex((p) => p.kind === 'as-of'));
  const [active, setActive] = useState<number | null>(null);
  const n = points.length;
  const all = whatIfPoints ? [...points, ...whatIfPoints] : points;
  const top = Math.max(1, ...all.map((p) => Math.max(p.ttmRevenueCents, p.thresholdsCents.gold))) * 1.1;
  const bottom = Math.min(0, ...all.map((p) => p.ttmRevenueCents));
  const x = (i: number): number => PAD.left + (n <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (cents: number): number => PAD.top + ((top - cents) * (H - PAD.top - PAD.bottom)) / (top - bottom);
  const line = (from: number, to: number, value: (p: TimelinePoint) => number): string =>
    path(points.slice(from, to + 1).map((p, k) => [x(from + k), y(value(p))] as const));
  const ttm = (p: TimelinePoint): number => p.ttmRevenueCents;
  const usd = (cents: number): string => formatUsd(cents, locale, 'when-not-whole');
  const describe = (p: TimelinePoint): string =>
    `${monthLabel(p.month, locale)}: ${t('ui.chart.ttm')} US$ ${usd(p.ttmRevenueCents)}, ${t(`level.${p.level}`)}${p.kind === 'forecast' ? ` (${t('ui.chart.forecast')})` : ''}`;

  const onKey = (e: KeyboardEvent<SVGSVGElement>): void => {
    const at = active ?? asOfIndex;
    const next = e.key === 'ArrowRight' ? Math.min(n - 1, at + 1) : e.key === 'ArrowLeft' ? Math.max(0, at - 1)
      : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : null;
    if (next === null) return;
    e.preventDefault();
    setActive(next);
  };
  const shown = active === null ? null : points[active];
  // Month labels: the first, the as-of month and the last.
  const ticks = [...new Set([0, asOfIndex, n - 1])].filter((i) => i >= 0 && i < n);

  return (
    <figure className={s.figure} data-testid="timeline-chart">
      <svg
        className={s.svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        tabIndex={0}
        aria-label={label}
        aria-describedby={`${id}-summary`}
        onKeyDown={onKey}
        onFocus={() => setActive((a) => a ?? asOfIndex)}
      >
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke={COLORS.grid} strokeWidth={1} />
        <path d={line(0, n - 1, (p) => p.thresholdsCents.silver)} fill="none" stroke={COLORS.silver} strokeWidth={1.5} strokeDasharray="2 3" data-series="silver" />
        <path d={line(0, n - 1, (p) => p.thresholdsCents.gold)} fill="none" stroke={COLORS.gold} strokeWidth={1.5} strokeDasharray="2 3" data-series="gold" />
        <path d={line(0, asOfIndex, ttm)} fill="none" stroke={COLORS.ttm} strokeWidth={2.5} data-series="ttm" />
        <path d={line(asOfIndex, n - 1, ttm)} fill="none" stroke={COLORS.ttm} strokeWidth={2.5} strokeDasharray="6 4" data-series="forecast" data-testid="forecast-line" />
        {whatIfPoints && (
          <path d={path(whatIfPoints.slice(asOfIndex).map((p, k) => [x(asOfIndex + k), y(p.ttmRevenueCents)] as const))}
            fill="none" stroke={COLORS.whatIf} strokeWidth={2} strokeDasharray="1 3" strokeLinecap="round" data-series="what-if" data-testid="whatif-line" />
        )}
        <line x1={x(asOfIndex)} x2={x(asOfIndex)} y1={PAD.top} y2={H - PAD.bottom} stroke={COLORS.asOf} strokeWidth={1} data-series="as-of" />
        {points.map((p, i) => (
          <circle key={p.month} cx={x(i)} cy={y(p.ttmRevenueCents)} r={i === active ? 4 : p.level === 'none' ? 0 : 2}
            fill={p.level === 'gold' ? COLORS.gold : p.level === 'silver' ? COLORS.silver : COLORS.ttm} stroke={i === active ? COLORS.ttm : 'none'} />
        ))}
        {ticks.map((i) => (
          <text key={i} x={x(i)} y={H - 4} fontSize={9} fill={COLORS.asOf} textAnchor={i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}>
            {i === asOfIndex ? t('ui.chart.asOf', { date: points[i]?.date ?? '' }) : monthLabel(points[i]?.month ?? '', locale)}
          </text>
        ))}
      </svg>
      <div className={s.legend} aria-hidden="true">
        <span className={s.key}><span className={s.swatch} style={{ borderTopStyle: 'solid', borderTopColor: COLORS.ttm }} />{t('ui.chart.ttm')}</span>
        <span className={s.key}><span className={s.swatch} style={{ borderTopStyle: 'dashed', borderTopColor: COLORS.ttm }} />{t('ui.chart.forecast')}</span>
        <span className={s.key}><span className={s.swatch} style={{ borderTopStyle: 'dotted', borderTopColor: COLORS.silver }} />{t('level.silver')}</span>
        <span className={s.key}><span className={s.swatch} style={{ borderTopStyle: 'dotted', borderTopColor: COLORS.gold }} />{t('level.gold')}</span>
        {whatIfPoints && <span className={s.key}><span className={s.swatch} style={{ borderTopStyle: 'dotted', borderTopColor: COLORS.whatIf }} />{t('ui.chart.whatIf')}</span>}
      </div>
      <div className={s.readout} aria-live="polite" data-testid="chart-readout">{shown ? describe(shown) : ''}</div>
      <figcaption id={`${id}-summary`} data-testid="chart-summary">{summary}</figcaption>
      <div className={s.hidden} data-testid="chart-table">
        <table>
          <caption>{t('ui.chart.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('timeline.month')}</th>
              <th scope="col">{t('status.ttmRevenue')}</th>
              <th scope="col">{t('timeline.silverThreshold')}</th>
              <th scope="col">{t('timeline.goldThreshold')}</th>
              <th scope="col">{t('status.level')}</th>
              <th scope="col">{t('timeline.kind')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.month}>
                <th scope="row">{monthLabel(p.month, locale)}</th>
                <td>{usd(p.ttmRevenueCents)}</td>
                <td>{usd(p.thresholdsCents.silver)}</td>
                <td>{usd(p.thresholdsCents.gold)}</td>
                <td>{t(`level.${p.level}`)}</td>
                <td>{t(`timeline.kind.${p.kind}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
