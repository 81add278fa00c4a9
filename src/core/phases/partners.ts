/**
 * Phase 0 of an evaluation: the partners. Every id any table mentions, in natural order, and
 * where the rows of each table belong (an index per distinct partner id of the columns, so no
 * per-row array is needed).
 */
import type { CertificationColumns, PartnerRecord, RevenueColumns } from '../columns';
import type { Market } from '../rulebook';

const ZERO = 48, NINE = 57;
const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;

/**
 * The id with each run of digits, leading zeros dropped, padded to `width`: under plain string
 * order such keys compare numbers as numbers.
 */
function naturalKey(id: string, width: number): string {
  let key = '';
  for (let i = 0; i < id.length;) {
    let j = i;
    if (!isDigit(id.charCodeAt(i))) {
      while (j < id.length && !isDigit(id.charCodeAt(j))) j++;
      key += id.slice(i, j);
    } else {
      while (j < id.length && id.charCodeAt(j) === ZERO) j++;
      const from = j;
      while (j < id.length && isDigit(id.charCodeAt(j))) j++;
      key += (from === j ? '0' : id.slice(from, j)).padStart(width, '0');
    }
    i = j;
  }
  return key;
}

/**
 * Sorts partner ids in natural order ("P2" before "P10", "2" before "10") without a locale, so
 * the order is the same on every machine; ids that differ only in leading zeros go by plain order.
 * Keys are built once per id by a character scan, padded only as wide as the longest number
 * (short keys compare fast: this sort runs over every partner of a distributor's workbook).
 * @example sortPartnerIds(["P10", "P2", "p1"]) // ["P2", "P10", "p1"]
 */
export function sortPartnerIds(ids: Iterable<string>): string[] {
  const list = [...ids];
  let width = 1;
  for (const id of list) {
    for (let i = 0; i < id.length;) {
      while (i < id.length && (!isDigit(id.charCodeAt(i)) || id.charCodeAt(i) === ZERO)) i++;
      const from = i;
      while (i < id.length && isDigit(id.charCodeAt(i))) i++;
      width = Math.max(width, i - from);
    }
  }
  const keyed = list.map((id) => ({ id, key: naturalKey(id, width) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((k) => k.id);
}

/** The partners of an evaluation. */
export interface PartnerIndex {
  /** Ids in natural order; '' is the one organisation of a workbook without partner ids. */
  readonly ids: readonly string[];
  /** The partners table's first row for each id. */
  readonly info: ReadonlyMap<string, PartnerRecord>;
  /** Index into `ids` of each distinct partner id of the revenue / certification columns. */
  readonly revenuePartnerOf: Int32Array;
  readonly certificationPartnerOf: Int32Array;
}

/**
 * The union of every table's partner ids, in a stable order. A workbook with no rows at all is
 * still one organisation, with no level and a plan.
 * @example indexPartners(revenueColumns([]), certificationColumns([]), []).ids // [""]
 */
export function indexPartners(revenue: RevenueColumns, certifications: CertificationColumns, partners: readonly PartnerRecord[]): PartnerIndex {
  const info = new Map<string, PartnerRecord>();
  for (const p of partners) {
    const id = typeof p.partnerId === 'string' ? p.partnerId : '';
    if (!info.has(id)) info.set(id, p);
  }
  const all = new Set<string>([...revenue.partnerIds, ...certifications.partnerIds, ...info.keys()]);
  if (all.size === 0) all.add('');
  const ids = sortPartnerIds(all);
  const indexOf = new Map<string, number>();
  ids.forEach((id, i) => indexOf.set(id, i));
  const revenuePartnerOf = Int32Array.from(revenue.partnerIds, (id) => indexOf.get(id) ?? 0);
  const certificationPartnerOf = Int32Array.from(certifications.partnerIds, (id) => indexOf.get(id) ?? 0);
  return { ids, info, revenuePartnerOf, certificationPartnerOf };
}

/** Where a partner's market came from: the partners table, the caller's setting, or the default. */
export type MarketSource = 'partners' | 'setting' | 'default';

const isMarket = (m: unknown): m is Market => m === 'developed' || m === 'developing';

/**
 * A partner's market: its partners-table row, else the caller's setting, else developed.
 * @example marketOf({ partnerId: "P1", market: "developing" }, undefined) // { market: "developing", source: "partners" }
 */
export function marketOf(info: PartnerRecord | undefined, setting: Market | undefined): { readonly market: Market; readonly source: MarketSource } {
  const listed = info?.market;
  if (isMarket(listed)) return { market: listed, source: 'partners' };
  if (isMarket(setting)) return { market: setting, source: 'setting' };
  return { market: 'developed', source: 'default' };
}
