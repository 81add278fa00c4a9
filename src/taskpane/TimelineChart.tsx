/**
 * A partner's timeline as a small SVG line chart: TTM revenue month by month (solid up to the
 * as-of date, dashed after it: the forecast), the Silver and Gold thresholds of the rulebook in
 * force each month (labelled lines), y-axis ticks in compact amounts ("US$ 100K"), dots for the
 * months at a level, and a marker at the as-of date. Plain SVG (no chart library: the pane's
 * bundle stays small), coloured with Fluent UI tokens so light and dark themes both work. Drawn in
 * the pixels it is given (its width measured), so text keeps its size at any width.
 *
 * Accessible: the chart is one focusable image with a short summary as its description; hovering
 * a month, or focus and the arrow keys, show the same readout of that month; a legend names every
 * mark; and a visually hidden table holds every figure for screen readers.
 */
import type { JSX, KeyboardEvent, PointerEvent, RefObject } from 'react';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { TimelinePoint } from '../core';
import { formatUsd, type Locale, type Translate } from '../i18n';

/** Height of the drawing in CSS pixels, and its width until it is measured. */
const H = 170, DEFAULT_W = 320;
const PAD = { right: 8, top: 10, bottom: 20 };
/** Width of one character of axis text, roughly (10 px text): room for the labels without measuring. */
const CHAR_W = 6;
/** Text sizes in CSS pixels (one SVG unit is one pixel: they do not grow with the width). */
const FONT = { tick: 10, label: 10 };

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  svg: {
    width: '100%', height: `${H}px`, display: 'block', borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  legend: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground2 },
  key: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: { width: '16px', height: 0, borderTopWidth: '2px', display: 'inline-block' },
  tick: { width: 0, height: '10px', borderLeftWidth: '1px', borderLeftStyle: 'solid', display: 'inline-block' },
  dot: { width: '6px', height: '6px', borderRadius: '50%', display: 'inline-block' },
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

/**
 * "YYYY-MM" as a short month name in the user's language ("Mar 2018").
 * @example monthLabel("2018-03", "en-US") === "Mar 2018"
 * @throws nothing
 */
export function monthLabel(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/**
 * Round tick values (in cents) from 0 to at least `maxCents`, at most five: steps of 1, 2 or 5
 * times a power of ten (in dollars).
 * @example yTicks(30_000_000) // [0, 10_000_000, 20_000_000, 30_000_000]
 * @throws nothing
 */
export function yTicks(maxCents: number): number[] {
  const max = Math.max(1, maxCents / 100);
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((k) => k * power >= raw) ?? 10) * power;
  const out: number[] = [];
  for (let k = 0; ; k++) {
    out.push(Math.round(k * step * 100));
    if (k * step >= max - step * 1e-9) return out;
  }
}

/**
 * An amount in cents as a compact figure in the user's language ("100K", "1,5 Mio."), for axes.
 * @example compactUsd(10_000_000, "en-US") === "100K"
 * @throws nothing
 */
export function compactUsd(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(cents / 100);
}

