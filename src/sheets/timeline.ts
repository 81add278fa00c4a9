/**
 * Timelines as text and cells: the outlook sentence (CLI, pane), the event descriptions, and the
 * Competency Timeline table (sheet, MPN.TIMELINE). Only presentation: every figure comes from
 * core's timeline.
 */
import type { Level, Outlook, PartnerTimeline, Timeline, TimelineCursor, TimelineEvent, TimelinePoint } from '../core';
import { formatUsd, t, type Locale, type MessageKey } from '../i18n';
import type { ColumnFormat, OutCell, OutputTable, OutputTableSource } from './output';

/**
 * One sentence for an outlook: the level now, until when it holds, and the higher level reached.
 * @example outlookText({ level: "silver", holdsUntil: "2018-12-31", holdsUntilCause: "revenue", rises: null }, "en-US") === "Silver now, holds until 2018-12-31"
 * @throws nothing
 */
export function outlookText(o: Outlook, locale: Locale): string {
  const parts = [t(locale, 'whatif.now', { level: t(locale, `level.${o.level}`) })];
  if (o.level !== 'none') parts.push(o.holdsUntil ? t(locale, 'whatif.holdsUntil', { date: o.holdsUntil }) : t(locale, 'whatif.holdsBeyond'));
  const text = parts.join(', ');
  if (!o.rises) return o.level === 'gold' ? text : `${text}; ${t(locale, 'whatif.noRise')}`;
  const level = t(locale, `level.${o.rises.level}`);
  return `${text}; ${o.rises.holdsUntil
    ? t(locale, 'whatif.risesUntil', { level, date: o.rises.from, until: o.rises.holdsUntil })
    : t(locale, 'whatif.rises', { level, date: o.rises.from })}`;
}

/**
 * A timeline event in words.
 * @example eventText({ kind: "exam-retired", day: "2018-01-01", exam: "MB2-709" }, "en-US") === "MB2-709 retired from 2018-01-01"
 * @throws nothing
 */
export function eventText(e: TimelineEvent, locale: Locale): string {
  switch (e.kind) {
    case 'rulebook-change': return t(locale, 'timeline.event.rulebook-change', { rulebook: e.rulebook, day: e.day });
    case 'exam-retired': return t(locale, 'timeline.event.exam-retired', { exam: e.exam, day: e.day });
    case 'exam-no-longer-accepted': return e.holders.length > 0
      ? t(locale, 'timeline.event.exam-no-longer-accepted-holders', { exam: e.exam, day: e.day, holders: e.holders.join(', ') })
      : t(locale, 'timeline.event.exam-no-longer-accepted', { exam: e.exam, day: e.day });
    case 'revenue-leaves': return t(locale, 'timeline.event.revenue-leaves', { amount: formatUsd(e.amountCents, locale), month: e.month, day: e.day });
    case 'level-change': return t(locale, 'timeline.event.level-change', { from: t(locale, `level.${e.from}`), to: t(locale, `level.${e.to}`) });
  }
}

/** One column of the Competency Timeline table, defined once for every writer and MPN.TIMELINE. */
export interface TimelineColumn {
  readonly key: string;
  readonly header: MessageKey;
  readonly format: ColumnFormat;
  readonly value: (partner: PartnerTimeline, point: TimelinePoint, locale: Locale) => OutCell;
}

/**
 * The timeline table's columns, in order. Month to Gold threshold are side by side so an Excel
 * line chart of one partner is one contiguous range.
 */
