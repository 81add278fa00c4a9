/**
 * A blank template workbook's sheets: the revenue, certifications and partners tables with the
 * headers the reader looks for (headers.ts) and no rows, for a user whose workbook has no table
 * we recognise. The sheets only; the pane writes them with our own xlsx writer (src/xlsx).
 */
import { ALIASES, REQUIRED, type Field, type TableKind } from './headers';

/** The kinds of table the template holds, in its tab order. */
export const TEMPLATE_KINDS = ['revenue', 'certifications', 'partners'] as const satisfies readonly TableKind[];

/** The template's columns per table: fields in the order a person fills them. */
const COLUMNS: Readonly<Record<(typeof TEMPLATE_KINDS)[number], readonly Field[]>> = {
  revenue: ['partnerId', 'customer', 'product', 'date', 'amount', 'dpor'],
  certifications: ['partnerId', 'name', 'exam', 'datePassed', 'active'],
  partners: ['partnerId', 'name', 'market'],
};

/** Sheet names of the template (English, as the headers: the reader finds tables in any language by their headers). */
const SHEET_NAMES: Readonly<Record<(typeof TEMPLATE_KINDS)[number], string>> = {
  revenue: 'Revenue', certifications: 'Certifications', partners: 'Partners',
};

/** A header as the template writes it: the field's first alias ("Amount (USD)" for the amount). */
function headerOf(kind: TableKind, field: Field): string {
  if (kind === 'revenue' && field === 'amount') return 'Amount (USD)';
  const first = ALIASES[kind][field]?.[0];
  if (first === undefined) throw new Error(`template: no header for ${kind}.${field}`);
  return first;
}

/**
 * The template's sheets: one header row each, no data.
 * @example templateSheets()[0] // { name: "Revenue", values: [["Partner ID", "Customer", "Product", "Date", "Amount (USD)", "DPOR"]] }
 * @throws Error only when headers.ts loses an alias the template names (a programmer error)
 */
export function templateSheets(): { readonly name: string; readonly values: readonly (readonly string[])[] }[] {
  return TEMPLATE_KINDS.map((kind) => ({ name: SHEET_NAMES[kind], values: [COLUMNS[kind].map((f) => headerOf(kind, f))] }));
}

/**
 * The headers a table kind needs, one per required field (the first of its alternatives), as
 * the error banner names them when no table was found.
 * @example requiredHeaders("certifications") // ["Individual", "Exam", "Date passed"]
 * @throws Error only when headers.ts loses an alias (a programmer error)
 */
export function requiredHeaders(kind: TableKind): string[] {
  const columns: readonly Field[] = kind in COLUMNS ? COLUMNS[kind as keyof typeof COLUMNS] : [];
  return REQUIRED[kind].map((anyOf) => headerOf(kind, anyOf.find((f) => columns.includes(f)) ?? (anyOf[0] as Field)));
}