/** SVG path through points, "M x y L x y ...". */
const path = (xy: readonly (readonly [number, number])[]): string => xy.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`).join(' ');

/** Where months and amounts go on a drawing `w` pixels wide. */
interface Scale {
  readonly w: number;
  /** Left edge of the plot: right of the y-axis labels. */
  readonly left: number;
  readonly n: number;
  readonly asOfIndex: number;
  readonly ticks: readonly number[];
  readonly x: (i: number) => number;
  readonly y: (cents: number) => number;
  /** The month under a horizontal position in pixels. */
  readonly monthAt: (px: number) => number;
}

function scaleOf(points: readonly TimelinePoint[], whatIfPoints: readonly TimelinePoint[] | undefined, w: number, tickText: (cents: number) => string): Scale {
  const n = points.length;
  const all = whatIfPoints ? [...points, ...whatIfPoints] : points;
  const ticks = yTicks(Math.max(1, ...all.map((p) => Math.max(p.ttmRevenueCents, p.thresholdsCents.gold))) * 1.05);
  const top = ticks[ticks.length - 1] ?? 1;
  const bottom = Math.min(0, ...all.map((p) => p.ttmRevenueCents));
  const left = 8 + CHAR_W * Math.max(...ticks.map((c) => tickText(c).length));
  const span = w - left - PAD.right;
  const x = (i: number): number => left + (n <= 1 ? 0 : (i * span) / (n - 1));
  const y = (cents: number): number => PAD.top + ((top - cents) * (H - PAD.top - PAD.bottom)) / (top - bottom || 1);
  const monthAt = (px: number): number => Math.min(n - 1, Math.max(0, n <= 1 ? 0 : Math.round(((px - left) * (n - 1)) / span)));
  return { w, left, n, asOfIndex: Math.max(0, points.findIndex((p) => p.kind === 'as-of')), ticks, x, y, monthAt };
}

/** The drawing's width in CSS pixels, followed as the pane resizes. */
function useWidth(ref: RefObject<SVGSVGElement | null>): number {
  const [w, setW] = useState(DEFAULT_W);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const measure = (): void => { const width = Math.round(el.getBoundingClientRect().width); if (width > 0) setW(width); };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return w;
}

/** The month shown in the readout: hovered, or stepped through with the keys once focused. */
function usePointer(scale: Scale): {
  active: number | null;
  onKeyDown: (e: KeyboardEvent<SVGSVGElement>) => void;
  onFocus: () => void;
  onPointerMove: (e: PointerEvent<SVGSVGElement>) => void;
  onPointerLeave: (e: PointerEvent<SVGSVGElement>) => void;
} {
  const [active, setActive] = useState<number | null>(null);
  const { n, asOfIndex } = scale;
  return {
    active,
    onKeyDown: (e) => {
      const at = active ?? asOfIndex;
      const next = e.key === 'ArrowRight' ? Math.min(n - 1, at + 1) : e.key === 'ArrowLeft' ? Math.max(0, at - 1)
        : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : null;
      if (next === null) return;
      e.preventDefault();
      setActive(next);
    },
    onFocus: () => setActive((a) => a ?? asOfIndex),
    onPointerMove: (e) => {
      const box = e.currentTarget.getBoundingClientRect();
      setActive(scale.monthAt(((e.clientX - box.left) * scale.w) / (box.width || 1)));
    },
    // Focused, the readout stays on its month for the keys; else it goes with the pointer.
    onPointerLeave: (e) => { if (document.activeElement !== e.currentTarget) setActive(null); },
  };
}

/** The y-axis: grid lines and compact amounts. */
function YAxis({ scale, tickText }: { scale: Scale; tickText: (cents: number) => string }): JSX.Element {
  return (
    <g data-testid="y-axis">
      {scale.ticks.map((c) => (
        <g key={c}>
          <line x1={scale.left} x2={scale.w - PAD.right} y1={scale.y(c)} y2={scale.y(c)} stroke={COLORS.grid} strokeWidth={c === 0 ? 1 : 0.5} />
          <text x={scale.left - 4} y={scale.y(c)} dy="0.32em" fontSize={FONT.tick} fill={COLORS.asOf} textAnchor="end" data-testid="y-tick">
            {tickText(c)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The Silver and Gold threshold lines, each named at its right end. */
function Thresholds({ points, scale, t }: { points: readonly TimelinePoint[]; scale: Scale; t: Translate }): JSX.Element {
  const last = points[points.length - 1];
  return (
    <g>
      {(['silver', 'gold'] as const).map((level) => (
        <g key={level}>
          <path d={path(points.map((p, i) => [scale.x(i), scale.y(p.thresholdsCents[level])] as const))} fill="none" stroke={COLORS[level]} strokeWidth={1.5} strokeDasharray="2 3" data-series={level} />
          {last && (
            <text x={scale.w - PAD.right} y={scale.y(last.thresholdsCents[level]) - 3} fontSize={FONT.label} fill={COLORS[level]} textAnchor="end" fontWeight={600} data-testid={`${level}-label`}>
              {t(`level.${level}`)}
            </text>
          )}
        </g>
      ))}
    </g>
  );
}

/**
 * The months labelled under the plot: the as-of month, and the first and the last where they
 * leave room (at task-pane width "As of 2018-06-30" would run into "Jun 2019").
 */
function monthLabels(scale: Scale, text: (i: number) => string): number[] {
  const { n, asOfIndex, x } = scale;
  const half = (i: number): number => (CHAR_W * text(i).length) / 2;
  // The first label starts at its month and the last ends at its month: each runs its full width towards the as-of month's centred one.
  const clear = (i: number): boolean => Math.abs(x(i) - x(asOfIndex)) > half(asOfIndex) + 2 * half(i) + 4;
  return [0, asOfIndex, n - 1].filter((i, k, all) => i >= 0 && i < n && all.indexOf(i) === k && (i === asOfIndex || clear(i)));
}

/** The TTM line (solid, then dashed as forecast), the what-if line, the as-of marker, month labels and the dots. */
function Marks({ points, whatIfPoints, scale, active, locale, t }: { points: readonly TimelinePoint[]; whatIfPoints: readonly TimelinePoint[] | undefined; scale: Scale; active: number | null; locale: Locale; t: Translate }): JSX.Element {
  const { x, y, n, asOfIndex } = scale;
  const line = (from: number, to: number): string => path(points.slice(from, to + 1).map((p, k) => [x(from + k), y(p.ttmRevenueCents)] as const));
  const monthText = (i: number): string => (i === asOfIndex ? t('ui.chart.asOf', { date: points[i]?.date ?? '' }) : monthLabel(points[i]?.month ?? '', locale));
  const months = monthLabels(scale, monthText);
  return (
    <g>
      <path d={line(0, asOfIndex)} fill="none" stroke={COLORS.ttm} strokeWidth={2.5} data-series="ttm" />
      <path d={line(asOfIndex, n - 1)} fill="none" stroke={COLORS.ttm} strokeWidth={2.5} strokeDasharray="6 4" data-series="forecast" data-testid="forecast-line" />
      {whatIfPoints && (
        <path d={path(whatIfPoints.slice(asOfIndex).map((p, k) => [x(asOfIndex + k), y(p.ttmRevenueCents)] as const))}
          fill="none" stroke={COLORS.whatIf} strokeWidth={2} strokeDasharray="1 3" strokeLinecap="round" data-series="what-if" data-testid="whatif-line" />
      )}
      <line x1={x(asOfIndex)} x2={x(asOfIndex)} y1={PAD.top} y2={H - PAD.bottom} stroke={COLORS.asOf} strokeWidth={1} data-series="as-of" />
      {active !== null && <line x1={x(active)} x2={x(active)} y1={PAD.top} y2={H - PAD.bottom} stroke={COLORS.ttm} strokeWidth={0.75} strokeDasharray="2 2" data-testid="chart-cursor" />}
      {points.map((p, i) => (
        <circle key={p.month} cx={x(i)} cy={y(p.ttmRevenueCents)} r={i === active ? 4 : p.level === 'none' ? 0 : 2}
          fill={p.level === 'gold' ? COLORS.gold : p.level === 'silver' ? COLORS.silver : COLORS.ttm} stroke={i === active ? COLORS.ttm : 'none'} />
      ))}
      {months.map((i) => (
        <text key={i} x={x(i)} y={H - 5} fontSize={FONT.tick} fill={COLORS.asOf} textAnchor={i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}>
          {monthText(i)}
        </text>
      ))}
    </g>
  );
}

/** The legend: every mark drawn, in the order drawn. */
function Legend({ whatIf, t }: { whatIf: boolean; t: Translate }): JSX.Element {
  const s = useStyles();
  const line = (style: 'solid' | 'dashed' | 'dotted', color: string, text: string): JSX.Element => (
    <span className={s.key}><span className={s.swatch} style={{ borderTopStyle: style, borderTopColor: color }} />{text}</span>
  );
  return (
    <div className={s.legend} aria-hidden="true" data-testid="chart-legend">
      {line('solid', COLORS.ttm, t('ui.chart.ttm'))}
      {line('dashed', COLORS.ttm, t('ui.chart.forecast'))}
      {line('dotted', COLORS.silver, t('ui.chart.silverLine'))}
      {line('dotted', COLORS.gold, t('ui.chart.goldLine'))}
      <span className={s.key}><span className={s.tick} style={{ borderLeftColor: COLORS.asOf }} />{t('ui.chart.asOfLine')}</span>
      <span className={s.key}><span className={s.dot} style={{ backgroundColor: COLORS.silver, border: `1px solid ${COLORS.silver}` }} />{t('ui.chart.dotSilver')}</span>
      <span className={s.key}><span className={s.dot} style={{ backgroundColor: COLORS.gold, border: `1px solid ${COLORS.gold}` }} />{t('ui.chart.dotGold')}</span>
      {whatIf && line('dotted', COLORS.whatIf, t('ui.chart.whatIf'))}
    </div>
  );
}

/** Every month's figures as a table, for screen readers. */
function ChartTable({ points, locale, t }: { points: readonly TimelinePoint[]; locale: Locale; t: Translate }): JSX.Element {
  const s = useStyles();
  const usd = (cents: number): string => formatUsd(cents, locale, 'when-not-whole');
  return (
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
  );
}

/**
 * One month in words, as the readout shows it on hover, focus and the arrow keys.
 * @example describeMonth(point, "en-US", t) === "Jun 2018: TTM revenue US$ 240,000, Gold"
 * @throws nothing
 */
export function describeMonth(p: TimelinePoint, locale: Locale, t: Translate): string {
  return `${monthLabel(p.month, locale)}: ${t('ui.chart.ttm')} US$ ${formatUsd(p.ttmRevenueCents, locale, 'when-not-whole')}, ${t(`level.${p.level}`)}${p.kind === 'forecast' ? ` (${t('ui.chart.forecast')})` : ''}`;
}

/** The chart. */
export function TimelineChart({ points, whatIfPoints, label, summary, locale, t }: TimelineChartProps): JSX.Element {
  const s = useStyles();
  const id = useId();
  const ref = useRef<SVGSVGElement>(null);
  const tickText = (cents: number): string => t('ui.chart.usd', { amount: compactUsd(cents, locale) });
  const scale = scaleOf(points, whatIfPoints, useWidth(ref), tickText);
  const { active, ...handlers } = usePointer(scale);
  const shown = active === null ? undefined : points[active];
  return (
    <figure className={s.figure} data-testid="timeline-chart">
      <svg ref={ref} className={s.svg} viewBox={`0 0 ${scale.w} ${H}`} role="img" tabIndex={0} aria-label={label} aria-describedby={`${id}-summary`} {...handlers}>
        <YAxis scale={scale} tickText={tickText} />
        <Thresholds points={points} scale={scale} t={t} />
        <Marks points={points} whatIfPoints={whatIfPoints} scale={scale} active={active} locale={locale} t={t} />
      </svg>
      <Legend whatIf={whatIfPoints !== undefined} t={t} />
      <div className={s.readout} aria-live="polite" data-testid="chart-readout">{shown ? describeMonth(shown, locale, t) : ''}</div>
      <figcaption id={`${id}-summary`} data-testid="chart-summary">{summary}</figcaption>
      <ChartTable points={points} locale={locale} t={t} />
    </figure>
  );
}
