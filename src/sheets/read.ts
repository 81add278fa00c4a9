/**
 * From sheets of cells to the evaluator's input: tables found by header, every row read
 * leniently, every unreadable cell reported as a data issue with its address. Rows that cannot
 * be used are dropped (and say why in their status column); the rest become columnar records.
 */
import {
  CertificationColumnsBuilder, RevenueColumnsBuilder, type CertificationColumns, type PartnerRecord, type ProductMapping, type RevenueColumns,
} from '../core';
import { CATALOGUES, LOCALES, t, type Locale, type MessageKey } from '../i18n';
import { a1, cellError, cellText, isEmpty, readDate, readMarket, readMoneyCents, readYesNo, type Cell, type Read, type ReadDate } from './cells';
import { findTables, tableFromSpec, type Field, type TableKind, type TableRef, type TableSpec } from './headers';
import type { DataIssue, IssueCode } from './issues';

/** One sheet's cells, as Office.js `range.values` of its used range starting at A1. */
export interface SheetInput {
  readonly name: string;
  readonly values: readonly (readonly Cell[])[];
}

/** A workbook: its sheets in tab order, and whether it uses the 1904 date system. */
export interface WorkbookInput {
  readonly sheets: readonly SheetInput[];
  readonly date1904?: boolean | undefined;
}

