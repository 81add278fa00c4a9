/**
 * The product catalogue of a rulebook: which product names count towards the competency, which
 * Microsoft products are known not to, and everything else ("unknown product"). Billing systems and
 * Partner Center name SKUs and editions ("Microsoft Dynamics CRM Online Professional",
 * "Dynamics 365 Plan 1 Enterprise Edition"), not the family the competency page names, so names
 * are matched by normalised tokens rather than by equality or substrings:
 *
 * - a name is cut into tokens (lower case, NFKC, words, numbers, runs of Han or Hangul; "Plan1"
 *   is "plan 1"); tokens the catalogue ignores ("microsoft", "license", "for") are dropped and
 *   token aliases applied ("d365" is "dynamics 365", "plano" is "plan");
 * - a non-counting spelling matches when all its tokens are in the name (whatever else the name
 *   says: "Dynamics 365 for Operations, Enterprise Edition Plan 1" never counts), unless the name
 *   holds one of the spelling's `unless` tokens ("Microsoft 365" is not "Microsoft Dynamics 365");
 * - an eligible spelling matches when all its tokens are in the name and every other token is one
 *   of its family's qualifiers (editions, plan words): "CRM Online" does not match inside
 *   "Contoso CRM Online Connector".
 *
 * Token order, case and spacing never matter. Pure and table-driven: the data is in the rulebook
 * JSON.
 */
import { RulebookError } from './errors';
import type { Schema } from './schema';
import { groupTotals } from './totals';

/** How a product name is treated under one rulebook. */
export type ProductKind = 'eligible' | 'not-eligible' | 'unknown';

/** The catalogue as written in a rulebook's JSON. */
export interface ProductCatalogueData {
  /** Tokens that never change what a name means ("microsoft", "subscription", "for"). */
  readonly ignoredTokens: readonly string[];
  /** Tokens written for other tokens: "d365" means "dynamics 365", "plano" means "plan". */
  readonly tokenAliases: readonly { readonly token: string; readonly means: string }[];
  readonly eligible: readonly {
    readonly family: string;
    readonly spellings: readonly string[];
    /** Words a SKU or edition adds to a spelling that keep it in the family ("professional"). */
    readonly qualifiers: readonly string[];
  }[];
  readonly notCounting: readonly {
    readonly family: string;
    readonly spellings: readonly string[];
    /** A name holding any of these is not this family ("dynamics" for "Microsoft 365"). */
    readonly unless?: readonly string[];
  }[];
}

