/**
 * --assume-pass and --assume-revenue: what-if assumptions from the command line.
 *
 *   --assume-pass    "[partner/]person:exam:YYYY-MM-DD"   e.g. "P1/Sara Conti:MB2-710:2018-03-15"
 *   --assume-revenue "[partner/]YYYY-MM:amount"           e.g. "P1/2018-03:25000" (US$)
 *
 * The partner prefix may be left out with a single partner (or none: one organisation), and for
 * a pass when the person belongs to exactly one partner. A person may be written as the
 * certification table writes them (name, e-mail or MCP ID, any case); one the partner's
 * certifications do not hold is a new person, with a warning naming the nearest name. Parsing
 * only: what the assumptions mean is core's (src/core/whatif.ts, src/core/people.ts).
 */
import { checkAssumptions, type AssumedPass, type AssumedRevenue, type Assumptions, type AssumptionProblemCode } from '../core';
import { t, type Locale } from '../i18n';
import { UsageError, type CliMessageKey } from './errors';
import { idKey } from './select';

/** What the run knows of a person typed in a pass (see Run.person). */
export type PersonLookup = (individual: string, partnerId?: string | null) => { partners: (string | null)[]; nearest: string | undefined };

/** A value the user must fix: the CLI exits 2 with this message. */
export class AssumptionSyntaxError<K extends CliMessageKey = CliMessageKey> extends UsageError<K> {}

/** Each problem core finds in an assumption is a message of its own (every one takes {flag} and {value}). */
const WHY = {
  'individual.empty': 'cli.error.assume.individual.empty',
  'exam.unknown': 'cli.error.assume.exam.unknown',
  'date.invalid': 'cli.error.assume.date.invalid',
  'month.invalid': 'cli.error.assume.month.invalid',
  'amount.invalid': 'cli.error.assume.amount.invalid',
  'partner.unknown': 'cli.error.assume.partner.unknown',
} as const satisfies Readonly<Record<AssumptionProblemCode, CliMessageKey>>;

/** Splits an optional "partner/" prefix off (the first "/"; people and months hold none). */
function partnerPrefix(text: string): { partner: string | undefined; rest: string } {
  const slash = text.indexOf('/');
  return slash < 0 ? { partner: undefined, rest: text } : { partner: text.slice(0, slash).trim(), rest: text.slice(slash + 1) };
}

/**
 * Parses the flags' values into assumptions (partners still as written: see resolvePartners).
 * Throws AssumptionSyntaxError naming the flag and value when one does not have the form.
 * @example parseAssumptions(["P1/Sara Conti:MB2-710:2018-03-15"], ["P1/2018-03:25000"]).revenue // [{ partnerId: "P1", month: "2018-03", amountCents: 2500000 }]
 * @throws AssumptionSyntaxError (a UsageError) for a --assume-pass or --assume-revenue not of the documented form
 */
export function parseAssumptions(passes: readonly string[], revenue: readonly string[]): Assumptions {
  const parsedPasses: AssumedPass[] = passes.map((text) => {
    const { partner, rest } = partnerPrefix(text);
    // The date and the exam are the last two fields; a person's name is everything before.
    const m = /^(.*):([^:]+):([^:]+)$/.exec(rest);
    if (!m) throw new AssumptionSyntaxError('cli.error.assumePassForm', { value: text });
    return { partnerId: partner, individual: (m[1] as string).trim(), exam: (m[2] as string).trim(), date: (m[3] as string).trim() };
  });
  const parsedRevenue: AssumedRevenue[] = revenue.map((text) => {
    const { partner, rest } = partnerPrefix(text);
    const m = /^\s*(\d{4}-\d{2})\s*:\s*(-?\d+(?:\.\d{1,2})?)\s*$/.exec(rest);
    if (!m) throw new AssumptionSyntaxError('cli.error.assumeRevenueForm', { value: text });
    return { partnerId: partner, month: m[1] as string, amountCents: Math.round(Number(m[2]) * 100) };
  });
  return { passes: parsedPasses, revenue: parsedRevenue };
}

