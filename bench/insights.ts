/**
 * Writes an .xlsx shaped like Partner Center Insights downloads pasted into Excel, the way
 * xlsxwriter writes one: shared strings, numbers, date cells as serials with a date number
 * format from styles.xml, MPN IDs as numbers. Our own minimal streaming writer on fflate (not
 * ExcelJS and not the reader under test), so the reader is measured on a file it did not write.
 *
 * Revenue sheet: MPNId, CustomerTenantId, Product, SKU, Month, PartnerAttributionType, RevenueUSD.
 * Training sheet: MPNId, IndividualEmail, TrainingTitle, TrainingCompletionDate.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { dayFromIso } from '../src/core';
import { prng } from '../test/support/prng';
import { generate, type Size } from './data';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SKUS: Readonly<Record<string, readonly string[]>> = {
  'CRM Online': ['CRM Online Professional', 'CRM Online Basic', 'CRM Online Enterprise'],
  'Dynamics 365 Customer Engagement': ['Dynamics 365 Customer Engagement Plan', 'Dynamics 365 for Sales Enterprise Edition'],
  'Dynamics 365 Plan 1': ['Dynamics 365 Plan 1 Enterprise Edition'],
  'crm online': ['CRM Online Professional'],
  'Office 365 E3': ['Office 365 E3'],
  Azure: ['Azure Consumption'],
};

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const colName = (c: number): string => String.fromCharCode(65 + c);
const serialOf = (iso: string): number => (dayFromIso(iso) as number) + 25569;

/**
 * The shape every Insights benchmark uses at `rows` revenue rows: a tenth as many training rows,
 * one partner per 100 revenue rows (at least 10).
 * @example insightsSize(200_000) // { revenue: 200000, certifications: 20000, partners: 2000 }
 */
export function insightsSize(rows: number): Size {
  return { revenue: rows, certifications: Math.round(rows / 10), partners: Math.max(10, Math.round(rows / 100)) };
}

/**
 * Writes the workbook to `file` (streaming: rows are deflated as they are made).
 * @example writeInsightsXlsx("/tmp/insights.xlsx", { revenue: 200_000, certifications: 20_000, partners: 2_000 }, 7)
 */
export function writeInsightsXlsx(file: string, size: Size, seed: number): void {
  const g = generate(size, seed);
  const rand = prng(seed + 1);
  const fd = openSync(file, 'w');
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    writeSync(fd, chunk);
  });
  const stored = (name: string, text: string): void => {
    const f = new ZipDeflate(name, { level: 6 });
    zip.add(f);
    f.push(strToU8(text), true);
  };
  const strings = new Map<string, number>();
  const sst = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) { i = strings.size; strings.set(s, i); }
    return i;
  };
  const mpn = (partnerId: string): number => 4_000_000 + Number(partnerId.slice(1));
  const tenants = Array.from({ length: Math.max(10, Math.round(size.revenue / 10)) }, () => {
    const h = (n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
    return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(12)}`;
  });

  // Cells: n = number, s = shared string, d = date serial (style 1: mmm yyyy; 2: yyyy-mm-dd), m = money (style 3)
  type Value = readonly ['n' | 's' | 'd' | 'e' | 'm', number | string];
  const sheet = (name: string, headers: readonly string[], count: number, row: (i: number) => readonly Value[]): void => {
    const f = new ZipDeflate(name, { level: 6 });
    zip.add(f);
    let buf = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><dimension ref="A1:${colName(headers.length - 1)}${count + 1}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>`;
    buf += `<row r="1" spans="1:${headers.length}">${headers.map((h, c) => `<c r="${colName(c)}1" t="s"><v>${sst(h)}</v></c>`).join('')}</row>`;
    for (let i = 0; i < count; i++) {
      const r = i + 2;
      let x = `<row r="${r}" spans="1:${headers.length}">`;
      const cells = row(i);
      for (let c = 0; c < cells.length; c++) {
        const [kind, v] = cells[c] as Value;
        const ref = `${colName(c)}${r}`;
        if (kind === 's') x += `<c r="${ref}" t="s"><v>${sst(String(v))}</v></c>`;
        else if (kind === 'd') x += `<c r="${ref}" s="1"><v>${v}</v></c>`;
        else if (kind === 'e') x += `<c r="${ref}" s="2"><v>${v}</v></c>`;
        else if (kind === 'm') x += `<c r="${ref}" s="3"><v>${v}</v></c>`;
        else x += `<c r="${ref}"><v>${v}</v></c>`;
      }
      buf += `${x}</row>`;
      if (buf.length > 1 << 20) { f.push(strToU8(buf)); buf = ''; }
    }
    f.push(strToU8(`${buf}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`), true);
  };

  stored('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`);
  stored('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  stored('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS}><workbookPr defaultThemeVersion="124226"/><bookViews><workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews><sheets><sheet name="Revenue" sheetId="1" r:id="rId1"/><sheet name="Training" sheetId="2" r:id="rId2"/></sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`);
  stored('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);
  stored('xl/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="mmm\\ yyyy"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`);

  sheet('xl/worksheets/sheet1.xml', ['MPNId', 'CustomerTenantId', 'Product', 'SKU', 'Month', 'PartnerAttributionType', 'RevenueUSD'], g.revenue.length, (i) => {
    const r = g.revenue[i] as (typeof g.revenue)[number];
    const skus = SKUS[r.product] ?? [r.product];
    return [
      ['n', mpn(r.partnerId ?? 'P0')], ['s', tenants[i % tenants.length] as string], ['s', r.product], ['s', skus[i % skus.length] as string],
      ['d', serialOf(`${r.date.slice(0, 7)}-01`)], ['s', r.attribution ?? 'DPOR'], ['m', r.amountCents / 100],
    ];
  });
  sheet('xl/worksheets/sheet2.xml', ['MPNId', 'IndividualEmail', 'TrainingTitle', 'TrainingCompletionDate'], g.certifications.length, (i) => {
    const c = g.certifications[i] as (typeof g.certifications)[number];
    return [['n', mpn(c.partnerId ?? 'P0')], ['s', `${c.individual.replace(/ /g, '.')}@example.com`], ['s', c.exam], ['e', serialOf(c.datePassed)]];
  });
  // Shared strings last: xlsxwriter also knows them only once the sheets are written.
  const ss = new ZipDeflate('xl/sharedStrings.xml', { level: 6 });
  zip.add(ss);
  let buf = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS} count="${strings.size}" uniqueCount="${strings.size}">`;
  for (const s of strings.keys()) {
    buf += `<si><t>${esc(s)}</t></si>`;
    if (buf.length > 1 << 20) { ss.push(strToU8(buf)); buf = ''; }
  }
  ss.push(strToU8(`${buf}</sst>`), true);
  zip.end();
  closeSync(fd);
}
