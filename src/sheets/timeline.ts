/**
 * Timelines as text and cells: the outlook sentence (CLI, pane) and the event descriptions.
 * Only presentation: every figure comes from core's timeline.
 */
import type { Outlook, TimelineEvent } from '../core';
import { t, type Locale } from '../i18n';

const usd = (cents: number, locale: Locale): string =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);

/**
 * One sentence for an outlook: the level now, until when it holds, and the higher level reached.
 * @example outlookText({ level: "silver", holdsUntil: "2018-12-31", holdsUntilCause: "revenue", rises: null }, "en-US") === "Silver now, holds until 2018-12-31"
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
 */
export function eventText(e: TimelineEvent, locale: Locale): string {
  switch (e.kind) {
    case 'rulebook-change': return t(locale, 'timeline.event.rulebook-change', { rulebook: e.rulebook, day: e.day });
    case 'exam-retired': return t(locale, 'timeline.event.exam-retired', { exam: e.exam, day: e.day });
    case 'exam-no-longer-accepted': return e.holders.length > 0
      ? t(locale, 'timeline.event.exam-no-longer-accepted-holders', { exam: e.exam, day: e.day, holders: e.holders.join(', ') })
      : t(locale, 'timeline.event.exam-no-longer-accepted', { exam: e.exam, day: e.day });
    case 'revenue-leaves': return t(locale, 'timeline.event.revenue-leaves', { amount: usd(e.amountCents, locale), month: e.month, day: e.day });
    case 'level-change': return t(locale, 'timeline.event.level-change', { from: t(locale, `level.${e.from}`), to: t(locale, `level.${e.to}`) });
  }
}
