/** Tables and helpers shared by the workbook session's tests, the live functions' tests and the live bench. */
import type { GeneratedSheet } from './excel-web';

export const REVENUE = [
  ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'],
  ['P1', 'CRM Online', 43105, 320000, 'Yes'],
  ['P2', 'CRM Online', '2017-06-10', 120000, 'Yes'],
  ['P2', 'Azure', '2018-01-05', 99999, 'Yes'],
];
export const CERTS = [
  ['Partner ID', 'Individual', 'Exam', 'Date passed'],
  ...['Ana', 'Bo'].flatMap((n) => [['P1', n, 'MB2-714', '2017-06-01'], ['P1', n, 'MB2-710', '2017-06-01']]),
  ['P1', 'Cy', 'MB2-712', '2017-06-01'], ['P1', 'Di', 'MB2-707', '2017-06-01'],
  ['P2', 'Eva', 'MB2-713', '2017-06-01'], ['P2', 'Eva', 'MB2-706', '2017-06-01'], ['P2', 'Fay', 'MB2-712', '2017-06-01'],
];

/** Lets Excel's events (delivered in later microtasks) reach their handlers. */
export async function delivered(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}


type Value = string | number | boolean;
function sheet(name: string, header: readonly Value[], rows: number, row: (i: number) => Value[]): GeneratedSheet {
  return { name, rows: rows + 1, cols: header.length, row: (r) => (r === 0 ? header : row(r - 1)) };
}

/** The distributor workbook: three input tables and the sheet of per-partner formulas. */
export function distributor(revenue = 200_000, certifications = 20_000, partners = 2_000): GeneratedSheet[] {
  const pid = (i: number): string => `P${(i % partners) + 1}`;
  return [
    sheet('Revenue', ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], revenue, (i) => [pid(i), i % 7 === 0 ? 'Azure' : 'CRM Online', 42900 + (i % 400), 100 + (i % 97) * 40, i % 11 === 0 ? 'No' : 'Yes']),
    // Two rows a person: an application (or, for each partner's fifth person, a customization) exam and a deployment exam, so levels vary.
    sheet('Certifications', ['Partner ID', 'Individual', 'Exam', 'Date passed'], certifications, (i) => {
      const k = Math.floor(i / 2);
      const exam = i % 2 === 1 ? 'MB2-710' : Math.floor(k / partners) % 5 === 4 ? 'MB2-712' : 'MB2-714';
      return [pid(k), `Person ${k}`, exam, 42700 + (k % 300)];
    }),
    sheet('Partners', ['Partner ID', 'Partner name', 'Market'], partners, (i) => [`P${i + 1}`, `Reseller ${i + 1} Ltda.`, i % 2 === 0 ? 'Developed' : 'Developing']),
    // What the formulas show; Excel passes a formula's cell as its value when the session reads it.
    sheet('Resellers', ['Partner ID', 'Level'], partners, (i) => [`P${i + 1}`, 'Silver']),
  ];
}

