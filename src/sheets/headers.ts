/**
 * Finding tables by their header row (docs/rules.md 11): on any sheet, in any column order, the
 * header not necessarily in row 1, with aliases in the product's languages and the column names
 * of Partner Center's Insights downloads.
 */
import type { Cell } from './cells';
import { CATALOGUES, LOCALES } from '../i18n';

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
  counted: new Set(LOCALES.map((l) => normalizeHeader(CATALOGUES[l]['column.counted']))),
  countsAs: new Set(LOCALES.map((l) => normalizeHeader(CATALOGUES[l]['column.countsAs']))),
  reason: new Set(LOCALES.map((l) => normalizeHeader(CATALOGUES[l]['column.reason']))),
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

/**
 * The tables a row is the header of: the row is split into runs of adjacent non-empty cells,
 * and each run that has a kind's required columns is a table of that kind. A run that could be
 * two kinds is the one with more matching columns (revenue wins a tie, then certifications).
 * @example detectHeaderRow(["Partner ID", "Product", "Month", "Revenue (USD)"], "Revenue", 0)[0].kind === "revenue"
 */
export function detectHeaderRow(row: readonly Cell[], sheet: string, rowIndex: number): TableRef[] {
  const out: TableRef[] = [];
  let c = 0;
  while (c < row.length) {
    while (c < row.length && headerText(row[c]) === undefined) c++;
    if (c >= row.length) break;
    const start = c;
    while (c < row.length && headerText(row[c]) !== undefined) c++;
    const end = c - 1;
    const ref = classifyRun(row, sheet, rowIndex, start, end);
    if (ref) out.push(ref);
  }
  return out;
}

function classifyRun(row: readonly Cell[], sheet: string, rowIndex: number, start: number, end: number): TableRef | undefined {
  // Our status pair at the end of the run (from an earlier run of ours) is not user data.
  let lastUser = end;
  let statusCol: number | null = null;
  if (end - start >= 2) {
    const a = normalizeHeader(headerText(row[end - 1]) ?? ''), b = normalizeHeader(headerText(row[end]) ?? '');
    if ((OUR_HEADERS.counted.has(a) || OUR_HEADERS.countsAs.has(a)) && OUR_HEADERS.reason.has(b)) {
      statusCol = end - 1;
      lastUser = end - 2;
    }
  }
  let best: { kind: TableKind; fields: Partial<Record<Field, number>>; score: number } | undefined;
  for (const kind of ['revenue', 'certifications', 'partners', 'products'] as const) {
    const fields: Partial<Record<Field, number>> = {};
    let score = 0;
    for (let col = start; col <= lastUser; col++) {
      const text = headerText(row[col]);
      if (text === undefined) continue;
      const matches = fieldsOfHeader(text);
      const match = matches?.find(([k]) => k === kind);
      if (match && fields[match[1]] === undefined) {
        fields[match[1]] = col;
        score++;
      }
    }
    if (!hasRequired(kind, fields)) continue;
    if ((kind === 'partners' || kind === 'products') && best) continue;
    if (!best || score > best.score) best = { kind, fields, score };
  }
  if (!best) return undefined;
  // A status pair must match the table: "Counted" for revenue, "Counts as" for certifications.
  if (statusCol !== null) {
    const a = normalizeHeader(headerText(row[statusCol]) ?? '');
    const fits = best.kind === 'revenue' || best.kind === 'products' ? OUR_HEADERS.counted.has(a) : best.kind === 'certifications' ? OUR_HEADERS.countsAs.has(a) : false;
    if (!fits) { statusCol = null; lastUser = end; }
  }
  // Where a previous run had to skip user columns, our pair is the next labelled pair to the right.
  if (statusCol === null && best.kind !== 'partners') {
    let c = end + 1;
    while (c < row.length && headerText(row[c]) === undefined) c++;
    const a = normalizeHeader(headerText(row[c]) ?? ''), b = normalizeHeader(headerText(row[c + 1]) ?? '');
    const ours = best.kind === 'certifications' ? OUR_HEADERS.countsAs.has(a) : OUR_HEADERS.counted.has(a);
    if (c < row.length && ours && OUR_HEADERS.reason.has(b)) statusCol = c;
  }
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

/** Rows always searched for a header at the top of a sheet. */
export const HEADER_SCAN_ROWS = 50;

/**
 * Finds every table on one sheet. Headers are looked for in the first 50 rows and in any row
 * that follows an empty row (so tables stacked on one sheet are found without re-reading a
 * million data rows). A table's data runs until the next header in its columns or the sheet's
 * end; empty rows inside it are skipped, never taken as its end, so no data is silently lost.
 * @example findTables("Revenue", rows).map((t) => t.kind) // ["revenue"]
 */
export function findTables(sheet: string, values: readonly (readonly Cell[])[]): TableRef[] {
  const tables: TableRef[] = [];
  let previousEmpty = true;
  for (let r = 0; r < values.length; r++) {
    const row = values[r] ?? [];
    const empty = row.every((c) => c === null || c === undefined || c === '');
    if (!empty && (r < HEADER_SCAN_ROWS || previousEmpty)) {
      const found = detectHeaderRow(row, sheet, r);
      for (const t of found) {
        // A new header closes the tables above it that share its columns.
        for (const open of tables) {
          if (open.endRow === Infinity && open.firstCol <= t.lastCol && t.firstCol <= open.lastCol + 2) open.endRow = r;
        }
        t.endRow = Infinity;
        tables.push(t);
      }
    }
    previousEmpty = empty;
  }
  for (const t of tables) if (t.endRow === Infinity) t.endRow = values.length;
  return tables;
}
