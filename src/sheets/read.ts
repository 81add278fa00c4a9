/**
 * From sheets of cells to the evaluator's input: tables found by header, every row read
 * leniently, every unreadable cell reported as a data issue with its address. Rows that cannot
 * be used are dropped (and say why in their status column); the rest become columnar records.
 */
import {
  CertificationColumnsBuilder, RevenueColumnsBuilder, isoFromDay, type CertificationColumns, type PartnerRecord, type ProductMapping, type RevenueColumns,
} from '../core';
import { LOCALES, t, WORDS, type Locale } from '../i18n';
import { cellText, decimalSeparator, readDate, type Cell, type WorkbookInput } from './cells';
import { dateOrder } from './date-order';
import { harmlessRow } from './harmless-rows';
import { findTables, headerCurrency, normalizeHeader, otherAmountColumns, tableFromSpec, type TableKind, type TableRef, type TableSpec } from './headers';
import type { DataIssue } from './issues';
import { PartnerIds, partnerIdKey } from './partner-ids';
import { People } from './people';
import { certificationRowReader, partnerRowReader, productRowReader, revenueRowReader, type RowReader } from './row-readers';
import { TableReader, partnerColumnBlank, type ReadContext } from './table-reader';

/** How to read cells. */
export interface ReadOptions {
  /** Decides day-first/month-first dates, decimal commas, and the language of messages. */
  readonly locale: Locale;
  /** Tables the user mapped by hand; they replace what detection finds for their kind. */
  readonly tables?: readonly TableSpec[] | undefined;
  /**
   * The user chose the locale for this data (the CLI's --locale): a date column whose day/month
   * order its data does not decide is read in the locale's order without a warning.
   */
  readonly localeDecidesDates?: boolean | undefined;
  /**
   * Read every cell afresh rather than each distinct value once per column (see CellMemo): the
   * straightforward reading the property tests compare the memoised one with. Same answers, slower.
   */
  readonly eachCellAfresh?: boolean | undefined;
  /**
   * Read only the rows of this partner id (and rows of tables without partner ids): for an
   * answer about one partner (MPN.LEVEL's first call), which then reads a few rows rather than
   * all of them. Tables, date orders and blank partner columns are still decided from every row,
   * and core evaluates each partner from its own rows alone, so that partner's status is the
   * same as a full read's. Other rows read as empty: the issues and outputs of such a read are
   * not the workbook's.
   */
  readonly onlyPartner?: string | undefined;
}

/** Row marks in TableRead.recordOfRow. */
export const EMPTY_ROW = -1;
export const DROPPED_ROW = -2;

/** One table as read. */
export interface TableRead {
  readonly ref: TableRef;
  /** Per data row (headerRow + 1 ... endRow - 1): its record index, EMPTY_ROW or DROPPED_ROW. */
  readonly recordOfRow: Int32Array;
  /** Why each dropped row was dropped (by row offset from headerRow + 1). */
  readonly dropped: ReadonlyMap<number, string>;
}

/** Everything read from a workbook. */
export interface WorkbookRead {
  readonly tables: readonly TableRead[];
  readonly revenue: RevenueColumns;
  readonly certifications: CertificationColumns;
  readonly partners: readonly PartnerRecord[];
  /** Rows of the user's Products tables (their record index is their index here). */
  readonly productMapping: readonly ProductMapping[];
  readonly issues: readonly DataIssue[];
  /** For each revenue / certification record: its table (index into `tables`) and 0-based sheet row. */
  readonly revenueSource: { readonly table: Int32Array; readonly row: Int32Array };
  readonly certificationSource: { readonly table: Int32Array; readonly row: Int32Array };
  /** Required tables that were not found. */
  readonly missing: readonly ('revenue' | 'certifications')[];
  readonly locale: Locale;
}

class IntList {
  private a = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.a.length) { const b = new Int32Array(this.a.length * 2); b.set(this.a); this.a = b; }
    this.a[this.length++] = v;
  }
  done(): Int32Array { return this.a.slice(0, this.length); }
}

const OUTPUT_SHEETS: ReadonlySet<string> = new Set(LOCALES.flatMap((l) => [WORDS[l]['sheet.status'], WORDS[l]['sheet.issues'], WORDS[l]['sheet.timeline']]));

