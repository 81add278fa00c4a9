/**
 * One row reader per table kind: a row of cells in, a record (or the row dropped, with its
 * issues recorded) out. The table loop and the issue plumbing are TableReader's.
 */
import { builtInRulebooks, examCodesIn, type CertificationColumnsBuilder, type PartnerRecord, type ProductMapping, type RevenueColumnsBuilder } from '../core';
import { cellError, cellText, quickMoneyCents, readMarket, readMoneyCents, type Cell, type ReadDate } from './cells';
import type { Field } from './headers';
import type { People, PersonCell } from './people';
import type { TableReader } from './table-reader';

/**
 * Reads one non-empty row (0-based sheet row `row`); returns its (first) record index, or
 * undefined when it is dropped. `records` (when given) counts the records added so far: a row
 * may add several (a cell naming two exams is two passes).
 */
export type RowReader = ((table: TableReader, row: number, values: readonly Cell[]) => number | undefined) & { readonly records?: () => number };

/** True when a built-in rulebook accepts the text as an attribution ("Digital Partner of Record"). */
const isAttributionSpelling = (text: string): boolean => builtInRulebooks().some((b) => b.isAcceptedAttribution(text));

/** A "DPOR"/attribution-type column's value: the attribution text, or 'none' when the row is not DPOR. */
function attributionOf(table: TableReader, row: number, values: readonly Cell[]): string | undefined {
  const { fields } = table.ref;
  const field: Field | undefined = fields.attribution !== undefined ? 'attribution' : fields.dpor !== undefined ? 'dpor' : undefined;
  if (!field) return undefined;
  const cell = table.cell(values, field);
  const yesNo = table.yesNo(field, cell);
  if (yesNo.ok) return yesNo.value ? 'DPOR' : 'none';
  if (yesNo.problem === 'error') { table.issue('warning', row, field, 'cell.formula-error-kept', { value: cellText(cell) }); return 'none'; }
  if (yesNo.problem === 'empty') { table.issue('warning', row, field, 'attribution.empty'); return 'none'; }
  // A "DPOR" column holds yes/no or an attribution type ("DPOR", "CPOR", "Digital Partner of
  // Record", ...); anything else is unreadable.
  if (field === 'dpor' && !/^[a-z]*por$/i.test(cellText(cell)) && !isAttributionSpelling(cellText(cell))) { table.issue('warning', row, field, 'attribution.invalid', { value: cellText(cell) }); return 'none'; }
  return cellText(cell);
}

/**
 * The revenue row reader, adding to `builder`.
 * @example const read = revenueRowReader(builder); read(table, 5, values) // 0
 * @throws nothing
 */
export function revenueRowReader(builder: RevenueColumnsBuilder): RowReader {
  return (table, row, values) => {
    const partnerId = table.partnerId(row, values);
    const product = table.requiredText(row, values, 'product', 'product.empty');
    const dateCell = table.cell(values, 'date');
    const date: ReadDate | undefined = table.required(row, 'date', dateCell, table.date(dateCell), 'date.empty', 'date.invalid');
    const amountCell = table.cell(values, 'amount');
    // Numbers and plain decimal text first, without a Read object per row (the same cents).
    const amount = quickMoneyCents(amountCell) ?? table.required(row, 'amount', amountCell, readMoneyCents(amountCell, table.context.locale, table.decimalComma), 'amount.empty', 'amount.invalid');
    const attribution = attributionOf(table, row, values);
    if (table.error !== undefined || partnerId === undefined || product === undefined || date === undefined || amount === undefined) return undefined;
    return builder.add(partnerId, product, date.day, amount, attribution);
  };
}

/** Which column names a person, in order of preference, when every one is empty. */
function personField(table: TableReader): Field {
  const { fields } = table.ref;
  return fields.mcpId !== undefined ? 'mcpId' : fields.email !== undefined ? 'email' : fields.name !== undefined ? 'name' : 'firstName';
}

/**
 * Notes a row's person (docs/rules.md 11: one person however the rows name them), and warns
 * once when it names a person by a spelling that differs from an earlier row's in accents,
 * case or spaces.
 */
function notePerson(table: TableReader, row: number, people: People, person: number, partnerId: string, mcp: string, email: string, name: string): void {
  const field: Field = table.ref.fields.name !== undefined ? 'name' : 'firstName';
  const where = (): PersonCell => {
    const f: Field = mcp === '' && email === '' ? field : personField(table);
    return { sheet: table.sheet, row, col: table.ref.fields[f] ?? table.ref.firstCol, column: table.header(f), partnerId };
  };
  const first = people.note(person, partnerId, mcp, email, name, where);
  if (first !== undefined) table.issue('warning', row, field, 'individual.spelling', { value: name.trim(), first });
}