export const TIMELINE_COLUMNS: readonly TimelineColumn[] = [
  { key: 'partnerId', header: 'status.partnerId', format: 'text', value: (p, _x, l) => p.partnerId ?? t(l, 'status.oneOrganisation') },
  { key: 'name', header: 'status.name', format: 'text', value: (p) => p.name ?? '' },
  { key: 'month', header: 'timeline.month', format: 'text', value: (_p, x) => x.month },
  { key: 'ttmRevenue', header: 'status.ttmRevenue', format: 'usd', value: (_p, x) => x.ttmRevenueCents / 100 },
  { key: 'silverThreshold', header: 'timeline.silverThreshold', format: 'usd', value: (_p, x) => x.thresholdsCents.silver / 100 },
  { key: 'goldThreshold', header: 'timeline.goldThreshold', format: 'usd', value: (_p, x) => x.thresholdsCents.gold / 100 },
  { key: 'level', header: 'status.level', format: 'text', value: (_p, x, l) => t(l, `level.${x.level}`) },
  { key: 'kind', header: 'timeline.kind', format: 'text', value: (_p, x, l) => t(l, `timeline.kind.${x.kind}`) },
  { key: 'date', header: 'timeline.date', format: 'date', value: (_p, x) => ({ date: x.date }) },
  { key: 'rulebook', header: 'status.rulebook', format: 'text', value: (_p, x) => x.rulebook },
  { key: 'applicationDeployment', header: 'status.applicationDeployment', format: 'int', value: (_p, x) => x.qualified.applicationDeployment },
  { key: 'customization', header: 'status.customization', format: 'int', value: (_p, x) => x.qualified.customization },
  { key: 'silverExamsMet', header: 'status.silverExamsMet', format: 'bool', value: (_p, x) => x.examsMet.silver },
  { key: 'goldExamsMet', header: 'status.goldExamsMet', format: 'bool', value: (_p, x) => x.examsMet.gold },
  { key: 'events', header: 'timeline.events', format: 'text', value: (_p, x, l) => x.events.map((e) => eventText(e, l)).join('; ') },
];

/**
 * How the Competency Timeline sheet is laid out: "wide" one row per partner and measure with the
 * months as columns, "long" one row per partner and month (for pivot tables; MPN.TIMELINE).
 */
export type TimelineLayout = 'wide' | 'long';

/**
 * The Competency Timeline table: in the long layout (the default) one row per partner and month
 * (partners in the evaluation's order, months in order), columns as TIMELINE_COLUMNS; in the
 * wide layout two rows per partner (see wideRows).
 * @example timelineTable(run.timeline(), "en-US").rows.length === run.evaluation.partners.length * 37
 * @throws nothing
 */
export function timelineTable(tl: Timeline, locale: Locale, layout: TimelineLayout = 'long'): OutputTable {
  if (layout === 'wide') return { ...wideHead(locale, (tl.partners[0]?.points ?? []).map((x) => x.month)), rows: wideRows(tl, locale) };
  return { ...timelineHead(locale), rows: timelineRows(tl, locale) };
}

const timelineHead = (locale: Locale): Omit<OutputTable, 'rows'> => ({
  sheetName: t(locale, 'sheet.timeline'),
  tableName: 'CompetencyTimeline',
  columns: TIMELINE_COLUMNS.map((c) => ({ key: c.key, header: t(locale, c.header), format: c.format })),
});

function timelineRows(tl: Timeline, locale: Locale): OutCell[][] {
  const rows: OutCell[][] = [];
  for (const p of tl.partners) for (const x of p.points) rows.push(TIMELINE_COLUMNS.map((c) => c.value(p, x, locale)));
  return rows;
}

/** The columns before the months in the wide layout (kept in view when scrolling through the months). */
const WIDE_KEYS = 3;

/**
 * The wide layout's columns: partner, name, measure, one per month (the month as header; level
 * words filled gold or silver), then the thresholds of the as-of month beside them.
 */
function wideHead(locale: Locale, months: readonly string[]): Omit<OutputTable, 'rows'> {
  const colours = [{ text: t(locale, 'level.gold'), fill: 'gold' as const }, { text: t(locale, 'level.silver'), fill: 'silver' as const }];
  return {
    sheetName: t(locale, 'sheet.timeline'),
    tableName: 'CompetencyTimeline',
    frozenColumns: WIDE_KEYS,
    columns: [
      { key: 'partnerId', header: t(locale, 'status.partnerId'), format: 'text' },
      { key: 'name', header: t(locale, 'status.name'), format: 'text' },
      { key: 'measure', header: t(locale, 'timeline.measure'), format: 'text' },
      ...months.map((month) => ({ key: `month:${month}`, header: month, format: 'usd' as const, colours })),
      { key: 'silverThreshold', header: t(locale, 'timeline.silverThreshold'), format: 'usd' },
      { key: 'goldThreshold', header: t(locale, 'timeline.goldThreshold'), format: 'usd' },
    ],
  };
}

