/**
 * --assume-pass and --assume-revenue: what-if assumptions from the command line.
 *
 *   --assume-pass    "[partner/]person:exam:YYYY-MM-DD"   e.g. "P1/Sara Conti:MB2-710:2018-03-15"
 *   --assume-revenue "[partner/]YYYY-MM:amount"           e.g. "P1/2018-03:25000" (US$)
 *
 * The partner prefix is needed when the workbook has more than one partner; with a single
 * partner (or none: one organisation) it may be left out. A person may be written as the
 * certification table writes them (name, e-mail or MCP ID, any case). Parsing only: what the
 * assumptions mean is core's (src/core/whatif.ts).
 */
import { checkAssumptions, type AssumedPass, type AssumedRevenue, type Assumptions, type AssumptionProblemCode } from '../core';
import { UsageError } from './errors';

/** A value the user must fix: the CLI exits 2 with this message. */
export class AssumptionSyntaxError extends UsageError {}

const WHY: Readonly<Record<AssumptionProblemCode, string>> = {
  'individual.empty': 'names no person',
  'exam.unknown': 'names an exam that is not a Cloud CRM exam',
  'date.invalid': 'has a date that is not a real day of the form YYYY-MM-DD',
  'month.invalid': 'has a month that is not of the form YYYY-MM',
  'amount.invalid': 'has an amount that is not a number of US$',
  'partner.unknown': 'names a partner the workbook does not have',
};

/** Splits an optional "partner/" prefix off (the first "/"; people and months hold none). */
function partnerPrefix(text: string): { partner: string | undefined; rest: string } {
  const slash = text.indexOf('/');
  return slash < 0 ? { partner: undefined, rest: text } : { partner: text.slice(0, slash).trim(), rest: text.slice(slash + 1) };
}

/**
 * Parses the flags' values into assumptions (partners still as written: see resolvePartners).
 * Throws AssumptionSyntaxError naming the flag and value when one does not have the form.
 * @example parseAssumptions(["P1/Sara Conti:MB2-710:2018-03-15"], ["P1/2018-03:25000"]).revenue // [{ partnerId: "P1", month: "2018-03", amountCents: 2500000 }]
 */
export function parseAssumptions(passes: readonly string[], revenue: readonly string[]): Assumptions {
  const parsedPasses: AssumedPass[] = passes.map((text) => {
    const { partner, rest } = partnerPrefix(text);
    // The date and the exam are the last two fields; a person's name is everything before.
    const m = /^(.*):([^:]+):([^:]+)$/.exec(rest);
    if (!m) throw new AssumptionSyntaxError(`--assume-pass "${text}" is not of the form "[partner/]person:exam:YYYY-MM-DD", e.g. "P1/Sara Conti:MB2-710:2018-03-15"`);
    return { partnerId: partner, individual: (m[1] as string).trim(), exam: (m[2] as string).trim(), date: (m[3] as string).trim() };
  });
  const parsedRevenue: AssumedRevenue[] = revenue.map((text) => {
    const { partner, rest } = partnerPrefix(text);
    const m = /^\s*(\d{4}-\d{2})\s*:\s*(-?\d+(?:\.\d{1,2})?)\s*$/.exec(rest);
    if (!m) throw new AssumptionSyntaxError(`--assume-revenue "${text}" is not of the form "[partner/]YYYY-MM:amount" with the amount in US$, e.g. "P1/2018-03:25000"`);
    return { partnerId: partner, month: m[1] as string, amountCents: Math.round(Number(m[2]) * 100) };
  });
  return { passes: parsedPasses, revenue: parsedRevenue };
}

/**
 * Gives every assumption its partner and checks it against the workbook's partners: without a
 * prefix, the only partner (or the one organisation); with more than one partner the prefix is
 * required. Throws AssumptionSyntaxError with the value the user typed.
 * @example resolvePartners(parsed, ["P1"], raw) // every assumption now for P1
 */
export function resolvePartners(
  assumptions: Assumptions,
  partnerIds: readonly (string | null)[],
  raw: { readonly passes: readonly string[]; readonly revenue: readonly string[] },
): Assumptions {
  const only = partnerIds.length === 1 ? partnerIds[0] ?? null : undefined;
  const resolve = (flag: string, text: string, id: string | null | undefined): string | null => {
    if (id !== undefined && id !== null) return id;
    if (only !== undefined) return only;
    const example = partnerIds.find((p) => p !== null) ?? 'P1';
    throw new AssumptionSyntaxError(`${flag} "${text}": the workbook has ${partnerIds.length} partners; say which one, e.g. "${example}/${text}"`);
  };
  const resolved: Assumptions = {
    passes: (assumptions.passes ?? []).map((a, i) => ({ ...a, partnerId: resolve('--assume-pass', raw.passes[i] ?? '', a.partnerId) })),
    revenue: (assumptions.revenue ?? []).map((a, i) => ({ ...a, partnerId: resolve('--assume-revenue', raw.revenue[i] ?? '', a.partnerId) })),
  };
  const problem = checkAssumptions(resolved, { partnerIds })[0];
  if (problem) {
    const text = problem.kind === 'pass' ? raw.passes[problem.index] : raw.revenue[problem.index];
    throw new AssumptionSyntaxError(`--assume-${problem.kind === 'pass' ? 'pass' : 'revenue'} "${text ?? ''}" ${WHY[problem.code]}`);
  }
  return resolved;
}
