/**
 * Finding tables by their header row (docs/rules.md 11): on any sheet, in any column order, the
 * header not necessarily in row 1, with aliases in the product's languages and the column names
 * of Partner Center's Insights downloads.
 */
import type { Cell } from './cells';
import { LOCALES, WORDS } from '../i18n';

/** The kinds of input table. */
export type TableKind = 'revenue' | 'certifications' | 'partners' | 'products';

/** Fields of each table kind. */
export type RevenueField = 'partnerId' | 'customer' | 'product' | 'date' | 'amount' | 'attribution' | 'dpor';
export type CertificationField = 'partnerId' | 'mcpId' | 'email' | 'name' | 'firstName' | 'lastName' | 'exam' | 'datePassed' | 'active';
export type PartnerField = 'partnerId' | 'name' | 'market';
/** A user's product mapping: a product name and whether it counts (overrides the catalogue). */
export type ProductField = 'product' | 'counts';
export type Field = RevenueField | CertificationField | PartnerField | ProductField;

/**
 * A header as compared: lower case, without spaces, punctuation or a "(USD)"-style suffix's
 * brackets, so "Amount (USD)", "amount_usd" and "AmountUSD" are one header.
 * @example normalizeHeader("Amount (USD)") === "amountusd"
 * @throws nothing
 */
