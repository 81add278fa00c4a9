/**
 * A corpus of files shaped like the ones partners really have, generated from a seed: Partner
 * Center Insights revenue and training downloads (their column names), a distributor's billing
 * export with SKU names, a European CSV (semicolons, decimal commas, day-first dates), with title
 * rows above tables and notes below them. Each file comes with what a correct evaluation says
 * about it, worked out here from the competency page's rules (a reference independent of the
 * evaluator): every partner's TTM revenue and level, and every unknown product with its rows and
 * revenue.
 */
import { prng } from './prng';

/** Product names as billing systems and Partner Center write them, by how they count (2017-11 rules). */
export const COUNTING = [
  'Microsoft Dynamics CRM Online Professional', 'CRM Online Basic', 'Dynamics CRM Online Enterprise',
  'Dynamics 365 Plan 1 Enterprise Edition', 'Dynamics 365 Customer Engagement Plan Enterprise Edition',
  'Dynamics 365 for Sales, Enterprise Edition', 'Dynamics 365 Customer Engagement (formerly Plan 1)',
];
export const NOT_COUNTING = [
  'Office 365 E3', 'Microsoft 365 Business', 'Azure subscription', 'Dynamics 365 for Finance and Operations, Enterprise edition',
  'Dynamics 365 for Operations', 'Power BI Pro', 'Dynamics NAV 2018',
];
export const UNKNOWN = ['Contoso CRM Online Connector', 'Fabrikam Field Sync Add-in', 'Dynamics 365 for Team Members'];

/** One revenue row as the corpus means it. */
export interface CorpusRevenue { partnerId: string; product: string; date: string; amountCents: number; dpor: boolean }
/** One exam pass. */
export interface CorpusPass { partnerId: string; first: string; last: string; mcpId: string; exam: string; date: string }

/** What a correct evaluation says about a corpus. */
export interface Expected {
  /** By partner id: TTM revenue in cents and level. */
  readonly partners: Readonly<Record<string, { ttmCents: number; level: 'gold' | 'silver' | 'none' }>>;
  /** By unknown product name: rows and total cents. */
  readonly unknown: Readonly<Record<string, { rows: number; cents: number }>>;
}

/** A corpus: its rows (as meant), and what to expect as of `asOf` in a developed market. */
export interface Corpus {
  readonly asOf: string;
  readonly revenue: readonly CorpusRevenue[];
  readonly passes: readonly CorpusPass[];
  readonly expected: Expected;
}

const TEAMS: Readonly<Record<'gold' | 'silver' | 'none', readonly (readonly string[])[]>> = {
  // Each inner list is one person's exams (2017-11 rules): application + deployment, or customization.
  gold: [['MB2-714', 'MB2-710'], ['MB2-717', 'MB2-715'], ['MB2-712'], ['MB2-716']],
  silver: [['MB2-713', 'MB2-706'], ['MB2-707']],
  none: [['MB2-714']],
};
const THRESHOLD = { silver: 100_000_00, gold: 300_000_00 };
// The TTM window of 2018-06-30 is 2017-07-01 .. 2018-06-30: counted rows are dated inside it.
const WINDOW = { start: '2017-07-01', end: '2018-06-30' };

const iso = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * Generates a distributor's resellers: each gets a target level (revenue and exam team to match),
 * its revenue spread over the TTM window of 2018-06-30 in counting SKU names, plus rows that must
 * not count (other Microsoft products, older than the window, not DPOR, unknown products).
 * @example const corpus = makeCorpus(7, 6); corpus.expected.partners["1001"].level
 */
export function makeCorpus(seed: number, partners: number): Corpus {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const revenue: CorpusRevenue[] = [];
  const passes: CorpusPass[] = [];
  const expectedPartners: Record<string, { ttmCents: number; level: 'gold' | 'silver' | 'none' }> = {};
  const unknown: Record<string, { rows: number; cents: number }> = {};
  for (let k = 0; k < partners; k++) {
    const partnerId = String(1001 + k);
    const target = (['gold', 'silver', 'none'] as const)[k % 3] as 'gold' | 'silver' | 'none';
    // Revenue that counts: just over the target's threshold (or well under Silver for none).
    const goal = target === 'gold' ? THRESHOLD.gold + 12_345_67 : target === 'silver' ? THRESHOLD.silver + 5_000_00 : 40_000_00;
    let ttm = 0;
    const n = 4 + Math.floor(rand() * 5);
    for (let i = 0; i < n; i++) {
      const cents = i === n - 1 ? goal - ttm : Math.round((goal / n) * (0.5 + rand() * 0.5));
      ttm += cents;
      revenue.push({ partnerId, product: pick(COUNTING), date: iso(2017 + (i % 2), i % 2 === 0 ? 8 + (i % 5) : 1 + (i % 6), 1 + Math.floor(rand() * 28)), amountCents: cents, dpor: true });
    }
    // Rows that must not count.
    revenue.push({ partnerId, product: pick(NOT_COUNTING), date: '2018-02-10', amountCents: 9_999_00, dpor: true });
    revenue.push({ partnerId, product: pick(COUNTING), date: '2017-05-31', amountCents: 77_000_00, dpor: true }); // before the window
    revenue.push({ partnerId, product: pick(COUNTING), date: '2018-03-03', amountCents: 55_000_00, dpor: false });
    if (k % 2 === 1) {
      const name = UNKNOWN[k % UNKNOWN.length] as string;
      const cents = 1_000_00 * (k + 1) + 50;
      revenue.push({ partnerId, product: name, date: '2018-04-04', amountCents: cents, dpor: true });
      const u = (unknown[name] ??= { rows: 0, cents: 0 });
      u.rows++;
      u.cents += cents;
    }
    expectedPartners[partnerId] = { ttmCents: ttm, level: target };
    TEAMS[target].forEach((exams, person) => {
      for (const exam of exams) {
        passes.push({ partnerId, first: pick(['Ana', 'Bruno', 'Chen', 'Dana', 'Eun-ji', 'Franz', 'Giulia']), last: `P${partnerId}-${person}`, mcpId: `${partnerId}${person}`, exam, date: '2017-12-01' });
      }
    });
  }
  return { asOf: WINDOW.end, revenue, passes, expected: { partners: expectedPartners, unknown } };
}

