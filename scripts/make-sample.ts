/**
 * Generates assets/sample-distributor.xlsx: a distributor tracking ten resellers in both markets
 * (evaluate it as of 2018-06-30). Deterministic (seeded), so the committed file can be rebuilt
 * and checked: `npx tsx scripts/make-sample.ts`.
 *
 * What it shows, as of 2018-06-30: Gold, Silver and None partners, one Silver at risk (its
 * revenue came in August-September 2017), one Silver that ends when MB2-709 stops counting, exam
 * plans, non-DPOR and ineligible revenue, a leaver, and three data issues (an amount that is
 * not a number, a date that does not exist, an MB2-877 pass before the exam existed).
 */
import ExcelJS from 'exceljs';
import * as path from 'node:path';

let seed = 20180630;
const rand = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

interface Partner { id: string; name: string; market: string; months: Record<string, number>; extra?: [string, string, number | string, string][] }
const ELIGIBLE = ['CRM Online', 'Dynamics 365 Customer Engagement', 'Dynamics 365 Plan 1'];
const months = (from: string, to: string, usd: number): Record<string, number> => {
  const out: Record<string, number> = {};
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) { out[`${y}-${String(m).padStart(2, '0')}`] = usd; m++; if (m > 12) { m = 1; y++; } }
  return out;
};

