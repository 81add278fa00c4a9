/** Partner names from a PartnerName-like column of the revenue or certification rows (issue 18 item 5). */
import { readWorkbook } from './read';
import { openRun } from './run';
import type { Cell, SheetInput } from './cells';

const sheet = (name: string, values: Cell[][]): SheetInput => ({ name, values });
const CERTS = sheet('Certifications', [['Partner ID', 'Individual', 'Exam', 'Date passed'], ['P1', 'Ana', 'MB2-714', '2017-06-01'], ['P2', 'Bo', 'MB2-710', '2017-06-01']]);
const revenue = (nameHeader: string, rows: Cell[][]): SheetInput => sheet('Revenue', [['Partner ID', nameHeader, 'Product', 'Date', 'Amount'], ...rows]);
const names = (sheets: SheetInput[]): [string | null, string | undefined][] =>
  readWorkbook({ sheets }, { locale: 'en-US' }).partners.map((p) => [p.partnerId ?? null, p.name]).sort() as [string | null, string | undefined][];

describe('partner names without a Partners table', () => {
  test.each(['PartnerName', 'Partner name', 'Reseller name', 'Nome do parceiro', 'Name des Partners', '合作夥伴名稱', '파트너 이름'])('taken from a "%s" column of the revenue rows', (header) => {
    const rev = revenue(header, [['P1', 'Alpine Ski House', 'CRM Online', '2018-01-05', 100], ['P2', 'Fabrikam', 'CRM Online', '2018-01-05', 100]]);
    expect(names([rev, CERTS])).toEqual([['P1', 'Alpine Ski House'], ['P2', 'Fabrikam']]);
  });

  test('the first name a partner\'s rows give; empty cells give none', () => {
    const rev = revenue('PartnerName', [['P1', '', 'CRM Online', '2018-01-05', 1], ['P1', 'Alpine', 'CRM Online', '2018-01-05', 1], ['P1', 'Alpine Ski House', 'CRM Online', '2018-01-05', 1]]);
    expect(names([rev, CERTS])).toEqual([['P1', 'Alpine']]);
  });

  test('from the certification rows too', () => {
    const certs = sheet('Certifications', [['Partner ID', 'PartnerName', 'Individual', 'Exam', 'Date passed'], ['P2', 'Fabrikam', 'Bo', 'MB2-710', '2017-06-01']]);
    expect(names([revenue('Notes', [['P1', 'x', 'CRM Online', '2018-01-05', 1]]), certs])).toEqual([['P2', 'Fabrikam']]);
  });

  test('a dropped row names no partner (it would make a partner of a row that does not count)', () => {
    const rev = revenue('PartnerName', [['P9', 'Ghost Ltd', 'CRM Online', 'not a date', 1], ['P1', 'Alpine', 'CRM Online', '2018-01-05', 1]]);
    expect(names([rev, CERTS])).toEqual([['P1', 'Alpine']]);
  });

  test('a Partners table\'s names win; a partner it lists without a name, or does not list, gets the rows\' name', () => {
    const partners = sheet('Partners', [['Partner ID', 'Name', 'Market'], ['P1', 'Alpine (official)', 'Developing'], ['P2', '', 'Developed']]);
    const rev = revenue('PartnerName', [['P1', 'Alpine', 'CRM Online', '2018-01-05', 1], ['P2', 'Fabrikam', 'CRM Online', '2018-01-05', 1], ['P3', 'Contoso', 'CRM Online', '2018-01-05', 1]]);
    const run = openRun({ sheets: [partners, rev, CERTS] }, { locale: 'en-US', asOf: '2018-03-15' });
    expect(run.evaluation.partners.map((p) => [p.partnerId, p.name, p.market, p.marketSource])).toEqual([
      ['P1', 'Alpine (official)', 'developing', 'partners'], ['P2', 'Fabrikam', 'developed', 'partners'], ['P3', 'Contoso', 'developed', 'default'],
    ]);
  });

  test('a name column changes nothing else: the same levels, revenue and issues as without it', () => {
    const rows: Cell[][] = [['P1', 'Alpine', 'CRM Online', '2018-01-05', 120000], ['P2', 'Fabrikam', 'CRM Online', 'bad', 5]];
    const withNames = openRun({ sheets: [revenue('PartnerName', rows), CERTS] }, { locale: 'en-US', asOf: '2018-03-15' });
    const without = openRun({ sheets: [revenue('Notes', rows), CERTS] }, { locale: 'en-US', asOf: '2018-03-15' });
    const strip = (r: typeof withNames): unknown => r.evaluation.partners.map((p) => ({ ...p, name: null }));
    expect(strip(withNames)).toEqual(strip(without));
    expect(withNames.issues).toEqual(without.issues);
    expect(withNames.evaluation.partners.map((p) => p.name)).toEqual(['Alpine', null]);
  });
});