export function normalizeHeader(text: string): string {
  return text.toLowerCase().normalize('NFC').replace(/[\s_\-./()[\]:#*]+/g, '');
}

const PARTNER_ID = ['Partner ID', 'PartnerId', 'MPN ID', 'MPNId', 'MPN', 'Partner Network ID', 'PartnerOneId', 'PGA ID', 'ID do parceiro', 'Partner-ID', 'ID partner', '合作夥伴識別碼', '파트너 ID'];

/** Aliases per table kind and field. Fields marked month read their dates as months. */
export const ALIASES: Readonly<Record<TableKind, Readonly<Partial<Record<Field, readonly string[]>>>>> = {
  revenue: {
    partnerId: PARTNER_ID,
    customer: ['Customer', 'Customer name', 'CustomerName', 'CustomerTenantId', 'Customer tenant ID', 'Tenant ID', 'Cliente', 'Kunde', '客戶', '고객'],
    product: ['Product', 'Product name', 'ProductName', 'Workload', 'Offer', 'Offer name', 'Service', 'SKU', 'SKU name', 'SkuName', 'Produto', 'Produkt', 'Prodotto', '產品', '제품'],
    date: ['Date', 'Month', 'Billing month', 'BillingMonth', 'Invoice date', 'InvoiceDate', 'Revenue date', 'Period', 'Data', 'Mês', 'Datum', 'Monat', 'Rechnungsdatum', 'Mese', '日期', '月份', '날짜', '월'],
    amount: ['Amount', 'Amount (USD)', 'Amount USD', 'AmountUSD', 'Amount US$', 'Revenue', 'Revenue (USD)', 'RevenueUSD', 'Revenue USD', 'Net new revenue', 'NetNewRevenue', 'Net new revenue (USD)', 'Billed revenue', 'Valor', 'Valor (USD)', 'Receita', 'Betrag', 'Umsatz', 'Importo', 'Ricavi', '金額', '營收', '금액', '매출', '수익'],
    attribution: ['Attribution', 'Attribution type', 'PartnerAttributionType', 'Partner attribution type', 'Association', 'Atribuição', 'Zuordnung', 'Attribuzione', '歸屬', '연결 유형'],
    dpor: ['DPOR', 'Is DPOR', 'Digital Partner of Record', 'DPOR?'],
  },
  certifications: {
    partnerId: PARTNER_ID,
    mcpId: ['MCP ID', 'MCPID', 'MCP', 'Microsoft Certification ID', 'Certification ID'],
    email: ['Email', 'E-mail', 'Email address', 'IndividualEmail', 'Individual email', 'E-Mail-Adresse'],
    name: ['Individual', 'Person', 'Name', 'Individual name', 'IndividualName', 'Full name', 'Employee', 'Pessoa', 'Nome', 'Indivíduo', 'Mitarbeiter', 'Persona', '人員', '姓名', '개인', '이름'],
    firstName: ['IndividualFirstName', 'First name', 'FirstName', 'Given name', 'Vorname'],
    lastName: ['IndividualLastName', 'Last name', 'LastName', 'Surname', 'Family name', 'Nachname', 'Sobrenome', 'Cognome'],
    exam: ['Exam', 'Exam code', 'ExamCode', 'Exam number', 'Certification', 'TrainingTitle', 'Training title', 'Exam title', 'Exame', 'Prüfung', 'Esame', '考試', '測驗', '시험'],
    datePassed: ['Date passed', 'Passed on', 'Passed', 'Pass date', 'Date', 'TrainingCompletionDate', 'Completion date', 'Exam date', 'Data de aprovação', 'Bestanden am', 'Datum', 'Data superamento', 'Data', '通過日期', '日期', '합격일', '날짜'],
    active: ['Active', 'Still employed', 'Employed', 'Is active', 'Status', 'Ativo', 'Aktiv', 'Attivo', '在職', '재직'],
  },
  partners: {
    partnerId: PARTNER_ID,
    name: ['Name', 'Partner', 'Partner name', 'PartnerName', 'Company', 'Reseller', 'Nome', 'Parceiro', 'Partnername', 'Nome partner', '合作夥伴', '파트너'],
    market: ['Market', 'Market type', 'Mercado', 'Markt', 'Mercato', '市場', '시장'],
  },
  products: {
    product: ['Product', 'Product name', 'ProductName', 'SKU', 'SKU name', 'Offer', 'Offer name', 'Produto', 'Produkt', 'Prodotto', '產品', '제품'],
    counts: ['Counts', 'Counts?', 'Eligible', 'Eligible?', 'Counts for Cloud CRM', 'Conta?', 'Contabiliza', 'Elegível', 'Qualificado', 'Zählt', 'Zählt?', 'Berechtigt', 'Conteggia', 'Conteggia?', 'Idoneo', '計入', '符合資格', '인정', '적격'],
  },
};

/**
 * A trailing currency in brackets, as exports head their amount columns: "Betrag (USD)",
 * "Umsatz [EUR]", "Valor (R$)", "營收（TWD）" (full-width brackets too). Only an ISO code in
 * capitals or a currency sign counts, so "Amount (net)" is not read as a currency.
 */
const CURRENCY_SUFFIX = /^(.*?)\s*[([（［]\s*([A-Z]{3}|US\$|R\$|NT\$|[$€£¥₩])\s*[)\]）］]$/u;
const US_DOLLARS = new Set(['USD', 'US$', '$']);

/**
 * The currency a header names in trailing brackets, the header without it, and whether it is
 * US dollars (what every amount is read as), or undefined when it names none.
 * @example headerCurrency("Umsatz (EUR)") // { base: "Umsatz", currency: "EUR", usd: false }
 * @throws nothing
 */
export function headerCurrency(text: string): { base: string; currency: string; usd: boolean } | undefined {
  const m = CURRENCY_SUFFIX.exec(text.trim());
  if (!m || (m[1] ?? '').trim() === '') return undefined;
  const currency = m[2] as string;
  return { base: (m[1] as string).trim(), currency, usd: US_DOLLARS.has(currency) };
}

/**
 * The table kinds and fields a header can be: its aliases, else, for an amount column headed
 * with a currency in brackets that no alias spells out ("Betrag (USD)", "Umsatz (EUR)"), the
 * amount field of the header without it.
 */
function fieldsOfHeader(text: string): readonly [TableKind, Field][] | undefined {
  const direct = LOOKUP.get(normalizeHeader(text));
  if (direct) return direct;
  const c = headerCurrency(text);
  const amount = c ? LOOKUP.get(normalizeHeader(c.base))?.filter(([, f]) => f === 'amount') : undefined;
  return amount && amount.length > 0 ? amount : undefined;
}

/** True when a header names US dollars in brackets ("Amount (USD)", "Valor (US$)"). */
const isUsd = (text: string): boolean => headerCurrency(text)?.usd === true;

/**
 * The columns of a revenue table other than its amount column whose headers also name an amount
 * ("Amount (BRL)" beside the "Amount (USD)" read), so the user is told which one was read.
 * @example otherAmountColumns(ref) // [3]
 * @throws nothing
 */
export function otherAmountColumns(ref: TableRef): number[] {
  if (ref.kind !== 'revenue') return [];
  const out: number[] = [];
  for (const [col, text] of Object.entries(ref.headers)) {
    if (Number(col) !== ref.fields.amount && fieldsOfHeader(text)?.some(([k, f]) => k === 'revenue' && f === 'amount')) out.push(Number(col));
  }
  return out;
}

const MONTH_HEADERS = new Set(['Month', 'Billing month', 'BillingMonth', 'Mês', 'Monat', 'Mese', '月份', '월'].map(normalizeHeader));

/** Fields that must be present for a header row to be a table of that kind. */
export const REQUIRED: Readonly<Record<TableKind, readonly (readonly Field[])[]>> = {
  // Each inner list is "one of": certifications need some column that identifies the person.
  revenue: [['product'], ['date'], ['amount']],
  certifications: [['mcpId', 'email', 'name', 'firstName'], ['exam'], ['datePassed']],
  partners: [['partnerId'], ['name', 'market']],
  products: [['product'], ['counts']],
};

const LOOKUP: ReadonlyMap<string, readonly [TableKind, Field][]> = (() => {
  const map = new Map<string, [TableKind, Field][]>();
  for (const kind of Object.keys(ALIASES) as TableKind[]) {
    for (const [field, aliases] of Object.entries(ALIASES[kind]) as [Field, readonly string[]][]) {
      for (const a of aliases) {
        const k = normalizeHeader(a);
        const list = map.get(k) ?? [];
        if (!list.some(([kk, ff]) => kk === kind && ff === field)) list.push([kind, field]);
        map.set(k, list);
      }
    }
  }
  return map;
})();

/** Our own status headers in every language, so a re-run recognises them whatever the UI language was. */
const OUR_HEADERS = {
  counted: new Set(LOCALES.map((l) => normalizeHeader(WORDS[l]['column.counted']))),
  countsAs: new Set(LOCALES.map((l) => normalizeHeader(WORDS[l]['column.countsAs']))),
  reason: new Set(LOCALES.map((l) => normalizeHeader(WORDS[l]['column.reason']))),
};

/** A table found on a sheet. Rows and columns are 0-based sheet coordinates. */
export interface TableRef {
  readonly kind: TableKind;
  readonly sheet: string;
  readonly headerRow: number;
  /** First and last column (inclusive) of the user's columns. */
  readonly firstCol: number;
  readonly lastCol: number;
  /** First row after the data (exclusive end). */
  endRow: number;
  /** Column of each field found. */
  readonly fields: Readonly<Partial<Record<Field, number>>>;
  /** The header text of each column of the table, by absolute column. */
  readonly headers: Readonly<Record<number, string>>;
  /** True when the date column holds months ("Month", "Billing month"). */
  readonly monthColumn: boolean;
  /** Column of our two status columns when a previous run wrote them (recognised by header). */
  readonly statusCol: number | null;
}

function headerText(cell: Cell): string | undefined {
  if (typeof cell !== 'string') return undefined;
  const t = cell.trim();
  return t === '' ? undefined : t;
}

function hasRequired(kind: TableKind, fields: Partial<Record<Field, number>>): boolean {
  return REQUIRED[kind].every((anyOf) => anyOf.some((f) => fields[f] !== undefined));
}

/** A run of header cells, first and last column inclusive. */
interface Run { readonly start: number; readonly end: number }

/** Unnamed columns (no header) a table may hold between named ones: a spacer, a notes column. */
const MAX_UNNAMED = 2;

/** The maximal runs of adjacent non-empty header cells of a row. */
function headerRuns(row: readonly Cell[]): Run[] {
  const runs: Run[] = [];
  const cols = presentColumns(row).filter((c) => headerText(row[c]) !== undefined);
  for (let i = 0; i < cols.length;) {
    const start = cols[i] as number;
    let end = start;
    for (i++; i < cols.length && cols[i] === end + 1; i++) end = cols[i] as number;
    runs.push({ start, end });
  }
  return runs;
}

/**
 * The columns of a row that hold a cell, ascending. Rows from the .xlsx reader are sparse (one
 * value in column XFD is one element, not 16,384 slots), so a long row is walked by its keys,
 * in time with the cells present rather than with its last column.
 */
function presentColumns(row: readonly Cell[]): number[] {
  const out: number[] = [];
  if (row.length <= 256) {
    for (let c = 0; c < row.length; c++) if (row[c] !== undefined) out.push(c);
    return out;
  }
  // for-in visits an array's own indices in ascending order, and only those present.
  for (const k in row) if (row[k as unknown as number] !== undefined) out.push(Number(k));
  return out;
}

const headerKey = (row: readonly Cell[], col: number): string => normalizeHeader(headerText(row[col]) ?? '');

/** Which of our status pairs two adjacent headers are ("Counted"/"Counts as" + "Reason"), if any. */
function statusPairAt(row: readonly Cell[], col: number): 'counted' | 'countsAs' | undefined {
  if (!OUR_HEADERS.reason.has(headerKey(row, col + 1))) return undefined;
  const a = headerKey(row, col);
  return OUR_HEADERS.counted.has(a) ? 'counted' : OUR_HEADERS.countsAs.has(a) ? 'countsAs' : undefined;
}

/** True when our status pair fits a table kind: "Counted" for revenue and products, "Counts as" for certifications. */
const pairFits = (pair: 'counted' | 'countsAs', kind: TableKind): boolean =>
  pair === 'counted' ? kind === 'revenue' || kind === 'products' : kind === 'certifications';

/**
 * The tables a row is the header of. Tables are bounded by their headers and by empty columns:
 * the row is split into runs of adjacent header cells, and a run that is no table alone joins its
 * neighbour across at most MAX_UNNAMED unnamed columns when together they are one (a spacer or
 * notes column inside a table does not split it); two runs that are tables alone stay two tables,
 * however narrow the gap. A run that could be two kinds is the one with more matching columns
 * (revenue wins a tie, then certifications). Our status pair right of a table is its own; a pair
 * standing alone (where an earlier run put it, away from other tables) belongs to the first table
 * of its kind on the row without one, in column order, as statusColumnSources places them.
 * @example detectHeaderRow(["Partner ID", "Product", "Month", "Revenue (USD)"], "Revenue", 0)[0].kind === "revenue"
 * @throws nothing
 */
export function detectHeaderRow(row: readonly Cell[], sheet: string, rowIndex: number): TableRef[] {
  const pairs: { col: number; pair: 'counted' | 'countsAs' }[] = [];
  const user: Run[] = [];
  for (const run of headerRuns(row)) {
    const pair = run.end === run.start + 1 ? statusPairAt(row, run.start) : undefined;
    if (pair) pairs.push({ col: run.start, pair }); else user.push(run);
  }
  const refs: TableRef[] = [];
  for (const run of joinRuns(row, user)) {
    const ref = classifyRun(row, sheet, rowIndex, run.start, run.end);
    if (ref) refs.push(ref);
  }
  // Pairs standing alone, in column order, to the tables without one, in column order.
  return refs.map((ref) => {
    if (ref.statusCol !== null || ref.kind === 'partners') return ref;
    const k = pairs.findIndex((p) => p.col > ref.lastCol && pairFits(p.pair, ref.kind));
    if (k < 0) return ref;
    const [p] = pairs.splice(k, 1);
    return { ...ref, statusCol: (p as { col: number }).col };
  });
}

/**
 * Runs joined across unnamed columns where only together they make a table (see detectHeaderRow),
 * again until nothing more joins: with two spacers, "Partner ID | | Product | | Date, Amount"
 * joins "Product" to the amounts first, and then "Partner ID" to that table.
 */
function joinRuns(row: readonly Cell[], runs: readonly Run[]): Run[] {
  let joined = joinOnce(row, runs);
  for (let n = runs.length; joined.length < n; ) { n = joined.length; joined = joinOnce(row, joined); }
  return joined;
}

/**
 * One pass of joinRuns, left to right: two runs, or three that are each no table alone and
 * together one, made only of its column names ("Partner ID, Product | | Date | | Amount").
 */
function joinOnce(row: readonly Cell[], runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  const near = (x: Run, y: Run): boolean => y.start - x.end - 1 <= MAX_UNNAMED;
  let current: Run | undefined;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] as Run, next = runs[i + 1];
    if (current && near(current, run) && joinsAsOne(row, current, run)) { current = { start: current.start, end: run.end }; continue; }
    if (current && next && near(current, run) && near(run, next) && threeAsOne(row, current, run, next)) { current = { start: current.start, end: next.end }; i++; continue; }
    if (current) out.push(current);
    current = run;
  }
  if (current) out.push(current);
  return out;
}