/**
 * Gives every assumption its partner and checks it against the workbook's partners: without a
 * prefix, the only partner (or the one organisation), or for a pass the one partner whose
 * certifications hold the person (`person`); otherwise the prefix is required. A prefix names a
 * partner as --partner does: "00123/" is partner 123, "p1/" is P1 (select.ts idKey). Throws
 * AssumptionSyntaxError with the value the user typed.
 * @example resolvePartners(parsed, ["P1"], raw) // every assumption now for P1
 * @throws AssumptionSyntaxError (a UsageError) when the partner cannot be told (a person of several partners, or of none, among several) or the assumption names no known partner, person or month
 */
export function resolvePartners(
  assumptions: Assumptions,
  partnerIds: readonly (string | null)[],
  raw: { readonly passes: readonly string[]; readonly revenue: readonly string[] },
  person?: PersonLookup,
): Assumptions {
  const only = partnerIds.length === 1 ? partnerIds[0] ?? null : undefined;
  // A typed prefix names the workbook's partner as --partner does ("00123/" is partner 123, "p1/" is P1).
  const byKey = new Map(partnerIds.flatMap((p) => (p === null ? [] : [[idKey(p), p] as const])));
  const resolve = (flag: string, text: string, id: string | null | undefined, individual?: string): string | null => {
    if (id !== undefined && id !== null) return partnerIds.includes(id) ? id : byKey.get(idKey(id)) ?? id;
    if (only !== undefined) return only;
    const theirs = individual !== undefined && person ? person(individual).partners : [];
    if (theirs.length === 1) return theirs[0] ?? null;
    if (theirs.length > 1) {
      throw new AssumptionSyntaxError('cli.error.assumePersonPartners', { flag, value: text, person: individual ?? '', partners: theirs.join(', '), example: `${theirs[0] ?? ''}/${text}` });
    }
    const example = partnerIds.find((p) => p !== null) ?? 'P1';
    throw new AssumptionSyntaxError('cli.error.assumePartner', { flag, value: text, count: partnerIds.length, example: `${example}/${text}` });
  };
  const resolved: Assumptions = {
    passes: (assumptions.passes ?? []).map((a, i) => ({ ...a, partnerId: resolve('--assume-pass', raw.passes[i] ?? '', a.partnerId, a.individual) })),
    revenue: (assumptions.revenue ?? []).map((a, i) => ({ ...a, partnerId: resolve('--assume-revenue', raw.revenue[i] ?? '', a.partnerId) })),
  };
  const problem = checkAssumptions(resolved, { partnerIds })[0];
  if (problem) {
    const text = problem.kind === 'pass' ? raw.passes[problem.index] : raw.revenue[problem.index];
    throw new AssumptionSyntaxError(WHY[problem.code], { flag: `--assume-${problem.kind === 'pass' ? 'pass' : 'revenue'}`, value: text ?? '' });
  }
  return resolved;
}

/**
 * One warning per assumed pass whose person the partner's certifications do not hold: the pass
 * makes a new person, which is what a planned hire is, and what a slip ("Minjun Kim") silently
 * was; the warning names the nearest existing name when one is near.
 * @example newPersonWarnings(resolved, raw, run.person.bind(run), "en-US") // ['--assume-pass "Minjun Kim:MB2-710:2018-09-01": no one called Minjun Kim in the certifications of 1005; treated as a new person; did you mean Min-jun Kim?']
 * @throws nothing
 */
export function newPersonWarnings(resolved: Assumptions, raw: { readonly passes: readonly string[] }, person: PersonLookup, locale: Locale): string[] {
  return (resolved.passes ?? []).flatMap((a, i) => {
    const partnerId = a.partnerId ?? null;
    const found = person(a.individual, partnerId);
    if (found.partners.includes(partnerId)) return [];
    const params = { flag: '--assume-pass', value: raw.passes[i] ?? '', person: a.individual, partner: partnerId ?? t(locale, 'status.oneOrganisation') };
    return [found.nearest === undefined ? t(locale, 'cli.warning.newPerson', params) : t(locale, 'cli.warning.newPersonNear', { ...params, nearest: found.nearest })];
  });
}
