/**
 * Ordinary layouts (issue 20), each family table-driven on files written by other writers than
 * ours (openpyxl-style parts, and the same files saved by LibreOffice): the right number, or a
 * data issue at the cell, never a silently different number.
 */
import { CERT_HEADER, evaluateXlsx, levels, libreOfficeSaved, openpyxlXlsx, silverPasses, type TestSheets } from '../../test/support/layouts';
import type { TestCell } from '../../test/support/xlsx';

/** Every case's workbook, saved once more by LibreOffice in one run (beforeAll). */
const files: Record<string, Uint8Array> = {};
let saved: Record<string, Uint8Array> = {};
const both = (name: string, sheets: TestSheets): string => { files[name] = openpyxlXlsx(sheets); return name; };
const writers = ['openpyxl', 'LibreOffice'] as const;
const bytesOf = (name: string, writer: (typeof writers)[number]): Uint8Array => {
  const b = writer === 'openpyxl' ? files[name] : saved[name];
  if (!b) throw new Error(`no ${writer} file ${name}`);
  return b;
};

const REV_HEADER: readonly TestCell[] = ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'Attribution'];

// 3. Attribution in words: the written-out and abbreviated forms of DPOR in the six languages count.
const ATTRIBUTIONS: [string, boolean][] = [
  ['DPOR', true], ['dpor', true], ['D.P.O.R.', true], ['Digital Partner of Record', true], ['digital partner of record (DPOR)', true],
  ['Parceiro Digital de Registro', true], ['Parceiro Digital de Registro (DPOR)', true], ['Digitaler Partner of Record', true],
  ['數位合作夥伴記錄', true], ['디지털 파트너 오브 레코드', true], ['Partner digitale di riferimento', true], ['DPOR（數位合作夥伴記錄）', true],
  ['CPOR', false], ['Transacting', false], ['Partner of Record', false],
];
const attributionFile = (value: string): string => both(`attr-${ATTRIBUTIONS.findIndex(([v]) => v === value)}`, {
  Revenue: [REV_HEADER, ['P1', 'CRM Online', '2018-01-10', 120000, value]],
  Certifications: [CERT_HEADER, ...silverPasses('P1')],
});
const attributionCases = ATTRIBUTIONS.map(([value, counts]) => [attributionFile(value), value, counts] as const);
const cporFile = both('attr-cpor', {
  Revenue: [REV_HEADER, ['P1', 'CRM Online', '2018-01-10', 120000, 'DPOR'], ['P1', 'CRM Online', '2018-01-11', 1000, 'CPOR'],
    ['P1', 'CRM Online', '2016-01-11', 500.5, 'cpor'], ['P1', 'CRM Online', '2018-02-11', 2000, 'Transacting']],
  Certifications: [CERT_HEADER, ...silverPasses('P1')],
});

beforeAll(() => { saved = libreOfficeSaved(files); }, 180_000);

describe.each(writers)('files written by %s', (writer) => {
  describe('3. attribution in words', () => {
    test.each(attributionCases)('%s: "%s" counts: %p', (name, _value, counts) => {
      const run = evaluateXlsx(bytesOf(name, writer));
      expect(levels(run)).toEqual([['P1', counts ? 'silver' : 'none', counts ? 120000 : 0]]);
      expect(run.issues.filter((i) => i.code === 'attribution.not-accepted')).toHaveLength(counts ? 0 : 1);
    });

    test('every other value gets one warning at its first cell, with its rows and amount', () => {
      const run = evaluateXlsx(bytesOf(cporFile, writer));
      expect(levels(run)).toEqual([['P1', 'silver', 120000]]);
      const warnings = run.issues.filter((i) => i.code === 'attribution.not-accepted');
      expect(warnings.map((i) => [i.severity, i.sheet, i.cell, i.message])).toEqual([
        ['warning', 'Revenue', 'E3', 'Attribution "CPOR" is not DPOR: 2 row(s), US$ 1,500.50 (US$ 1,000.00 in the 12-month window) not counted'],
        ['warning', 'Revenue', 'E5', 'Attribution "Transacting" is not DPOR: 1 row(s), US$ 2,000.00 (US$ 2,000.00 in the 12-month window) not counted'],
      ]);
    });
  });
});