/** True when three runs, each no table alone, are together one table made only of its column names. */
function threeAsOne(row: readonly Cell[], first: Run, middle: Run, last: Run): boolean {
  if ([first, middle, last].some((r) => bestKind(row, r.start, r.end))) return false;
  // Our status pair after the last part (from an earlier run of ours) is not user data.
  const end = last.end - last.start >= 2 && statusPairAt(row, last.end - 1) ? last.end - 2 : last.end;
  const joined = bestKind(row, first.start, end);
  return joined !== undefined && allHeadersOf(row, first.start, end, joined.kind);
}

/**
 * True when two runs of header cells are one table with unnamed columns between them: not two
 * tables, together a table (or neither a table yet), and the part that is no table alone adds
 * columns of that table's kind.
 */
function joinsAsOne(row: readonly Cell[], left: Run, right: Run): boolean {
  // A left run ending in our status pair is a table that an earlier run already closed.
  if (left.end - left.start >= 2 && statusPairAt(row, left.end - 1)) return false;
  const a = bestKind(row, left.start, left.end), b = bestKind(row, right.start, right.end);
  if (a && b) return false;
  const joined = bestKind(row, left.start, right.end);
  if (!joined) return false;
  if (!a && !b) return true;
  const whole = (a ?? b) as { kind: TableKind; score: number };
  // The other part adds columns of that table's kind, and nothing else (never a row of data).
  const part = a ? right : left;
  return whole.kind === joined.kind && joined.score > whole.score && allHeadersOf(row, part.start, part.end, whole.kind);
}