const partners: Partner[] = [
  { id: '1001', name: 'Contoso Brasil Ltda', market: 'Mercados em desenvolvimento', months: months('2017-01', '2018-06', 20_000) },
  { id: '1002', name: 'Fabrikam GmbH', market: 'Developed Markets', months: months('2017-01', '2018-06', 40_000) },
  { id: '1003', name: 'Northwind Italia S.r.l.', market: 'Mercati sviluppati', months: months('2017-03', '2018-06', 12_500) },
  { id: '1004', name: 'Tailspin Taiwan Co.', market: '開發中市場', months: { '2017-08': 30_000, '2017-09': 24_000, '2017-12': 3_000 } },
  { id: '1005', name: 'Woodgrove Korea', market: '개발 도상국 시장', months: months('2017-06', '2018-06', 5_000) },
  { id: '1006', name: 'Adventure Works Cycles', market: 'Developed Markets', months: months('2017-09', '2018-05', 6_500) },
  { id: '1007', name: 'Litware Inc.', market: 'Developed Markets', months: months('2017-06', '2018-06', 20_000) },
  { id: '1008', name: 'Proseware Mexico', market: 'Developing Markets', months: months('2017-01', '2018-06', 18_000) },
  { id: '1009', name: 'Wide World Importers', market: 'Developed Markets', months: months('2017-05', '2018-06', 20_000) },
  { id: '1010', name: 'Lucerne Publishing', market: 'Developed Markets', months: months('2017-04', '2018-06', 14_000) },
];

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cloud CRM Competency Tracker sample';
  wb.created = new Date(Date.UTC(2018, 5, 30));
  wb.modified = wb.created;

  const ps = wb.addWorksheet('Partners');
  ps.addRow(['Partner ID', 'Partner name', 'Market']).font = { bold: true };
  for (const p of partners) ps.addRow([p.id, p.name, p.market]);
  ps.columns.forEach((c, i) => { c.width = [12, 28, 30][i] ?? 12; });

  const rs = wb.addWorksheet('Revenue');
  rs.addRow(['Revenue by reseller, Partner Center export, pasted 2018-07-02']).font = { italic: true };
  rs.addRow([]);
  rs.addRow(['MPN ID', 'Customer', 'Product', 'Invoice date', 'Amount (USD)', 'Attribution']).font = { bold: true };
  const customers = ['Alpine Ski House', 'Blue Yonder Airlines', 'City Power & Light', 'Coho Winery', 'Margie\'s Travel', 'Trey Research', 'VanArsdel Ltd', 'Relecloud'];
  for (const p of partners) {
    for (const [month, usd] of Object.entries(p.months)) {
      // Each month's revenue in two or three invoices on random days, mostly eligible DPOR.
      const parts = 2 + Math.floor(rand() * 2);
      let left = usd;
      for (let k = 0; k < parts; k++) {
        const amount = k === parts - 1 ? left : Math.round((usd / parts) * (0.7 + rand() * 0.6));
        left -= amount;
        const [y, m] = month.split('-').map(Number) as [number, number];
        const day = 1 + Math.floor(rand() * 27);
        const attribution = p.id === '1009' ? 'CPOR' : 'DPOR';
        rs.addRow([p.id, pick(customers), pick(ELIGIBLE), new Date(Date.UTC(y, m - 1, day)), amount, attribution]);
      }
      // Ineligible and non-DPOR noise that must not count.
      if (rand() < 0.35) rs.addRow([p.id, pick(customers), pick(['Office 365 E3', 'Azure', 'Dynamics 365 for Operations']), `${month}`, Math.round(2_000 + rand() * 8_000), 'DPOR']);
      if (rand() < 0.2) rs.addRow([p.id, pick(customers), 'CRM Online', `${month}`, Math.round(1_000 + rand() * 4_000), 'Transacting']);
    }
  }
  // Credits, a month-only row, and the data issues.
  rs.addRow(['1002', 'Coho Winery', 'CRM Online', new Date(Date.UTC(2018, 3, 12)), -4_500, 'DPOR']);
  rs.addRow(['1006', 'Trey Research', 'Dynamics 365 Plan 1', '2018-06', 2_400, 'DPOR']);
  rs.addRow(['1003', 'Relecloud', 'CRM Online', new Date(Date.UTC(2018, 1, 14)), 'n/a', 'DPOR']);
  rs.addRow(['1005', 'VanArsdel Ltd', 'CRM Online', '2018-02-30', 3_000, 'DPOR']);
  rs.getColumn(4).numFmt = 'yyyy-mm-dd';
  rs.getColumn(5).numFmt = '#,##0.00';
  rs.columns.forEach((c, i) => { c.width = [10, 22, 34, 14, 14, 12][i] ?? 12; });

  const cs = wb.addWorksheet('Certifications');
  cs.addRow(['MPNId', 'IndividualFirstName', 'IndividualLastName', 'Email', 'TrainingTitle', 'TrainingCompletionDate', 'Active']).font = { bold: true };
  const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
  const rows: [string, string, string, string, string, string, string][] = [
    // 1001 Gold (developing): two application+deployment, two customization.
    ['1001', 'Ana', 'Souza', 'ana.souza@contoso.com.br', 'MB2-714', '2017-02-10', 'Sim'],
    ['1001', 'Ana', 'Souza', 'ana.souza@contoso.com.br', 'MB2-710', '2017-03-15', 'Sim'],
    ['1001', 'Bruno', 'Lima', 'bruno.lima@contoso.com.br', 'Exam MB2-713', '2017-05-02', 'Sim'],
    ['1001', 'Bruno', 'Lima', 'bruno.lima@contoso.com.br', 'MB2 706', '2017-05-30', 'Sim'],
    ['1001', 'Carla', 'Dias', 'carla.dias@contoso.com.br', 'MB2-712', '2017-04-20', 'Sim'],
    ['1001', 'Davi', 'Reis', 'davi.reis@contoso.com.br', 'MB2-716', '2018-01-22', 'Sim'],
    // 1002 Gold (developed), with a fifth person not needed.
    ['1002', 'Jonas', 'Becker', 'j.becker@fabrikam.de', 'Prüfung MB2-717', '2017-12-04', 'Ja'],
    ['1002', 'Jonas', 'Becker', 'j.becker@fabrikam.de', 'MB2-715', '2018-01-15', 'Ja'],
    ['1002', 'Lea', 'Wagner', 'l.wagner@fabrikam.de', 'MB2-718', '2018-02-01', 'Ja'],
    ['1002', 'Lea', 'Wagner', 'l.wagner@fabrikam.de', 'Microsoft Dynamics CRM Online Deployment', '2017-09-09', 'Ja'],
    ['1002', 'Max', 'Schulz', 'm.schulz@fabrikam.de', 'MB2-707', '2017-03-03', 'Ja'],
    ['1002', 'Nina', 'Hoffmann', 'n.hoffmann@fabrikam.de', 'MB2-712', '2017-08-08', 'Ja'],
    ['1002', 'Otto', 'Krüger', 'o.krueger@fabrikam.de', 'MB2-716', '2018-03-12', 'Ja'],
    // 1003 Silver: one of each; Gold needs two more people.
    ['1003', 'Giulia', 'Rossi', 'giulia.rossi@northwind.it', 'MB2-714', '2017-06-12', 'Sì'],
    ['1003', 'Giulia', 'Rossi', 'giulia.rossi@northwind.it', 'MB2-706', '2017-07-01', 'Sì'],
    ['1003', 'Marco', 'Bianchi', 'marco.bianchi@northwind.it', 'MB2-712', '2017-09-19', 'Sì'],
    ['1003', 'Sara', 'Conti', 'sara.conti@northwind.it', 'MB2-717', '2018-04-03', 'Sì'],
    // 1004 Silver at risk (revenue), exams fine.
    ['1004', 'Wei', 'Chen', 'wei.chen@tailspin.tw', 'MB2-713', '2017-05-05', '是'],
    ['1004', 'Wei', 'Chen', 'wei.chen@tailspin.tw', 'MB2-710', '2017-05-25', '是'],
    ['1004', 'Mei', 'Lin', 'mei.lin@tailspin.tw', 'Microsoft Dynamics CRM 2016 自訂和設定', '2017-06-30', '是'],
    // 1005 None: nobody has a deployment exam yet.
    ['1005', 'Min-jun', 'Kim', 'minjun.kim@woodgrove.kr', 'MB2-718', '2018-02-20', '예'],
    ['1005', 'Seo-yeon', 'Park', 'seoyeon.park@woodgrove.kr', 'MB2-716', '2018-03-09', '예'],
    ['1005', 'Ji-ho', 'Lee', 'jiho.lee@woodgrove.kr', 'MB2-877', '2017-12-10', '예'],
    // 1006 None: exams met, revenue short.
    ['1006', 'Sam', 'Taylor', 'sam@adventure-works.com', 'MB2-714', '2017-10-10', 'Yes'],
    ['1006', 'Sam', 'Taylor', 'sam@adventure-works.com', 'MB2-715', '2018-01-10', 'Yes'],
    ['1006', 'Alex', 'Morgan', 'alex@adventure-works.com', 'MB2-707', '2017-04-04', 'Yes'],
    // 1007 Silver until MB2-709 stops counting (2018-12-31).
    ['1007', 'Chris', 'Jordan', 'chris@litware.com', 'MB2-709', '2017-08-14', 'Yes'],
    ['1007', 'Chris', 'Jordan', 'chris@litware.com', 'MB2-706', '2017-08-28', 'Yes'],
    ['1007', 'Pat', 'Kelly', 'pat@litware.com', 'MB2-712', '2017-11-02', 'Yes'],
    // 1008 Gold (developing), with MB2-877 after it became available.
    ['1008', 'Lucía', 'García', 'lucia@proseware.mx', 'MB2-877', '2018-02-15', 'Yes'],
    ['1008', 'Lucía', 'García', 'lucia@proseware.mx', 'MB2-715', '2018-03-01', 'Yes'],
    ['1008', 'Diego', 'Martínez', 'diego@proseware.mx', 'MB2-714', '2017-02-02', 'Yes'],
    ['1008', 'Diego', 'Martínez', 'diego@proseware.mx', 'MB2-710', '2017-02-20', 'Yes'],
    ['1008', 'Sofía', 'López', 'sofia@proseware.mx', 'MB2-712', '2017-10-10', 'Yes'],
    ['1008', 'Mateo', 'Hernández', 'mateo@proseware.mx', 'MB2-716', '2018-05-05', 'Yes'],
    // 1009 None: revenue is CPOR; exams for Silver.
    ['1009', 'Robin', 'Ellis', 'robin@wideworld.com', 'MB2-713', '2017-07-07', 'Yes'],
    ['1009', 'Robin', 'Ellis', 'robin@wideworld.com', 'MB2-706', '2017-07-21', 'Yes'],
    ['1009', 'Kim', 'Abercrombie', 'kim@wideworld.com', 'MB2-707', '2016-11-11', 'Yes'],
    // 1010 Silver, with a leaver whose exams no longer count.
    ['1010', 'Dana', 'Birkby', 'dana@lucerne.com', 'MB2-714', '2017-03-30', 'Yes'],
    ['1010', 'Dana', 'Birkby', 'dana@lucerne.com', 'MB2-710', '2017-04-13', 'Yes'],
    ['1010', 'Eli', 'Stone', 'eli@lucerne.com', 'MB2-712', '2017-05-17', 'Yes'],
    ['1010', 'Fran', 'Wilson', 'fran@lucerne.com', 'MB2-713', '2016-12-01', 'No'],
    ['1010', 'Fran', 'Wilson', 'fran@lucerne.com', 'MB2-710', '2016-12-20', 'No'],
    ['1010', 'Fran', 'Wilson', 'fran@lucerne.com', 'MB2-707', '2017-01-10', 'No'],
    // Exams that are not Cloud CRM exams (Partner Center lists everything).
    ['1002', 'Jonas', 'Becker', 'j.becker@fabrikam.de', 'AZ-900: Microsoft Azure Fundamentals', '2018-05-05', 'Ja'],
    ['1003', 'Marco', 'Bianchi', 'marco.bianchi@northwind.it', 'MB2-716', '2018-07-15', 'Sì'],
  ];
  for (const r of rows) cs.addRow([r[0], r[1], r[2], r[3], r[4], d(r[5]), r[6]]);
  // Before 2017-11-16, MB2-715/716/717/718 did not count: earlier passes of the older exams fill in above.
  cs.getColumn(6).numFmt = 'yyyy-mm-dd';
  cs.columns.forEach((c, i) => { c.width = [10, 16, 16, 30, 42, 14, 8][i] ?? 12; });

  const out = path.join(__dirname, '..', 'assets', 'sample-distributor.xlsx');
  await wb.xlsx.writeFile(out);
  process.stdout.write(`wrote ${out}\n`);
}

void main();
