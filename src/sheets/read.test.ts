import { ALIASES, findTables, headerCurrency, normalizeHeader, type Field, type TableKind } from './headers';
import type { SheetInput } from './cells';
import { readWorkbook, DROPPED_ROW } from './read';
import { ISSUE_CODES, type IssueCode } from './issues';
import { openRun, wholeOutputs } from './index';
import type { Cell } from './cells';

const REVENUE_HEADER = ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'];
const CERT_HEADER = ['Partner ID', 'Individual', 'Exam', 'Date passed', 'Active'];
const sheet = (name: string, values: Cell[][]): SheetInput => ({ name, values });

describe('finding tables by their header row', () => {
  test('finds a header that is not in row 1, in any column order', () => {
    const tables = findTables('S', [['My tracker'], [], ['Amount', 'Date', 'Product'], [10, '2018-01-01', 'CRM Online']]);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ kind: 'revenue', headerRow: 2, fields: { amount: 0, date: 1, product: 2 }, endRow: 4 });
  });

  test('finds two tables side by side on one sheet', () => {
    const tables = findTables('S', [[...REVENUE_HEADER, null, ...CERT_HEADER]]);
    expect(tables.map((t) => [t.kind, t.firstCol, t.lastCol])).toEqual([['revenue', 0, 4], ['certifications', 6, 10]]);
  });

  test('finds a table stacked below another after an empty row', () => {
    const tables = findTables('S', [REVENUE_HEADER, ['P1', 'CRM Online', '2018-01-01', 1, 'yes'], [], CERT_HEADER, ['P1', 'Ana', 'MB2-714', '2017-01-01', 'yes']]);
    expect(tables.map((t) => [t.kind, t.headerRow, t.endRow])).toEqual([['revenue', 0, 3], ['certifications', 3, 5]]);
  });

  test('reads Partner Center Insights column names', () => {
    const rev = findTables('S', [['MPNId', 'PartnerName', 'CustomerTenantId', 'Workload', 'Month', 'RevenueUSD', 'PartnerAttributionType']]);
    expect(rev[0]).toMatchObject({ kind: 'revenue', monthColumn: true, fields: { partnerId: 0, customer: 2, product: 3, date: 4, amount: 5, attribution: 6 } });
    const certs = findTables('S', [['MPNId', 'IndividualFirstName', 'IndividualLastName', 'MCPID', 'TrainingTitle', 'TrainingCompletionDate']]);
    expect(certs[0]).toMatchObject({ kind: 'certifications', fields: { partnerId: 0, firstName: 1, lastName: 2, mcpId: 3, exam: 4, datePassed: 5 } });
  });

  test('recognises the status columns of an earlier run by their header, in any of our languages', () => {
    const tables = findTables('S', [[...REVENUE_HEADER, 'Contado', 'Motivo']]);
    expect(tables[0]).toMatchObject({ lastCol: 4, statusCol: 5 });
  });

  test('a user column named "Reason" alone is not ours', () => {
    const tables = findTables('S', [[...REVENUE_HEADER, 'Reason']]);
    expect(tables[0]).toMatchObject({ lastCol: 5, statusCol: null });
  });

  // Every alias, in a header row that otherwise holds the kind's required columns.
  const minimal: Record<TableKind, Record<string, string>> = {
    revenue: { product: 'Product', date: 'Date', amount: 'Amount' },
    certifications: { name: 'Individual', exam: 'Exam', datePassed: 'Date passed' },
    partners: { partnerId: 'Partner ID', market: 'Market' },
    products: { product: 'Product', counts: 'Counts' },
  };
  const cases: [TableKind, Field, string][] = [];
  for (const kind of Object.keys(ALIASES) as TableKind[]) {
    for (const [field, aliases] of Object.entries(ALIASES[kind]) as [Field, string[]][]) for (const a of aliases) cases.push([kind, field, a]);
  }
  test.each(cases)('%s header alias for %s: "%s"', (kind, field, alias) => {
    const base = Object.entries(minimal[kind]).filter(([f]) => f !== field).map(([, h]) => h)
      .filter((h) => normalizeHeader(h) !== normalizeHeader(alias));
    const header = kind === 'partners' && field !== 'partnerId' ? ['Partner ID', alias] : [...base, alias];
    const found = findTables('S', [header]).find((t) => t.kind === kind);
    expect(found?.fields[field]).toBe(header.indexOf(alias));
  });
  test.each([
    ['Betrag (USD)', 'USD'], ['Amount (USD)', 'USD'], ['Umsatz (EUR)', 'EUR'], ['Importo [EUR]', 'EUR'], ['Valor (R$)', 'R$'],
    ['금액 (KRW)', 'KRW'], ['營收（TWD）', 'TWD'], ['Revenue ($)', '$'], ['Ricavi (US$)', 'US$'], ['Betrag(CHF)', 'CHF'],
  ])('an amount header with a currency in brackets, "%s", is the amount column', (header, currency) => {
    const found = findTables('S', [['Product', 'Date', header]]).find((t) => t.kind === 'revenue');
    expect([found?.fields.amount, headerCurrency(header)?.currency]).toEqual([2, currency]);
  });

  test.each([
    ['Amount (net)', 'a word in brackets is not a currency'],
    ['Product (EUR)', 'only an amount column takes a currency'],
    ['Date (USD)', 'only an amount column takes a currency'],
    ['(USD)', 'a currency alone names no column'],
  ])('"%s" is not the amount column: %s', (header) => {
    const found = findTables('S', [['Product', 'Date', header]]).find((t) => t.kind === 'revenue');
    expect(found).toBeUndefined();
  });

  test('headerCurrency says whether a currency is US dollars', () => {
    expect(['Betrag (USD)', 'Amount ($)', 'Umsatz (EUR)', 'Amount', 'Amount (usd)'].map((h) => headerCurrency(h)))
      .toEqual([{ base: 'Betrag', currency: 'USD', usd: true }, { base: 'Amount', currency: '$', usd: true }, { base: 'Umsatz', currency: 'EUR', usd: false }, undefined, undefined]);
  });
});