/** True when every non-empty cell of row[start..end] names a column of a `kind` table. */
function allHeadersOf(row: readonly Cell[], start: number, end: number, kind: TableKind): boolean {
  for (let col = start; col <= end; col++) {
    const text = headerText(row[col]);
    if (text !== undefined && !fieldsOfHeader(text)?.some(([k]) => k === kind)) return false;
  }
  return true;
}

/** The kind a run of header cells (first..last) is a table of, with its fields, or undefined. */
function bestKind(row: readonly Cell[], start: number, lastUser: number): { kind: TableKind; fields: Partial<Record<Field, number>>; score: number } | undefined {
  let best: { kind: TableKind; fields: Partial<Record<Field, number>>; score: number } | undefined;
  for (const kind of ['revenue', 'certifications', 'partners', 'products'] as const) {
    const fields: Partial<Record<Field, number>> = {};
    let score = 0;
    for (let col = start; col <= lastUser; col++) {
      const text = headerText(row[col]);
      if (text === undefined) continue;
      const match = fieldsOfHeader(text)?.find(([k]) => k === kind);
      if (match && fields[match[1]] === undefined) {
        fields[match[1]] = col;
        score++;
      } else if (match?.[1] === 'amount' && isUsd(text) && !isUsd(headerText(row[fields.amount as number]) ?? '')) {
        fields.amount = col; // "Amount (BRL)" then "Amount (USD)": amounts are read as US$
      }
    }
    if (!hasRequired(kind, fields)) continue;
    if ((kind === 'partners' || kind === 'products') && best) continue;
    if (!best || score > best.score) best = { kind, fields, score };
  }
  return best;
}

