/**
 * Next steps in words (docs/rules.md 15): the sentence every surface leads with ("Book US$ 23,000
 * of DPOR revenue by 31 Aug 2018 to keep Silver"), from core's nextSteps. Only presentation.
 */
import type { NextStep, PartnerNextSteps, PersonPlan, RevenueByMonth } from '../core';
import { formatUsd, t, type Locale } from '../i18n';

const DAY_FORMATS = new Map<Locale, Intl.DateTimeFormat>();
/** Days already said, per locale: next steps name a few dozen distinct month-ends for thousands of partners. */
const DAY_TEXTS = new Map<Locale, Map<string, string>>();

/** The day format of a locale, made once. */
function dayFormat(locale: Locale): Intl.DateTimeFormat {
  let format = DAY_FORMATS.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'en-US' ? 'en-GB' : locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    DAY_FORMATS.set(locale, format);
  }
  return format;
}

/** en-GB's short month names, as Intl.DateTimeFormat("en-GB") writes them ("Sept", not "Sep"). */
const EN_GB_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/**
 * A day of years 1900-9999 as dayFormat("en-US") writes it ("1 Sept 2018"), without Intl: the
 * first DateTimeFormat of a process loads ICU's calendar data (~10-25 ms, more than every
 * sentence of a 2,000-partner --json). Undefined for other years (Intl says those: ICU's
 * calendar is Julian before 1582). plan-text.test.ts compares the two.
 */
export function enGbDay(ms: number): string | undefined {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < 1900 || year > 9999) return undefined;
  return `${d.getUTCDate()} ${EN_GB_MONTHS[d.getUTCMonth()] as string} ${year}`;
}

/**
 * A day as people write it in a sentence: "31 Aug 2018" (en-US too: day before month cannot be
 * misread), "31/08/2018"-free forms in the other languages.
 * @example dayText("2018-08-31", "en-US") === "31 Aug 2018"
 * @throws nothing
 */
export function dayText(iso: string, locale: Locale): string {
  let said = DAY_TEXTS.get(locale);
  if (!said) DAY_TEXTS.set(locale, said = new Map());
  let text = said.get(iso);
  if (text === undefined) {
    const ms = Date.parse(`${iso}T00:00:00Z`);
    text = Number.isNaN(ms) ? iso : (locale === 'en-US' ? enGbDay(ms) : undefined) ?? dayFormat(locale).format(ms);
    if (said.size < 4096) said.set(iso, text);
  }
  return text;
}

/**
 * One person's part of an exam plan: "Min-jun Kim passes a deployment exam (MB2-710, MB2-706, MB2-715)".
 * @example personPlanText({ person: null, personKey: null, newPerson: 1, exams: [{ role: "customization", anyOf: ["MB2-712"] }], by: null }, "en-US") === "New person 1 passes a customization exam (MB2-712)"
 * @throws nothing
 */
export function personPlanText(item: PersonPlan, locale: Locale): string {
  const who = item.newPerson !== null ? t(locale, 'plan.newIndividual', { n: item.newPerson }) : (item.person ?? '');
  const exams = item.exams.map((e) => `${t(locale, `role.${e.role}`)} (${e.anyOf.join(', ')})`)
    .reduce((first, second) => t(locale, 'next.and', { first, second }));
  return t(locale, 'next.personPasses', { who, exams });
}

const and = (locale: Locale, parts: readonly string[]): string => parts.reduce((first, second) => t(locale, 'next.and', { first, second }));

function revenueAction(entry: RevenueByMonth, locale: Locale): string {
  return t(locale, 'next.bookRevenueBy', { amount: formatUsd(entry.totalCents, locale, 'when-not-whole'), date: dayText(entry.by, locale) });
}

function examsAction(plans: readonly PersonPlan[], locale: Locale): string {
  // Plans due on the first day only: later ones are for a later step.
  const by = plans[0]?.by ?? null;
  const first = plans.filter((p) => p.by === by).map((p) => personPlanText(p, locale));
  const plan = and(locale, first);
  return by === null ? plan : t(locale, 'next.examsBy', { plan, date: dayText(by, locale) });
}

/**
 * One step as a sentence: a keep step says what is due first (the first revenue entry, the exams
 * that refill the first slot to empty, or both when both end the level), a reach step today's
 * revenue gap and exam plan, or the day the level comes on its own.
 * @example stepText(steps[0], "en-US") === "Book US$ 23,000 of DPOR revenue by 31 Aug 2018 to keep Silver"
 * @throws nothing
 */
export function stepText(step: NextStep, locale: Locale): string {
  const level = t(locale, `level.${step.level}`);
  if (step.kind === 'keep') {
    const parts: string[] = [];
    const revenue = step.revenue[0];
    if (step.cause !== 'exams' && revenue) parts.push(revenueAction(revenue, locale));
    if (step.cause !== 'revenue' && step.exams.length > 0) parts.push(examsAction(step.exams, locale));
    if (parts.length === 0 && revenue) parts.push(revenueAction(revenue, locale));
    return t(locale, 'next.keep', { action: and(locale, parts), level });
  }
  if (step.reachedOn !== null) return t(locale, 'next.reachedOn', { level, date: dayText(step.reachedOn, locale) });
  const parts: string[] = [];
  if (step.revenueCents > 0) parts.push(t(locale, 'next.bookRevenue', { amount: formatUsd(step.revenueCents, locale, 'when-not-whole') }));
  if (step.exams.length > 0) parts.push(examsAction(step.exams, locale));
  return parts.length === 0 ? '' : t(locale, 'next.reach', { action: and(locale, parts), level });
}

/**
 * The next step of a partner in one sentence: its first step's ("" when it has none).
 * @example nextStepText(run.nextSteps()[3], "en-US") === "Book US$ 23,000 of DPOR revenue by 31 Aug 2018 to keep Silver"
 * @throws nothing
 */
export function nextStepText(partner: PartnerNextSteps | undefined, locale: Locale): string {
  const first = partner?.steps[0];
  return first ? stepText(first, locale) : '';
}