/**
 * The certification row reader, adding to `builder` and noting people in `people`. A person is keyed by MCP ID, else e-mail,
 * else name, and shown by name, else e-mail, else MCP ID.
 * @example const read = certificationRowReader(builder); read(table, 5, values) // 0
 * @throws nothing
 */
export function certificationRowReader(builder: CertificationColumnsBuilder, people: People): RowReader {
  return Object.assign((table: TableReader, row: number, values: readonly Cell[]): number | undefined => {
    const partnerId = table.partnerId(row, values);
    const mcp = table.text(values, 'mcpId'), email = table.text(values, 'email'), name = table.text(values, 'name');
    const first = table.text(values, 'firstName'), last = table.text(values, 'lastName');
    const fullName = first === '' ? last : last === '' ? first : `${first} ${last}`;
    const key = mcp || email || name || fullName;
    const display = name || fullName || email || mcp;
    if (key === '') {
      const field = personField(table);
      const cell = table.cell(values, field);
      table.fail(row, field, cellError(cell) !== undefined ? 'cell.formula-error' : 'individual.empty', cell);
    }
    const exam = table.requiredText(row, values, 'exam', 'exam.empty');
    const dateCell = table.cell(values, 'datePassed');
    const date = table.required(row, 'datePassed', dateCell, table.date(dateCell), 'date.empty', 'date.invalid');
    let active = true;
    if (table.ref.fields.active !== undefined) {
      const cell = table.cell(values, 'active');
      const yesNo = table.yesNo('active', cell);
      if (yesNo.ok) active = yesNo.value;
      else if (yesNo.problem === 'error') table.issue('warning', row, 'active', 'cell.formula-error-kept', { value: cellText(cell) });
      else if (yesNo.problem !== 'empty') table.issue('warning', row, 'active', 'active.invalid', { value: cellText(cell) });
    }
    if (table.error !== undefined || partnerId === undefined || key === '' || exam === undefined || date === undefined) return undefined;
    // "MB2-714, MB2-710" in one cell: one pass of each (the row's status shows each, by its code).
    const codes = exam.includes(',') || exam.includes(';') || exam.includes('/') || exam.includes('&') || / and | e | und | y /i.test(exam) ? examCodesIn(exam) : [];
    const firstPass = builder.add(partnerId, key, codes.length < 2 ? exam : codes[0] as string, date.day, active, display);
    for (const code of codes.slice(1)) builder.add(partnerId, key, code, date.day, active, display);
    notePerson(table, row, people, builder.individualOf(firstPass), partnerId ?? '', mcp, email, name || fullName);
    return firstPass;
  }, { records: () => builder.length });
}

/**
 * The partners row reader, adding to `partners`. A partner listed again is a warning, and the
 * row is dropped: its first row is used.
 * @example const read = partnerRowReader(list, new Set()); read(table, 5, values) // 0
 * @throws nothing
 */
export function partnerRowReader(partners: PartnerRecord[], seen: Set<string>): RowReader {
  return (table, row, values) => {
    const partnerId = table.partnerId(row, values);
    if (partnerId === undefined || partnerId === null) return undefined;
    if (seen.has(partnerId)) {
      table.dropWith(table.issue('warning', row, 'partnerId', 'partner.duplicate', { value: partnerId }));
      return undefined;
    }
    seen.add(partnerId);
    const name = table.text(values, 'name');
    const marketCell = table.cell(values, 'market');
    const market = readMarket(marketCell);
    if (!market.ok && market.problem === 'error') table.issue('warning', row, 'market', 'cell.formula-error-kept', { value: cellText(marketCell) });
    else if (!market.ok && market.problem !== 'empty') table.issue('warning', row, 'market', 'market.invalid', { value: cellText(marketCell) });
    const index = partners.length;
    partners.push({ partnerId, ...(name !== '' ? { name } : {}), ...(market.ok ? { market: market.value } : {}) });
    return index;
  };
}

/**
 * The products row reader (the user's own mapping), adding to `mapping`: a product name and
 * whether it counts.
 * @example const read = productRowReader(list); read(table, 5, values) // 0
 * @throws nothing
 */
export function productRowReader(mapping: ProductMapping[]): RowReader {
  return (table, row, values) => {
    const product = table.requiredText(row, values, 'product', 'product.empty');
    const countsCell = table.cell(values, 'counts');
    const counts = table.required(row, 'counts', countsCell, table.yesNo('counts', countsCell), 'mapping.counts-empty', 'mapping.counts-invalid');
    if (table.error !== undefined || product === undefined || counts === undefined) return undefined;
    const index = mapping.length;
    mapping.push({ product, counts });
    return index;
  };
}