function classifyRun(row: readonly Cell[], sheet: string, rowIndex: number, start: number, end: number): TableRef | undefined {
  // Our status pair at the end of the run (from an earlier run of ours) is not user data.
  const trailing = end - start >= 2 ? statusPairAt(row, end - 1) : undefined;
  let lastUser = trailing ? end - 2 : end;
  let statusCol: number | null = trailing ? end - 1 : null;
  const best = bestKind(row, start, lastUser);
  if (!best) return undefined;
  // A status pair must match the table: else those two columns are the user's.
  if (trailing && !pairFits(trailing, best.kind)) { statusCol = null; lastUser = end; }
  const headers: Record<number, string> = {};
  for (let col = start; col <= lastUser; col++) headers[col] = headerText(row[col]) ?? '';
  const dateCol = best.fields.date;
  const monthColumn = best.kind === 'revenue' && dateCol !== undefined && MONTH_HEADERS.has(normalizeHeader(headers[dateCol] ?? ''));
  return { kind: best.kind, sheet, headerRow: rowIndex, firstCol: start, lastCol: lastUser, endRow: rowIndex + 1, fields: best.fields, headers, monthColumn, statusCol };
}

/** A table the user pointed at by hand: where its header is and which column holds each field. */
export interface TableSpec {
  readonly kind: TableKind;
  readonly sheet: string;
  readonly headerRow: number;
  readonly firstCol: number;
  readonly lastCol: number;
  readonly fields: Readonly<Partial<Record<Field, number>>>;
}