const csvCell = (v: string, sep: string): string => (v.includes(sep) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: readonly (readonly string[])[], sep = ','): string => `${rows.map((r) => r.map((c) => csvCell(c, sep)).join(sep)).join('\r\n')}\r\n`;

/** Partner Center Insights revenue download (its column names; months as the first of the month). */
export function insightsRevenueCsv(c: Corpus): string {
  return csv([
    ['MPNId', 'PartnerName', 'CustomerTenantId', 'CustomerName', 'Workload', 'Month', 'RevenueUSD', 'PartnerAttributionType'],
    ...c.revenue.map((r, i) => [r.partnerId, `Reseller ${r.partnerId}`, `tenant-${i}`, `Customer ${i % 17}`, r.product, `${r.date.slice(0, 7)}-01`, (r.amountCents / 100).toFixed(2), r.dpor ? 'DPOR' : 'Transacting']),
  ]);
}

/** Partner Center Insights training download. */
export function insightsTrainingCsv(c: Corpus): string {
  return csv([
    ['MPNId', 'IndividualFirstName', 'IndividualLastName', 'MCPID', 'TrainingTitle', 'TrainingCompletionDate'],
    ...c.passes.map((p) => [p.partnerId, p.first, p.last, p.mcpId, `Exam ${p.exam}`, p.date]),
  ]);
}

/**
 * A distributor's billing export as sheets of cells: a title row and a note above the table, SKU
 * names, amounts with a currency sign, and a total row below it after an empty row.
 */
export function distributorBillingSheets(c: Corpus): { name: string; values: (string | number | null)[][] }[] {
  const total = c.revenue.reduce((s, r) => s + r.amountCents, 0) / 100;
  return [
    {
      name: 'Billing',
      values: [
        ['Contoso Distribution: reseller billing export'],
        ['Generated for channel management; amounts in US$ before tax'],
        [],
        ['MPN ID', 'Reseller', 'Customer name', 'SKU name', 'Invoice date', 'Amount (USD)', 'Attribution type'],
        ...c.revenue.map((r, i) => [r.partnerId, `Reseller ${r.partnerId}`, `Customer ${i % 11}`, r.product, r.date, `$${(r.amountCents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`, r.dpor ? 'DPOR' : 'Transacting']),
        [],
        ['Total', null, null, null, null, total, null],
      ],
    },
    {
      name: 'Certifications',
      values: [
        ['MPN ID', 'MCP ID', 'First name', 'Last name', 'Exam', 'Date passed'],
        ...c.passes.map((p) => [p.partnerId, p.mcpId, p.first, p.last, p.exam, p.date]),
      ],
    },
  ];
}

/** A European CSV: semicolons, decimal commas and thousands dots, day-first dates, German headers. */
export function europeanRevenueCsv(c: Corpus): string {
  const de = (cents: number): string => (cents / 100).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const dayFirst = (d: string): string => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
  // No title line above this one: the CLI picks a CSV's delimiter from its first line (#13 owns
  // making that robust); title rows are exercised by the billing workbook.
  return csv([
    ['Partner-ID', 'Kunde', 'Produkt', 'Datum', 'Betrag', 'Zuordnung'],
    ...c.revenue.map((r, i) => [r.partnerId, `Kunde ${i}`, r.product, dayFirst(r.date), de(r.amountCents), r.dpor ? 'Ja' : 'Nein']),
  ], ';');
}

/** The matching certifications as a European CSV. */
export function europeanTrainingCsv(c: Corpus): string {
  const dayFirst = (d: string): string => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
  return csv([
    ['Partner-ID', 'Vorname', 'Nachname', 'MCP ID', 'Prüfung', 'Bestanden am'],
    ...c.passes.map((p) => [p.partnerId, p.first, p.last, p.mcpId, p.exam, dayFirst(p.date)]),
  ], ';');
}