/**
 * True for the sheets we write (Competency Status / Issues, in any language): they are never
 * read as input, so a re-run on our own output reads the same tables as the first run.
 * @example isOutputSheet("Competency Status") === true
 * @throws nothing
 */
export function isOutputSheet(name: string): boolean {
  return OUTPUT_SHEETS.has(name);
}

/**
 * A partner id as text: trimmed; numbers as their digits (an MPN ID typed as a number in one
 * table and as text in another is the same partner).
 * @example partnerIdText(1234567) === "1234567"
 * @throws nothing
 */
export function partnerIdText(cell: Cell): string {
  return cellText(cell);
}

/**
 * Reads one table's rows with the row reader of its kind: per data row its record index,
 * EMPTY_ROW or DROPPED_ROW (with the reason), plus the sheet row of every record.
 */
/** Headers of a column naming the partner inside a revenue or certification table (not its id). */
const PARTNER_NAME_HEADERS = new Set([
  'Partner name', 'PartnerName', 'Partner company name', 'PartnerCompanyName', 'Reseller name', 'ResellerName', 'Organization name', 'OrganizationName',
  'Nome do parceiro', 'Nome parceiro', 'Partnername', 'Name des Partners', 'Nome partner', 'Nome del partner', '合作夥伴名稱', '파트너 이름', '파트너명',
].map(normalizeHeader));

/** The column of a table whose header names the partner (PartnerName and the like), if it has one that is not one of its fields. */
function partnerNameColumn(ref: TableRef): number | undefined {
  const fieldCols = new Set(Object.values(ref.fields));
  for (const [col, header] of Object.entries(ref.headers)) {
    if (!fieldCols.has(Number(col)) && PARTNER_NAME_HEADERS.has(normalizeHeader(header))) return Number(col);
  }
  return undefined;
}

/**
 * The table's row reader, which also notes, for each row of a revenue or certification table with
 * a PartnerName-like column, the partner's name there (the first one given).
 */
function withPartnerName(ref: TableRef, readRow: RowReader, names: Map<string, string>): RowReader {
  const col = ref.kind === 'revenue' || ref.kind === 'certifications' ? partnerNameColumn(ref) : undefined;
  if (col === undefined) return readRow;
  return (table, row, values) => {
    const record = readRow(table, row, values);
    const id = table.partnerOfRow;
    if (record !== undefined && id !== undefined && id !== '' && !names.has(id)) {
      const name = cellText(values[col]).trim();
      if (name !== '') names.set(id, name);
    }
    return record;
  };
}

/** The Partners table's records, with the names the rows gave for partners it does not name (or does not list). */
function namedPartners(partners: readonly PartnerRecord[], names: ReadonlyMap<string, string>): PartnerRecord[] {
  if (names.size === 0) return [...partners];
  const listed = new Set(partners.map((p) => p.partnerId));
  const named = partners.map((p) => (p.name === undefined && typeof p.partnerId === 'string' && names.has(p.partnerId) ? { ...p, name: names.get(p.partnerId) as string } : p));
  for (const [partnerId, name] of names) if (!listed.has(partnerId)) named.push({ partnerId, name });
  return named;
}