/**
 * A TableRef from a user's mapping: their columns win over aliases; our status columns beside
 * it are still recognised by header, and the data runs to the sheet's last row.
 * @example tableFromSpec({ kind: "revenue", sheet: "S", headerRow: 0, firstCol: 0, lastCol: 2, fields: { product: 0, date: 1, amount: 2 } }, values)
 * @throws nothing
 */
export function tableFromSpec(spec: TableSpec, values: readonly (readonly Cell[])[]): TableRef {
  const row = values[spec.headerRow] ?? [];
  const detected = detectHeaderRow(row, spec.sheet, spec.headerRow).find((t) => t.firstCol <= spec.lastCol && spec.firstCol <= t.lastCol);
  const headers: Record<number, string> = {};
  for (let col = spec.firstCol; col <= spec.lastCol; col++) headers[col] = headerText(row[col]) ?? '';
  const dateCol = spec.fields.date;
  return {
    kind: spec.kind,
    sheet: spec.sheet,
    headerRow: spec.headerRow,
    firstCol: spec.firstCol,
    lastCol: spec.lastCol,
    endRow: values.length,
    fields: spec.fields,
    headers,
    monthColumn: spec.kind === 'revenue' && dateCol !== undefined && MONTH_HEADERS.has(normalizeHeader(headers[dateCol] ?? '')),
    statusCol: detected?.kind === spec.kind ? detected.statusCol : null,
  };
}

/** How many cells of a row are filled, counting no further than 2. */
function filledUpTo2(row: readonly Cell[]): number {
  let n = 0;
  // Sparse rows (see presentColumns) are walked by the cells they hold.
  const cols = row.length <= 256 ? undefined : presentColumns(row);
  const count = cols ? cols.length : row.length;
  for (let i = 0; i < count && n < 2; i++) {
    const v = row[cols ? cols[i] as number : i];
    if (v !== null && v !== undefined && v !== '') n++;
  }
  return n;
}

/** Rows always searched for a header at the top of a sheet. */
export const HEADER_SCAN_ROWS = 50;

/**
 * Finds every table on one sheet. Headers are looked for in the first 50 rows and in any row
 * that follows an empty row (so tables stacked on one sheet are found without re-reading a
 * million data rows). A table's data runs until the next header in its columns or the sheet's
 * end; empty rows inside it are skipped, never taken as its end, so no data is silently lost.
 * @example findTables("Revenue", rows).map((t) => t.kind) // ["revenue"]
 * @throws nothing
 */
export function findTables(sheet: string, values: readonly (readonly Cell[])[]): TableRef[] {
  const tables: TableRef[] = [];
  // A row after an empty row or after a title (one cell: "Exams passed") may be a header.
  let previousSparse = true;
  for (let r = 0; r < values.length; r++) {
    const row = values[r] ?? [];
    const filled = filledUpTo2(row);
    if (filled > 0 && (r < HEADER_SCAN_ROWS || previousSparse)) {
      const found = detectHeaderRow(row, sheet, r);
      for (const t of found) {
        // A new header closes the tables above it that share its columns (theirs and their status
        // columns'), not a table beside it: the header of the table on its right, repeated
        // further down, does not end it. Tables side by side on one header row close nothing.
        for (const open of tables) {
          const last = open.statusCol !== null ? Math.max(open.lastCol, open.statusCol + 1) : open.lastCol;
          if (open.endRow === Infinity && open.headerRow !== r && open.firstCol <= t.lastCol && t.firstCol <= last) open.endRow = r;
        }
        t.endRow = Infinity;
        tables.push(t);
      }
    }
    previousSparse = filled < 2;
  }
  for (const t of tables) if (t.endRow === Infinity) t.endRow = values.length;
  return tables;
}
