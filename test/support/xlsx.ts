/**
 * Hand-made .xlsx files for tests: the parts written as text and zipped with fflate, so a test
 * can have what other producers write (openpyxl's absolute targets, cells without r=, the 1904
 * date system, macros, a calculation chain) without their programs.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

/** A cell: text (inline string), a number, a formula with its cached value, or nothing. */
export type TestCell = string | number | null | { f: string; v?: number };

/** Options of makeXlsx. */
export interface MakeXlsxOptions {
  readonly date1904?: boolean;
  /** Relationship targets as openpyxl writes them: "/xl/worksheets/sheet1.xml". */
  readonly absoluteTargets?: boolean;
  /** Leave out the optional r= of rows and cells. */
  readonly noRefs?: boolean;
  /** A macro project part (the file becomes an .xlsm). */
  readonly vba?: Uint8Array;
  /** A calcChain part listing the formula cells of the first sheet. */
  readonly calcChain?: boolean;
  /**
   * docProps/app.xml as Excel writes it: HeadingPairs and TitlesOfParts listing the worksheets
   * (under this heading: Excel writes it in its own language) and one named range after them.
   */
  readonly appXml?: { readonly heading: string };
  /** Sheets hidden (state="hidden") or very hidden (state="veryHidden"), by name. */
  readonly hidden?: Readonly<Record<string, 'hidden' | 'veryHidden'>>;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const col = (c: number): string => { let s = ''; for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s; return s; };

/** A worksheet's XML from rows of cells. */
export function sheetXml(rows: readonly (readonly TestCell[])[], noRefs = false): string {
  const body = rows.map((row, r) => {
    const cells = row.map((v, c) => {
      const ref = noRefs ? '' : ` r="${col(c)}${r + 1}"`;
      if (v === null) return '';
      if (typeof v === 'number') return `<c${ref}><v>${v}</v></c>`;
      if (typeof v === 'string') return `<c${ref} t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
      // A formula without v: saved without its result, as openpyxl writes formulas.
      return `<c${ref} s="1"><f>${esc(v.f)}</f>${v.v === undefined ? '' : `<v>${v.v}</v>`}</c>`;
    });
    // Without r=, an empty cell cannot be skipped: its position would move the next ones.
    if (noRefs && row.some((v) => v === null)) throw new Error('rows without r= need every cell');
    return `<row${noRefs ? '' : ` r="${r + 1}"`}>${cells.join('')}</row>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>${body}</sheetData></worksheet>`;
}

/**
 * An .xlsx (or .xlsm) with the given sheets, in tab order.
 * @example writeFileSync("in.xlsx", makeXlsx({ Revenue: rows }, { date1904: true }))
 */
export function makeXlsx(sheets: Readonly<Record<string, readonly (readonly TestCell[])[]>>, options: MakeXlsxOptions = {}): Uint8Array {
  const names = Object.keys(sheets);
  const t = (p: string): string => (options.absoluteTargets ? `/xl/${p}` : p);
  const ct = options.vba ? 'application/vnd.ms-excel.sheet.macroEnabled.main+xml' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
  const files: Zippable = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + (options.vba ? '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' : '')
      + `<Override PartName="/xl/workbook.xml" ContentType="${ct}"/>`
      + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      + (options.appXml ? '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' : '')
      + (options.calcChain ? '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>' : '')
      + names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')
      + '</Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${options.absoluteTargets ? '/xl/workbook.xml' : 'xl/workbook.xml'}"/>`
      + (options.appXml ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' : '')
      + '</Relationships>'),
    'xl/workbook.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      + `<workbookPr${options.date1904 ? ' date1904="1"' : ''}/><bookViews><workbookView activeTab="0"/></bookViews><sheets>`
      + names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}"${options.hidden?.[n] ? ` state="${options.hidden[n]}"` : ''} r:id="rId${i + 1}"/>`).join('') + '</sheets><calcPr calcId="191029"/></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${t(`worksheets/sheet${i + 1}.xml`)}"/>`).join('')
      + `<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="${t('styles.xml')}"/>`
      + (options.vba ? `<Relationship Id="rIdV" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="${t('vbaProject.bin')}"/>` : '')
      + (options.calcChain ? `<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="${t('calcChain.xml')}"/>` : '')
      + '</Relationships>'),
    'xl/styles.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
      + '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts>'
      + '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/></font></fonts>'
      + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
      + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
  };
  names.forEach((n, i) => { files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sheets[n] ?? [], options.noRefs)); });
  if (options.vba) files['xl/vbaProject.bin'] = options.vba;
  if (options.appXml) {
    const first = esc(names[0] ?? '');
    files['docProps/app.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
      + '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
      + `<HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>${esc(options.appXml.heading)}</vt:lpstr></vt:variant><vt:variant><vt:i4>${names.length}</vt:i4></vt:variant>`
      + '<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>'
      + `<TitlesOfParts><vt:vector size="${names.length + 1}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${esc(n)}</vt:lpstr>`).join('')}<vt:lpstr>${first}!Print_Area</vt:lpstr></vt:vector></TitlesOfParts>`
      + '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>');
  }
  if (options.calcChain) {
    const cells: string[] = [];
    (sheets[names[0] ?? ''] ?? []).forEach((row, r) => row.forEach((v, c) => { if (v !== null && typeof v === 'object') cells.push(`<c r="${col(c)}${r + 1}" i="1"/>`); }));
    files['xl/calcChain.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${cells.join('')}</calcChain>`);
  }
  return zipSync(files);
}