function readTable(
  table: TableReader, values: readonly (readonly Cell[])[], readRow: RowReader, sourceRows: IntList | null, only: string | undefined,
): Pick<TableRead, 'recordOfRow' | 'dropped'> {
  const { ref } = table;
  const firstDataRow = ref.headerRow + 1;
  const recordOfRow = new Int32Array(Math.max(0, ref.endRow - firstDataRow)).fill(EMPTY_ROW);
  const dropped = new Map<number, string>();
  // Rows of other partners are passed over by their partner cell alone. A row is that partner's
  // only when its cell reads as the id (cellText; formula errors are dropped by the row reader).
  const onlyCol = only === undefined || table.blankPartnerColumn ? -1 : ref.fields.partnerId ?? -1;
  const onlyId = only === undefined ? '' : partnerIdKey(only);
  let lastId: Cell = onlyId;
  for (let row = firstDataRow; row < ref.endRow; row++) {
    const cells = values[row] ?? [];
    if (onlyCol >= 0) {
      const id = cells[onlyCol];
      // "00123" is partner 123's row too (partnerIdKey); the row above's id is not read again.
      if (id !== lastId && id !== only && partnerIdKey(cellText(id)) !== onlyId) continue;
      lastId = id;
    }
    if (table.rowIsEmpty(cells)) continue;
    table.startRow();
    const offset = row - firstDataRow;
    const issuesBefore = table.context.issues.length;
    const record = readRow(table, row, cells);
    if (record === undefined) {
      recordOfRow[offset] = DROPPED_ROW;
      // A totals row, a repeated header or a title is not data: no issue, its status says what it is.
      const harmless = harmlessRow(ref, values, row);
      if (harmless !== undefined) table.context.issues.length = issuesBefore;
      dropped.set(offset, harmless !== undefined ? t(table.context.locale, harmless) : table.error ?? '');
      continue;
    }
    recordOfRow[offset] = record;
    sourceRows?.push(row);
    // Further records of the same row (two exams in one cell) come from the same sheet row.
    if (readRow.records !== undefined) for (let k = readRow.records() - record - 1; k > 0; k--) sourceRows?.push(row);
  }
  return { recordOfRow, dropped };
}

/** Warnings about a revenue table's columns: no attribution column, an amount in another currency, several amount columns. */
function revenueColumnWarnings(table: TableReader, ref: TableRef): void {
  if (ref.kind === 'revenue' && ref.fields.attribution === undefined && ref.fields.dpor === undefined) {
    table.issue('warning', ref.headerRow, null, 'column.attribution-missing');
  }
  // "Umsatz (EUR)" is read as the amount column, but nothing is converted: say so.
  const amountHeader = ref.kind === 'revenue' && ref.fields.amount !== undefined ? ref.headers[ref.fields.amount] : undefined;
  const currency = amountHeader === undefined ? undefined : headerCurrency(amountHeader);
  if (amountHeader !== undefined && currency && !currency.usd) {
    table.issue('warning', ref.headerRow, 'amount', 'column.amount-currency', { value: amountHeader, currency: currency.currency });
  }
  // Several amount columns: say which one is read (the US$ one when one says so).
  const others = otherAmountColumns(ref);
  if (amountHeader !== undefined && others.length > 0) {
    table.issue('warning', ref.headerRow, 'amount', 'column.amount-chosen', { value: amountHeader, others: others.map((c) => `"${ref.headers[c] ?? ''}"`).join(', ') });
  }
}

/**
 * Finds the tables of a workbook and reads them. Never throws on cell contents.
 * @example const read = readWorkbook({ sheets: [{ name: "Revenue", values }] }, { locale: "en-US" }); read.revenue.length
 * @throws nothing: every cell it cannot read is a data issue in the result, a missing table is in `missing`
 */
