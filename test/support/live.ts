/** Tables and helpers shared by the workbook session's tests and the live functions' tests. */
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