/** The schema of a catalogue (part of the rulebook schema). */
export const CATALOGUE_SCHEMA: Schema = {
  type: 'object',
  properties: {
    ignoredTokens: { type: 'array', items: { type: 'string', minLength: 1 } },
    tokenAliases: { type: 'array', items: { type: 'object', properties: { token: { type: 'string', minLength: 1 }, means: { type: 'string', minLength: 1 } } } },
    eligible: {
      type: 'array', minItems: 1, items: {
        type: 'object',
        properties: {
          family: { type: 'string', minLength: 1 },
          spellings: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          qualifiers: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    },
    notCounting: {
      type: 'array', items: {
        type: 'object',
        optional: ['unless'],
        properties: {
          family: { type: 'string', minLength: 1 },
          spellings: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          unless: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    },
  },
};

const HAN = /\p{Script=Han}/u;
const HANGUL = /\p{Script=Hangul}/u;
const DIGIT = /\p{N}/u;

/** 0 other letter, 1 digit, 2 Han, 3 Hangul: a token ends where the class changes. */
function charClass(ch: string): number {
  return DIGIT.test(ch) ? 1 : HAN.test(ch) ? 2 : HANGUL.test(ch) ? 3 : 0;
}

/**
 * The raw tokens of a name: lower case after NFKC, split at anything that is not a letter or a
 * digit and where letters meet digits or scripts change, except that a whole word that is a
 * known alias ("d365", "o365") is kept whole so the alias can apply.
 * @example rawTokens("Dynamics365 計畫1 (formerly Plan 1)") // ["dynamics","365","計畫","1","formerly","plan","1"]
 */
export function rawTokens(name: string, keepWhole: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const word of name.normalize('NFKC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    if (keepWhole.has(word)) { out.push(word); continue; }
    let start = 0;
    let cls = -1;
    let i = 0;
    for (const ch of word) {
      const c = /\p{M}/u.test(ch) ? cls : charClass(ch);
      if (cls !== -1 && c !== cls) { out.push(word.slice(start, i)); start = i; }
      cls = c;
      i += ch.length;
    }
    out.push(word.slice(start));
  }
  return out;
}

/** A compiled catalogue: classifies product names. */
export interface ProductCatalogue {
  /**
   * How a name is treated, and the family it belongs to (null for unknown names).
   * @example catalogue.classify("Microsoft Dynamics CRM Online Professional") // { kind: "eligible", family: "CRM Online" }
   */
  classify(name: string): { readonly kind: ProductKind; readonly family: string | null };
  /** The name's meaningful tokens, sorted and de-duplicated, joined by a space: equal keys mean the same product. */
  key(name: string): string;
}

interface Spelling { readonly tokens: readonly string[]; readonly family: string; readonly allowed: ReadonlySet<string>; readonly unless: ReadonlySet<string> }

/**
 * Compiles a catalogue (already schema-checked). Throws RulebookError at `path` when a spelling
 * has no meaningful token or an eligible spelling is also a non-counting one (a contradiction).
 * @example compileCatalogue(rulebookJson.productCatalogue, "$.productCatalogue").classify("Azure").kind === "not-eligible"
 */
export function compileCatalogue(data: ProductCatalogueData, path: string): ProductCatalogue {
  const aliasList = data.tokenAliases.map((a) => ({ token: a.token.normalize('NFKC').toLowerCase(), means: a.means }));
  const keepWhole = new Set(aliasList.map((a) => a.token));
  const aliases = new Map<string, string[]>();
  const ignored = new Set(data.ignoredTokens.flatMap((t) => rawTokens(t)));
  for (const a of aliasList) aliases.set(a.token, rawTokens(a.means).filter((t) => !ignored.has(t)));
  const tokens = (name: string): string[] => {
    const out = new Set<string>();
    for (const raw of rawTokens(name, keepWhole)) {
      if (ignored.has(raw)) continue;
      const alias = aliases.get(raw);
      if (alias) for (const t of alias) out.add(t);
      else out.add(raw);
    }
    return [...out];
  };
  const spell = (text: string, at: string): string[] => {
    const t = tokens(text);
    if (t.length === 0) throw new RulebookError(at, `"${text}" has no word that is not ignored`);
    return t;
  };
  const notCounting: Spelling[] = [];
  data.notCounting.forEach((f, i) => {
    const unless = new Set((f.unless ?? []).flatMap((u) => tokens(u)));
    f.spellings.forEach((s, j) => notCounting.push({ tokens: spell(s, `${path}.notCounting[${i}].spellings[${j}]`), family: f.family, allowed: new Set(), unless }));
  });
  const matchesNotCounting = (set: ReadonlySet<string>): Spelling | undefined =>
    notCounting.find((s) => s.tokens.every((t) => set.has(t)) && ![...s.unless].some((u) => set.has(u)));
  const eligible: Spelling[] = [];
  data.eligible.forEach((f, i) => {
    const allowed = new Set(f.qualifiers.flatMap((q) => tokens(q)));
    f.spellings.forEach((s, j) => {
      const at = `${path}.eligible[${i}].spellings[${j}]`;
      const t = spell(s, at);
      const clash = matchesNotCounting(new Set(t));
      if (clash) throw new RulebookError(at, `"${s}" is also a spelling of the non-counting ${clash.family}`);
      eligible.push({ tokens: t, family: f.family, allowed, unless: new Set() });
    });
  });
  // Most specific spelling first, so "Dynamics 365 Customer Engagement" wins over a shorter one.
  eligible.sort((a, b) => b.tokens.length - a.tokens.length);
  const cache = new Map<string, { kind: ProductKind; family: string | null }>();
  return {
    classify(name: string) {
      let hit = cache.get(name);
      if (hit) return hit;
      const set = new Set(tokens(name));
      const no = matchesNotCounting(set);
      if (no) hit = { kind: 'not-eligible', family: no.family };
      else {
        const yes = eligible.find((s) => s.tokens.every((t) => set.has(t)) && [...set].every((t) => s.tokens.includes(t) || s.allowed.has(t)));
        hit = yes ? { kind: 'eligible', family: yes.family } : { kind: 'unknown', family: null };
      }
      if (cache.size < 10_000) cache.set(name, hit);
      return hit;
    },
    key: (name: string) => tokens(name).sort().join(' '),
  };
}

/** One row of a user's own product mapping: a product name and whether it counts. */
export interface ProductMapping {
  readonly product: string;
  readonly counts: boolean;
}

/** The rulebook methods product classification needs (a Rulebook has them). */
export interface ProductClassifier {
  classifyProduct(product: string): ProductKind;
  productKey(product: string): string;
}

/**
 * How each distinct product name is treated under several rulebooks at once: `mask` has bit r set
 * when the product counts under rulebook r; `unknown[k]` is 1 when product k is unknown under the
 * first rulebook (the one in force). A user's mapping overrides the catalogue (first row wins for
 * a name); a mapped name is never unknown.
 * @example productClasses(["CRM Online Professional", "Widget"], [rulebook]) // { mask: [1, 0], unknown: [0, 1] }
 */
export function productClasses(
  names: readonly string[], books: readonly ProductClassifier[], mapping: readonly ProductMapping[] = [],
): { mask: Int32Array; unknown: Uint8Array } {
  const mask = new Int32Array(names.length);
  const unknown = new Uint8Array(names.length);
  const maps = books.map((b) => {
    const m = new Map<string, boolean>();
    for (const row of mapping) {
      const k = b.productKey(row.product);
      if (k !== '' && !m.has(k)) m.set(k, row.counts);
    }
    return m;
  });
  names.forEach((name, k) => {
    let bits = 0;
    books.forEach((b, r) => {
      const mapped = maps[r]?.get(b.productKey(name));
      const kind: ProductKind = mapped === undefined ? b.classifyProduct(name) : mapped ? 'eligible' : 'not-eligible';
      if (kind === 'eligible') bits |= 1 << r;
      if (r === 0 && kind === 'unknown') unknown[k] = 1;
    });
    mask[k] = bits;
  });
  return { mask, unknown };
}

/** A product name no catalogue or mapping places, with the rows and revenue it holds. */
export interface UnknownProduct {
  readonly product: string;
  /** Revenue rows naming it. */
  readonly rows: number;
  /** Their readable amounts, in US cents, whatever their date. */
  readonly amountCents: number;
  /** The part of it dated within the TTM window (what could have counted). */
  readonly windowCents: number;
  /** Index of its first revenue row (a record index), so adapters can point at a cell. */
  readonly firstRow: number;
  /** The partner (index into the columns' partnerIds) of all its rows, or -1 when several partners have it. */
  readonly partner: number;
}

/**
 * Sums the rows and revenue of every unknown product, in order of first appearance.
 * @example unknownProductTotals(columns, classes.unknown, start, asOfDay)[0] // { product: "Widget", rows: 2, amountCents: 5000, ... }
 */
export function unknownProductTotals(
  rev: {
    readonly length: number; readonly products: readonly string[]; readonly product: Int32Array; readonly partner: Int32Array;
    readonly day: Int32Array; readonly amountCents: Float64Array;
  },
  unknown: Uint8Array, windowStart: number, asOfDay: number,
): UnknownProduct[] {
  if (!unknown.includes(1)) return [];
  // Each unknown product is its own group.
  const groupOf = Int32Array.from(unknown, (u, k) => (u ? k : -1));
  return groupTotals(rev.product, groupOf, rev, windowStart, asOfDay).map(({ value, rows, amountCents, windowCents, firstRow, partner }) =>
    ({ product: rev.products[value] as string, rows, amountCents, windowCents, firstRow, partner }));
}