/** How to read cells. */
export interface ReadOptions {
  /** Decides day-first/month-first dates, decimal commas, and the language of messages. */
  readonly locale: Locale;
  /** Tables the user mapped by hand; they replace what detection finds for their kind. */
  readonly tables?: readonly TableSpec[] | undefined;
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

const OUTPUT_SHEETS: ReadonlySet<string> = new Set(LOCALES.flatMap((l) => [CATALOGUES[l]['sheet.status'], CATALOGUES[l]['sheet.issues'], CATALOGUES[l]['sheet.timeline']]));

/**
 * True for the sheets we write (Competency Status / Issues, in any language): they are never
 * read as input, so a re-run on our own output reads the same tables as the first run.
 * @example isOutputSheet("Competency Status") === true
 */
export function isOutputSheet(name: string): boolean {
  return OUTPUT_SHEETS.has(name);
}

/**
 * A partner id as text: trimmed; numbers as their digits (an MPN ID typed as a number in one
 * table and as text in another is the same partner).
 * @example partnerIdText(1234567) === "1234567"
 */
export function partnerIdText(cell: Cell): string {
  return cellText(cell);
}

/**
 * Finds the tables of a workbook and reads them. Never throws on cell contents.
 * @example const read = readWorkbook({ sheets: [{ name: "Revenue", values }] }, { locale: "en-US" }); read.revenue.length
 */
export function readWorkbook(workbook: WorkbookInput, options: ReadOptions): WorkbookRead {
  const { locale } = options;
  const date1904 = workbook.date1904 === true;
  const issues: DataIssue[] = [];
  const tables: TableRead[] = [];
  const revenue = new RevenueColumnsBuilder();
  const certs = new CertificationColumnsBuilder();
  const revTable = new IntList(), revRow = new IntList(), certTable = new IntList(), certRow = new IntList();
  const partners: PartnerRecord[] = [];
  const productMapping: ProductMapping[] = [];
  const seenPartners = new Set<string>();
  let warnedBlankPartner = false;

  for (const sheet of workbook.sheets) {
    if (isOutputSheet(sheet.name)) continue;
    const manual = options.tables ?? [];
    const refs = [
      ...findTables(sheet.name, sheet.values).filter((tb) => !manual.some((m) => m.kind === tb.kind)),
      ...manual.filter((m) => m.sheet === sheet.name).map((m) => tableFromSpec(m, sheet.values)),
    ].sort((x, y) => x.headerRow - y.headerRow || x.firstCol - y.firstCol);
    for (const ref of refs) {
      const tableIndex = tables.length;
      const first = ref.headerRow + 1;
      const recordOfRow = new Int32Array(Math.max(0, ref.endRow - first)).fill(EMPTY_ROW);
      const dropped = new Map<number, string>();
      const header = (field: Field): string => ref.headers[ref.fields[field] ?? -1] ?? '';
      const issue = (severity: 'error' | 'warning', row: number, field: Field | null, code: IssueCode, params: Record<string, string | number> = {}): string => {
        const col = field === null ? null : ref.fields[field] ?? null;
        const message = t(locale, `issue.${code}` as MessageKey, params);
        issues.push({
          severity, table: ref.kind, sheet: sheet.name, row: row + 1,
          column: field === null ? null : header(field), cell: col === null ? null : a1(row, col), code, message,
        });
        return message;
      };
      // Reads a field; on failure records an issue and returns undefined. Errors drop the row.
      let rowError: string | undefined;
      const fail = (row: number, field: Field, code: IssueCode, value: Cell): void => {
        const m = issue('error', row, field, code, { value: cellText(value) });
        rowError ??= m;
      };
      const required = <T>(row: number, field: Field, cell: Cell, read: Read<T>, emptyCode: IssueCode, invalidCode: IssueCode): T | undefined => {
        if (read.ok) return read.value;
        if (read.problem === 'empty') fail(row, field, emptyCode, cell);
        else if (read.problem === 'error') fail(row, field, 'cell.formula-error', cell);
        else if (read.problem === 'serial-1900-02-29') fail(row, field, 'date.1900-02-29', cell);
        else fail(row, field, invalidCode, cell);
        return undefined;
      };
      const get = (values: readonly Cell[], field: Field): Cell => {
        const col = ref.fields[field];
        return col === undefined ? undefined : values[col];
      };
      const rowIsEmpty = (values: readonly Cell[]): boolean => {
        for (let c = ref.firstCol; c <= ref.lastCol; c++) if (!isEmpty(values[c])) return false;
        return true;
      };
      // A partner-id column left blank in every row (a template's column a single partner never
      // fills) means one organisation: its rows are read as if the column were not there, with
      // one warning per workbook. Only a partly filled column makes its empty cells errors.
      const partnerCol = ref.fields.partnerId;
      let blankPartnerColumn = partnerCol !== undefined;
      let anyRow = false;
      for (let r = first; partnerCol !== undefined && r < ref.endRow && blankPartnerColumn; r++) {
        const values = sheet.values[r] ?? [];
        if (rowIsEmpty(values)) continue;
        anyRow = true;
        if (!isEmpty(values[partnerCol])) blankPartnerColumn = false;
      }
      blankPartnerColumn &&= anyRow;
      if (blankPartnerColumn && !warnedBlankPartner) {
        warnedBlankPartner = true;
        issue('warning', ref.headerRow, 'partnerId', 'column.partner-empty');
      }
      const partnerOf = (r: number, values: readonly Cell[]): string | null | undefined => {
        if (ref.fields.partnerId === undefined) return null;
        if (blankPartnerColumn) return '';
        const cell = get(values, 'partnerId');
        if (cellError(cell) !== undefined) { fail(r, 'partnerId', 'cell.formula-error', cell); return undefined; }
        const id = partnerIdText(cell);
        if (id === '') { fail(r, 'partnerId', 'partner.empty', cell); return undefined; }
        return id;
      };

      if (ref.kind === 'revenue' && ref.fields.attribution === undefined && ref.fields.dpor === undefined) {
        issue('warning', ref.headerRow, null, 'column.attribution-missing');
      }

      for (let r = first; r < ref.endRow; r++) {
        const values = sheet.values[r] ?? [];
        if (rowIsEmpty(values)) continue;
        rowError = undefined;
        const offset = r - first;
        if (ref.kind === 'revenue') {
          const partnerId = partnerOf(r, values);
          const productCell = get(values, 'product');
          let product: string | undefined;
          if (cellError(productCell) !== undefined) fail(r, 'product', 'cell.formula-error', productCell);
          else if ((product = cellText(productCell)) === '') fail(r, 'product', 'product.empty', productCell);
          const dateCell = get(values, 'date');
          const date: ReadDate | undefined = required(r, 'date', dateCell, readDate(dateCell, locale, date1904, ref.monthColumn), 'date.empty', 'date.invalid');
          const amountCell = get(values, 'amount');
          const amount = required(r, 'amount', amountCell, readMoneyCents(amountCell, locale), 'amount.empty', 'amount.invalid');
          let attribution: string | undefined;
          const typeField: Field | undefined = ref.fields.attribution !== undefined ? 'attribution' : ref.fields.dpor !== undefined ? 'dpor' : undefined;
          if (typeField) {
            const cell = get(values, typeField);
            const yn = readYesNo(cell);
            if (yn.ok) attribution = yn.value ? 'DPOR' : 'none';
            else if (yn.problem === 'error') { attribution = 'none'; issue('warning', r, typeField, 'cell.formula-error-kept', { value: cellText(cell) }); }
            else if (yn.problem === 'empty') { attribution = 'none'; issue('warning', r, typeField, 'attribution.empty'); }
            else if (typeField === 'dpor' && !/^[a-z]*por$/i.test(cellText(cell))) { attribution = 'none'; issue('warning', r, typeField, 'attribution.invalid', { value: cellText(cell) }); }
            else attribution = cellText(cell);
          }
          if (rowError !== undefined || partnerId === undefined || product === undefined || date === undefined || amount === undefined) {
            recordOfRow[offset] = DROPPED_ROW;
            dropped.set(offset, rowError ?? '');
            continue;
          }
          recordOfRow[offset] = revenue.add(partnerId, product, date.day, date.monthOnly, amount, attribution);
          revTable.push(tableIndex);
          revRow.push(r);
        } else if (ref.kind === 'certifications') {
          const partnerId = partnerOf(r, values);
          const text = (field: Field): string => {
            const cell = get(values, field);
            return cellError(cell) === undefined ? cellText(cell) : '';
          };
          const mcp = text('mcpId'), email = text('email'), name = text('name');
          const fullName = [text('firstName'), text('lastName')].filter((s) => s !== '').join(' ');
          const key = mcp || email || name || fullName;
          const display = name || fullName || email || mcp;
          if (key === '') {
            const field: Field = ref.fields.mcpId !== undefined ? 'mcpId' : ref.fields.email !== undefined ? 'email' : ref.fields.name !== undefined ? 'name' : 'firstName';
            const cell = get(values, field);
            fail(r, field, cellError(cell) !== undefined ? 'cell.formula-error' : 'individual.empty', cell);
          }
          const examCell = get(values, 'exam');
          let exam: string | undefined;
          if (cellError(examCell) !== undefined) fail(r, 'exam', 'cell.formula-error', examCell);
          else if ((exam = cellText(examCell)) === '') fail(r, 'exam', 'exam.empty', examCell);
          const dateCell = get(values, 'datePassed');
          const date = required(r, 'datePassed', dateCell, readDate(dateCell, locale, date1904), 'date.empty', 'date.invalid');
          let active = true;
          if (ref.fields.active !== undefined) {
            const cell = get(values, 'active');
            const yn = readYesNo(cell);
            if (yn.ok) active = yn.value;
            else if (yn.problem === 'error') issue('warning', r, 'active', 'cell.formula-error-kept', { value: cellText(cell) });
            else if (yn.problem !== 'empty') issue('warning', r, 'active', 'active.invalid', { value: cellText(cell) });
          }
          if (rowError !== undefined || partnerId === undefined || key === '' || exam === undefined || date === undefined) {
            recordOfRow[offset] = DROPPED_ROW;
            dropped.set(offset, rowError ?? '');
            continue;
          }
          recordOfRow[offset] = certs.add(partnerId, key, exam, date.day, active, display);
          certTable.push(tableIndex);
          certRow.push(r);
        } else if (ref.kind === 'products') {
          const productCell = get(values, 'product');
          let product: string | undefined;
          if (cellError(productCell) !== undefined) fail(r, 'product', 'cell.formula-error', productCell);
          else if ((product = cellText(productCell)) === '') fail(r, 'product', 'product.empty', productCell);
          const countsCell = get(values, 'counts');
          const counts = required(r, 'counts', countsCell, readYesNo(countsCell), 'mapping.counts-empty', 'mapping.counts-invalid');
          if (rowError !== undefined || product === undefined || counts === undefined) {
            recordOfRow[offset] = DROPPED_ROW;
            dropped.set(offset, rowError ?? '');
            continue;
          }
          recordOfRow[offset] = productMapping.length;
          productMapping.push({ product, counts });
        } else {
          const partnerId = partnerOf(r, values);
          if (partnerId === undefined || partnerId === null) { recordOfRow[offset] = DROPPED_ROW; dropped.set(offset, rowError ?? ''); continue; }
          if (seenPartners.has(partnerId)) {
            issue('warning', r, 'partnerId', 'partner.duplicate', { value: partnerId });
            recordOfRow[offset] = DROPPED_ROW;
            dropped.set(offset, t(locale, 'issue.partner.duplicate', { value: partnerId }));
            continue;
          }
          seenPartners.add(partnerId);
          const nameCell = get(values, 'name');
          const name = cellError(nameCell) === undefined ? cellText(nameCell) : '';
          const marketCell = get(values, 'market');
          const m = readMarket(marketCell);
          if (!m.ok && m.problem === 'error') issue('warning', r, 'market', 'cell.formula-error-kept', { value: cellText(marketCell) });
          else if (!m.ok && m.problem !== 'empty') issue('warning', r, 'market', 'market.invalid', { value: cellText(marketCell) });
          recordOfRow[offset] = partners.length;
          partners.push({ partnerId, ...(name !== '' ? { name } : {}), ...(m.ok ? { market: m.value } : {}) });
        }
      }
      tables.push({ ref, recordOfRow, dropped });
    }
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
    revenue: revenue.build(),
    certifications: certs.build(),
    partners,
    productMapping,
    issues,
    revenueSource: { table: revTable.done(), row: revRow.done() },
    certificationSource: { table: certTable.done(), row: certRow.done() },
    missing,
    locale,
  };
}

/** Tables of one kind. @example tablesOf(read, "revenue").length */
export function tablesOf(read: WorkbookRead, kind: TableKind): TableRead[] {
  return read.tables.filter((tb) => tb.ref.kind === kind);
}