/** The words of the wide layout, made once per table: the measures' names, the organisation's, each level's. */
interface WideWords {
  readonly oneOrganisation: string;
  readonly ttmRevenue: string;
  readonly level: string;
  readonly levelText: (level: Level) => string;
}

/** A partner's pair of wide rows: TTM revenue by month with the as-of month's thresholds, then the level by month. */
function widePair(
  partner: { readonly partnerId: string | null; readonly name: string | null }, ttmCents: readonly number[], levels: readonly Level[],
  thresholds: Readonly<Record<'silver' | 'gold', number>> | undefined, words: WideWords,
): [OutCell[], OutCell[]] {
  const id = partner.partnerId ?? words.oneOrganisation;
  const name = partner.name ?? '';
  return [
    [id, name, words.ttmRevenue, ...ttmCents.map((c) => c / 100), thresholds ? thresholds.silver / 100 : null, thresholds ? thresholds.gold / 100 : null],
    [id, name, words.level, ...levels.map(words.levelText), null, null],
  ];
}

/** Level words, made once per level. */
function levelTexts(locale: Locale): (level: Level) => string {
  const texts = new Map<Level, string>();
  return (level) => {
    let text = texts.get(level);
    if (text === undefined) { text = t(locale, `level.${level}`); texts.set(level, text); }
    return text;
  };
}

/** The wide layout's words in a language. */
function wideWords(locale: Locale): WideWords {
  return { oneOrganisation: t(locale, 'status.oneOrganisation'), ttmRevenue: t(locale, 'status.ttmRevenue'), level: t(locale, 'status.level'), levelText: levelTexts(locale) };
}

/** Two rows per partner: TTM revenue by month with the as-of month's thresholds, then the level by month. */
function wideRows(tl: Timeline, locale: Locale): OutCell[][] {
  const rows: OutCell[][] = [];
  const words = wideWords(locale);
  for (const p of tl.partners) {
    const asOf = p.points.find((x) => x.kind === 'as-of') ?? p.points[p.points.length - 1];
    rows.push(...widePair(p, p.points.map((x) => x.ttmRevenueCents), p.points.map((x) => x.level), asOf?.thresholdsCents, words));
  }
  return rows;
}

/**
 * The Competency Timeline table of an evaluation (the same rows as timelineTable of the whole
 * timeline in `layout`), its rows made on demand from `cursor` (a run's timelines), one partner
 * at a time as a writer goes through the rows: at 10,000 partners (370,000 long rows) only one
 * partner's rows are ever held, and the input's rows are gone through once. The wide layout asks
 * the cursor for each partner's measures only, not its points' other figures and events.
 * @example const src = timelineSource(run.timelines(), "en-US"); for (let i = 0; i < src.rows.length; i++) write(src.rows.row(i))
 * @throws nothing
 */
export function timelineSource(cursor: TimelineCursor, locale: Locale, layout: TimelineLayout = 'long'): OutputTableSource {
  const partners = cursor.partners.length;
  const perPartner = layout === 'wide' ? 2 : cursor.months.length;
  const words = wideWords(locale);
  let loaded = -1;
  let rows: OutCell[][] = [];
  const load = (p: number): OutCell[][] => {
    if (p === loaded) return rows;
    if (layout === 'wide') {
      const m = cursor.measures(p);
      rows = widePair(cursor.partners[p] as TimelineCursor['partners'][number], m.ttmRevenueCents, m.levels, m.asOfThresholdsCents, words);
    } else rows = timelineRows({ asOf: cursor.asOf, partners: [cursor.at(p)] }, locale);
    loaded = p;
    return rows;
  };
  return {
    // Every partner has the same months; without partners there are none (as timelineTable).
    ...(layout === 'wide' ? wideHead(locale, partners === 0 ? [] : cursor.months) : timelineHead(locale)),
    rows: {
      length: perPartner * partners,
      row: (i) => {
        const p = Math.floor(i / perPartner);
        if (i < 0 || p >= partners) return [];
        return [...(load(p)[i - p * perPartner] as OutCell[])];
      },
    },
  };
}