describe('reading rows and reporting data issues', () => {
  const codesOf = (sheets: SheetInput[], locale: 'en-US' | 'pt-BR' = 'en-US'): IssueCode[] => readWorkbook({ sheets }, { locale }).issues.map((i) => i.code);

  test('a readable workbook has no issues and one record per row', () => {
    const read = readWorkbook({ sheets: [sheet('Rev', [REVENUE_HEADER, ['P1', 'CRM Online', '2018-01-05', '$1,000.00', 'Yes']]), sheet('Certs', [CERT_HEADER, ['P1', 'Ana', 'MB2-714', 43000, 'Sim']])] }, { locale: 'en-US' });
    expect(read.issues).toEqual([]);
    expect(read.revenue.length).toBe(1);
    expect(read.revenue.amountCents[0]).toBe(100_000);
    expect(read.certifications.individualNames).toEqual(['Ana']);
  });

  test('an issue names its sheet, row, column and A1 cell', () => {
    const read = readWorkbook({ sheets: [sheet('Rev', [[], REVENUE_HEADER, ['P1', 'CRM Online', 'soon', 5, 'yes']])] }, { locale: 'en-US' });
    expect(read.issues[0]).toMatchObject({ severity: 'error', table: 'revenue', sheet: 'Rev', row: 3, column: 'Date', cell: 'C3', code: 'date.invalid' });
    expect(read.issues[0]?.message).toContain('"soon" is not a date');
    expect(read.tables[0]?.recordOfRow[0]).toBe(DROPPED_ROW);
  });

  const revRow = (over: Partial<Record<number, Cell>>): Cell[] => {
    const row: Cell[] = ['P1', 'CRM Online', '2018-01-05', 100, 'yes'];
    for (const [k, v] of Object.entries(over)) row[Number(k)] = v;
    return row;
  };
  const certRow = (over: Partial<Record<number, Cell>>): Cell[] => {
    const row: Cell[] = ['P1', 'Ana', 'MB2-714', '2017-06-01', 'yes'];
    for (const [k, v] of Object.entries(over)) row[Number(k)] = v;
    return row;
  };
  const certs = sheet('C', [CERT_HEADER, certRow({})]);
  const rev = sheet('R', [REVENUE_HEADER, revRow({})]);

  test.each([
    ['table.revenue-missing', [certs]],
    ['table.certifications-missing', [rev]],
    ['column.attribution-missing', [sheet('R', [['Product', 'Date', 'Amount'], ['CRM Online', '2018-01-01', 5]]), certs]],
    ['column.amount-currency', [sheet('R', [['Partner ID', 'Product', 'Date', 'Umsatz (EUR)', 'DPOR'], revRow({})]), certs]],
    ['cell.formula-error', [sheet('R', [REVENUE_HEADER, revRow({ 3: '#N/A' })]), certs]],
    ['cell.formula-error-kept', [sheet('R', [REVENUE_HEADER, revRow({ 4: '#REF!' })]), certs]],
    ['date.empty', [sheet('R', [REVENUE_HEADER, revRow({ 2: null })]), certs]],
    ['date.invalid', [sheet('R', [REVENUE_HEADER, revRow({ 2: 'yesterday' })]), certs]],
    ['date.1900-02-29', [sheet('R', [REVENUE_HEADER, revRow({ 2: 60 })]), certs]],
    ['date.order-ambiguous', [sheet('R', [REVENUE_HEADER, revRow({ 2: '03/04/2018' })]), certs]],
    ['amount.empty', [sheet('R', [REVENUE_HEADER, revRow({ 3: '' })]), certs]],
    ['amount.invalid', [sheet('R', [REVENUE_HEADER, revRow({ 3: 'lots' })]), certs]],
    ['product.empty', [sheet('R', [REVENUE_HEADER, revRow({ 1: ' ' })]), certs]],
    ['individual.empty', [rev, sheet('C', [CERT_HEADER, certRow({ 1: null })])]],
    ['exam.empty', [rev, sheet('C', [CERT_HEADER, certRow({ 2: null })])]],
    ['partner.empty', [sheet('R', [REVENUE_HEADER, revRow({ 0: null }), revRow({})]), certs]],
    ['column.partner-empty', [sheet('R', [REVENUE_HEADER, revRow({ 0: null })]), certs]],
    ['attribution.empty', [sheet('R', [REVENUE_HEADER, revRow({ 4: null })]), certs]],
    ['attribution.invalid', [sheet('R', [REVENUE_HEADER, revRow({ 4: 'maybe' })]), certs]],
    ['cell.formula-no-result', [sheet('R', [REVENUE_HEADER, revRow({ 3: { error: '#NO RESULT' } })]), certs]],
    ['column.amount-chosen', [sheet('R', [[...REVENUE_HEADER, 'Amount (BRL)'], revRow({})]), certs]],
    ['active.invalid', [rev, sheet('C', [CERT_HEADER, certRow({ 4: 'perhaps' })])]],
    ['market.invalid', [rev, certs, sheet('P', [['Partner ID', 'Market'], ['P1', 'Mars']])]],
    ['partner.duplicate', [rev, certs, sheet('P', [['Partner ID', 'Market'], ['P1', 'Developed'], ['P1', 'Developing']])]],
    ['individual.spelling', [rev, sheet('C', [CERT_HEADER, certRow({}), certRow({ 1: 'ÁNA' })])]],
    ['individual.ambiguous', [rev, sheet('C', [['Partner ID', 'Name', 'Email', 'Exam', 'Date passed'], ['P1', 'Ana', 'a1@x.com', 'MB2-714', '2017-06-01'], ['P1', 'Ana', 'a2@x.com', 'MB2-714', '2017-06-01'], ['P1', 'Ana', null, 'MB2-714', '2017-06-01']])]],
    ['partner.spelling', [sheet('R', [REVENUE_HEADER, revRow({ 0: 123 })]), sheet('C', [CERT_HEADER, certRow({ 0: '00123' })])]],
    ['mapping.counts-empty', [rev, certs, sheet('M', [['Product', 'Counts'], ['Contoso Widgets', null]])]],
    ['mapping.counts-invalid', [rev, certs, sheet('M', [['Product', 'Counts'], ['Contoso Widgets', 'perhaps']])]],
  ] as [IssueCode, SheetInput[]][])('reports %s', (code, sheets) => {
    expect(codesOf(sheets)).toEqual([code]);
  });

  test.each([
    ['exam.before-available', [rev, sheet('C', [CERT_HEADER, certRow({ 2: 'MB2-877', 3: '2017-12-01' })])], {}],
    ['market.assumed-developed', [rev, certs], {}],
    ['rulebook.before-first', [sheet('R', [REVENUE_HEADER, revRow({ 2: '2016-12-01' })]), certs], { asOf: '2017-01-01' }],
    ['product.unknown', [sheet('R', [REVENUE_HEADER, revRow({ 1: 'Contoso Widgets' })]), certs], {}],
    ['attribution.not-accepted', [sheet('R', [REVENUE_HEADER, revRow({ 4: 'CPOR' })]), certs], {}],
    ['as-of.no-counted-revenue', [rev, certs], { asOf: '2026-11-23' }],
  ] as [IssueCode, SheetInput[], { asOf?: string }][])('reports %s when evaluating', (code, sheets, opts) => {
    const run = openRun({ sheets }, { locale: 'en-US', asOf: opts.asOf ?? '2018-03-15', ...(code === 'market.assumed-developed' ? {} : { defaultMarket: 'developed' }) });
    expect(run.issues.map((i) => i.code)).toEqual([code]);
  });

  test('reports workbook.hidden-sheets, naming the sheets the source left out', () => {
    const read = readWorkbook({ sheets: [rev, certs], hiddenSheets: ['Old', 'Archive'] }, { locale: 'en-US' });
    expect(read.issues.map((i) => [i.code, i.message])).toEqual([['workbook.hidden-sheets', 'Hidden sheets are not read: "Old", "Archive"; unhide a sheet to count what it holds']]);
  });

  test('every issue code has a test above', () => {
    // Keeps this file honest when a code is added.
    expect(ISSUE_CODES).toHaveLength(36);
  });

  test('each unknown product gets one warning at its first product cell, with its row count and revenue', () => {
    const run = openRun({ sheets: [sheet('R', [REVENUE_HEADER,
      revRow({ 1: 'Contoso Widgets', 3: 1000 }), revRow({ 0: 'P2', 1: 'Contoso Widgets', 2: '2015-01-01', 3: 234.5 }), revRow({ 1: 'Fabrikam ERP', 3: 7 }),
      revRow({ 1: 'contoso  WIDGETS', 3: 1 }), revRow({ 1: 'Azure', 3: 5 })]), certs] }, { locale: 'en-US', asOf: '2018-03-15', defaultMarket: 'developed' });
    const unknown = run.issues.filter((i) => i.code === 'product.unknown');
    expect(unknown.map((i) => [i.severity, i.cell, i.partner])).toEqual([['warning', 'B2', -1], ['warning', 'B4', 0], ['warning', 'B5', 0]]);
    expect(unknown[0]?.message).toBe('Unknown product "Contoso Widgets": 2 rows, US$ 1,234.50 (US$ 1,000.00 in the 12-month window) not counted; add it to a Products table (Product, Counts) to decide');
    // Known non-counting products (Azure) are "not eligible", with no warning.
    expect(wholeOutputs(run.outputs()).statusColumns[0]?.values.slice(1).map((r) => r[1])).toEqual([
      expect.stringMatching(/^Unknown product/), expect.stringMatching(/^Unknown product/), expect.stringMatching(/^Unknown product/),
      expect.stringMatching(/^Unknown product/), 'Product not eligible under cloud-crm-2017-11',
    ]);
  });

  test('a partner-id column blank in every row of every table is one organisation, with one warning', () => {
    const run = openRun({ sheets: [
      sheet('R', [REVENUE_HEADER, revRow({ 0: null, 3: 60000 }), revRow({ 0: '  ', 3: 50000 })]),
      sheet('C', [CERT_HEADER, certRow({ 0: null }), certRow({ 0: null, 2: 'MB2-710' })]),
      sheet('P', [['Partner ID', 'Market'], [null, 'Developing']]),
    ] }, { locale: 'en-US', asOf: '2018-03-15' });
    expect(run.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([['column.partner-empty', 'warning', 'A1']]);
    expect(run.evaluation.partners.map((p) => [p.partnerId, p.ttmRevenueCents, p.market, p.level])).toEqual([[null, 110000_00, 'developing', 'none']]);
    expect(run.read.tables.every((tb) => [...tb.recordOfRow].every((r) => r >= 0))).toBe(true);
  });

  test('a partly filled partner-id column makes only its empty rows errors', () => {
    const run = openRun({ sheets: [sheet('R', [REVENUE_HEADER, revRow({ 0: null }), revRow({}), revRow({ 0: '' })]), certs] }, { locale: 'en-US', asOf: '2018-03-15', defaultMarket: 'developed' });
    expect(run.issues.map((i) => [i.code, i.cell])).toEqual([['partner.empty', 'A2'], ['partner.empty', 'A4']]);
    expect(run.evaluation.partners.map((p) => p.partnerId)).toEqual(['P1']);
  });

  test('the as-of hint is on the status row of each partner without counted revenue', () => {
    const run = openRun({ sheets: [rev, certs] }, { locale: 'de-DE', asOf: '2026-11-23', defaultMarket: 'developed' });
    const note = run.status().columns.findIndex((c) => c.key === 'note');
    expect(run.status().columns[note]?.header).toBe('Hinweis');
    expect(run.status().rows[0]?.[note]).toBe('Keine gezählte Zeile liegt im 12-Monats-Zeitraum zum 2026-11-23 (2025-12-01 bis 2026-11-23); die jüngste Zeile ist vom 2018-01-05. Zum Stichtag 2018-01-05 auswerten?');
    const inTime = openRun({ sheets: [rev, certs] }, { locale: 'de-DE', asOf: '2018-03-15' });
    expect(inTime.status().rows[0]?.[note]).toBe('');
  });

  test('a Products table overrides the catalogue both ways, and its rows get status columns', () => {
    const products = sheet('Produkte', [['Meine Zuordnung'], [], ['Produkt', 'Zählt'], ['Contoso CRM Connector', 'Ja'], ['CRM Online Basic', 'nein'], ['contoso  crm CONNECTOR', 'nein'], ['Never Sold', 'ja']]);
    const run = openRun({ sheets: [
      sheet('R', [REVENUE_HEADER, revRow({ 1: 'Contoso CRM Connector', 3: 700 }), revRow({ 1: 'CRM Online Basic', 3: 50 }), revRow({ 1: 'CRM Online', 3: 3 })]), certs, products,
    ] }, { locale: 'en-US', asOf: '2018-03-15', defaultMarket: 'developed' });
    expect(run.read.productMapping).toHaveLength(4);
    expect(run.evaluation.partners[0]?.ttmRevenueCents).toBe(703_00);
    expect(run.issues).toEqual([]);
    const block = wholeOutputs(run.outputs()).statusColumns.find((b) => b.sheet === 'Produkte');
    expect(block).toMatchObject({ row: 2, col: 2 });
    expect(block?.values).toEqual([
      ['Counted', 'Reason'],
      ['Yes', 'Used for 1 revenue row, US$ 700.00; without this row: unknown product'],
      ['No', 'Used for 1 revenue row, US$ 50.00; without this row: eligible'],
      ['No', 'The same product as row 4, which is used'],
      ['Yes', 'No revenue row names this product; without this row: unknown product'],
    ]);
  });

  test('a mapping given from outside the workbook comes first', () => {
    const run = openRun({ sheets: [sheet('R', [REVENUE_HEADER, revRow({ 1: 'Widget', 3: 700 })]), certs, sheet('M', [['Product', 'Counts'], ['Widget', 'no']])] }, {
      locale: 'en-US', asOf: '2018-03-15', defaultMarket: 'developed', productMapping: [{ product: 'widget', counts: true }],
    });
    expect(run.evaluation.partners[0]?.ttmRevenueCents).toBe(700_00);
  });

  test('rows of a dropped cell say why in the status column, and other rows still count', () => {
    const run = openRun({ sheets: [sheet('R', [REVENUE_HEADER, revRow({ 3: 'lots' }), revRow({})]), certs] }, { locale: 'en-US', asOf: '2018-03-15' });
    expect(wholeOutputs(run.outputs()).statusColumns[0]?.values.slice(1).map((r) => r[0])).toEqual(['No', 'Yes']);
    expect(wholeOutputs(run.outputs()).statusColumns[0]?.values[1]?.[1]).toContain('"lots" is not an amount');
  });

  test('empty rows inside a table are skipped, not taken as its end', () => {
    const read = readWorkbook({ sheets: [sheet('R', [REVENUE_HEADER, revRow({}), [], revRow({})]), certs] }, { locale: 'en-US' });
    expect(read.revenue.length).toBe(2);
  });

  test('the individual is the MCP ID, then the e-mail, then the name; rows sharing an e-mail are one; first and last name together make a name', () => {
    const header = ['MCP ID', 'Email', 'IndividualFirstName', 'IndividualLastName', 'Exam', 'Date passed'];
    const read = readWorkbook({ sheets: [rev, sheet('C', [header,
      ['123', 'ana@x.com', 'Ana', 'Souza', 'MB2-714', '2017-01-01'],
      [null, 'ANA@x.com ', 'Ana', 'S.', 'MB2-710', '2017-01-01'],
      [null, null, 'Bo', 'Lima', 'MB2-712', '2017-01-01'],
    ])] }, { locale: 'en-US' });
    // The second row shares the first's e-mail: one person, known by the first's MCP ID.
    expect(read.certifications.individualKeys).toEqual(['123', 'bolima']);
    expect(read.certifications.individualNames).toEqual(['Ana Souza', 'Bo Lima']);
    expect(Array.from(read.certifications.individual)).toEqual([0, 0, 1]);
  });

  test('amounts with a decimal comma are read by the workbook locale', () => {
    const read = readWorkbook({ sheets: [sheet('R', [REVENUE_HEADER, revRow({ 3: 'US$ 50.000' })]), certs] }, { locale: 'pt-BR' });
    expect(read.revenue.amountCents[0]).toBe(5_000_000);
  });
});

describe('tables mapped by hand', () => {
  test('a table the user pointed at is read with their column choices, even with headers no alias knows', () => {
    const values = [['Kunde', 'Artikel', 'Wann', 'Wert', 'Partner?'], ['X', 'CRM Online', '2018-01-05', 500, 'ja']];
    const read = readWorkbook({ sheets: [sheet('Daten', values), sheet('C', [CERT_HEADER, ['P1', 'Ana', 'MB2-714', '2017-06-01', 'yes']])] }, {
      locale: 'de-DE',
      tables: [{ kind: 'revenue', sheet: 'Daten', headerRow: 0, firstCol: 0, lastCol: 4, fields: { product: 1, date: 2, amount: 3, dpor: 4 } }],
    });
    expect(read.missing).toEqual([]);
    expect(read.revenue.length).toBe(1);
    expect(read.revenue.amountCents[0]).toBe(50_000);
    expect(read.revenue.attributions[read.revenue.attribution[0] as number]).toBe('DPOR');
  });
});