export function readWorkbook(workbook: WorkbookInput, options: ReadOptions): WorkbookRead {
  const { locale } = options;
  const context: ReadContext = { locale, date1904: workbook.date1904 === true, issues: [], eachCellAfresh: options.eachCellAfresh, partnerIds: new PartnerIds() };
  const tables: TableRead[] = [];
  const revenue = new RevenueColumnsBuilder();
  const certs = new CertificationColumnsBuilder();
  const partners: PartnerRecord[] = [];
  const productMapping: ProductMapping[] = [];
  const sources = {
    revenue: { table: new IntList(), row: new IntList() },
    certifications: { table: new IntList(), row: new IntList() },
  };
  const people = new People(locale);
  const rowReaders: Readonly<Record<TableKind, RowReader>> = {
    revenue: revenueRowReader(revenue),
    certifications: certificationRowReader(certs, people),
    partners: partnerRowReader(partners, new Set<string>()),
    products: productRowReader(productMapping),
  };
  let warnedBlankPartner = false;
  // Partner names from a PartnerName-like column of the revenue or certification rows (an export
  // without a Partners table): the first name each partner's rows give.
  const partnerNames = new Map<string, string>();

  for (const sheet of workbook.sheets) {
    if (isOutputSheet(sheet.name)) continue;
    const manual = options.tables ?? [];
    const refs = [
      ...findTables(sheet.name, sheet.values).filter((tb) => !manual.some((m) => m.kind === tb.kind)),
      ...manual.filter((m) => m.sheet === sheet.name).map((m) => tableFromSpec(m, sheet.values)),
    ].sort((x, y) => x.headerRow - y.headerRow || x.firstCol - y.firstCol);
    for (const ref of refs) {
      const table = new TableReader(context, sheet.name, ref);
      // A partner-id column left blank in every row (a template's column a single partner never
      // fills) means one organisation: its rows are read as if the column were not there, with
      // one warning per workbook. Only a partly filled column makes its empty cells errors.
      table.blankPartnerColumn = partnerColumnBlank(table, sheet.values);
      if (table.blankPartnerColumn && !warnedBlankPartner) {
        warnedBlankPartner = true;
        table.issue('warning', ref.headerRow, 'partnerId', 'column.partner-empty');
      }
      revenueColumnWarnings(table, ref);
      // The decimal separator of the amounts, from the column's own values before the locale.
      if (ref.kind === 'revenue' && ref.fields.amount !== undefined) table.decimalComma = decimalSeparator(sheet.values, ref.headerRow + 1, ref.endRow, ref.fields.amount);
      // Day-first or month-first, from the column's own data (a day over 12, "03.04.2018", amounts
      // with a decimal comma) before the locale; an order nothing decides is said, never guessed silently.
      const dateField = ref.kind === 'certifications' ? 'datePassed' : 'date';
      const dateCol = ref.fields[dateField];
      if (dateCol !== undefined && (ref.kind === 'revenue' || ref.kind === 'certifications')) {
        const order = dateOrder(sheet.values, ref.headerRow + 1, ref.endRow, dateCol, ref.kind === 'revenue' ? ref.fields.amount : undefined, locale, options.localeDecidesDates === true);
        table.dayFirst = order.dayFirst;
        if (order.ambiguous) {
          const d = readDate(order.ambiguous.value, locale, context.date1904, false, order.dayFirst);
          table.issue('warning', order.ambiguous.row, dateField, 'date.order-ambiguous', { value: order.ambiguous.value, date: d.ok ? isoFromDay(d.value.day) : '' });
        }
      }
      const source = ref.kind === 'revenue' || ref.kind === 'certifications' ? sources[ref.kind] : null;
      const rowsBefore = source ? source.row.length : 0;
      const read = readTable(table, sheet.values, withPartnerName(ref, rowReaders[ref.kind], partnerNames), source?.row ?? null, options.onlyPartner);
      if (source) for (let k = source.row.length - rowsBefore; k > 0; k--) source.table.push(tables.length);
      tables.push({ ref, ...read });
    }
  }

  const issues = context.issues;
  if (workbook.hiddenSheets !== undefined && workbook.hiddenSheets.length > 0) {
    const sheets = workbook.hiddenSheets.map((n) => `"${n}"`).join(', ');
    issues.push({ severity: 'warning', table: null, sheet: null, row: null, column: null, cell: null, code: 'workbook.hidden-sheets', message: t(locale, 'issue.workbook.hidden-sheets', { sheets }) });
  }
  const missing: ('revenue' | 'certifications')[] = [];
  for (const kind of ['revenue', 'certifications'] as const) {
    if (!tables.some((tb) => tb.ref.kind === kind)) {
      missing.push(kind);
      issues.push({ severity: 'error', table: kind, sheet: null, row: null, column: null, cell: null, code: `table.${kind}-missing`, message: t(locale, `issue.table.${kind}-missing`) });
    }
  }
  return {
    tables,
    partners: namedPartners(partners, partnerNames),
    revenue: revenue.build(),
    // One person however the rows name them (docs/rules.md 11): merged once every row is read.
    certifications: people.merge(certs.build(), issues),
    productMapping,
    issues,
    revenueSource: { table: sources.revenue.table.done(), row: sources.revenue.row.done() },
    certificationSource: { table: sources.certifications.table.done(), row: sources.certifications.row.done() },
    missing,
    locale,
  };
}
