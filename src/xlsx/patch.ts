/**
 * --out by patching the input workbook instead of rebuilding it: every part of the zip is copied
 * untouched (formulas, formatting, charts, macros, the 1904 date system, sheet names) except
 *  - the worksheets that get status columns, streamed through: our cells are put into each row
 *    (replacing the ones a previous run wrote), nothing else in the sheet changes;
 *  - the workbook part, its relationships, [Content_Types].xml and the styles part, for our
 *    output sheets (Competency Status, Competency Issues, and any other OutputTable), which are
 *    written fresh; earlier ones (in any language) are removed, so a re-run gives the same workbook;
 *  - the calculation chain, which is dropped (Excel rebuilds it; a stale one makes Excel repair
 *    the file).
 * Memory stays bounded by the input's bytes and one chunk of each part at a time. No Node APIs:
 * bytes in, chunks out to a sink.
 */
import {
  isOutputSheet, outputSources, type OutCell, type OutputSources, type OutputTableSource, type Outputs, type SheetInput, type StatusColumnsSource,
} from '../sheets';
import {
  EMPTY_STYLES, addOutStyles, attr, cellXml, colIndex, colName, tableSheetXml, tablePartXml, xmlEscape, type OutStyles,
} from './sheetxml';
import { appXmlWithSheets } from './appxml';
import { ZipWriter, type NativeZip, type Sink, type ZipEntryInfo } from './zipio';
import { InflateBudget, centralDirectory, entryText, inflateSteps } from './zip';
import { dirOf, parseRels, relsPathOf, resolveTarget } from './package';
import { WriteError, type WriteMessageKey } from './errors';

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const T_WORKSHEET = `${REL_NS}/worksheet`;
const T_STYLES = `${REL_NS}/styles`;
const T_TABLE = `${REL_NS}/table`;
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const CT_TABLE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';

/** Why a workbook could not be patched (a part it needs is missing or unreadable). */
export class PatchError<K extends WriteMessageKey = WriteMessageKey> extends WriteError<K> {}

/** Output tables in the order their sheets are added (status, issues, timeline, ...). */
export function outputTables(outputs: Outputs | OutputSources): readonly OutputTableSource[] {
  return outputSources(outputs).tables;
}

/** The status cells one row gets: by 0-based column, ascending. */
interface RowCells { cols: number[]; values: OutCell[]; header: boolean[] }

/**
 * Streams one worksheet's XML, putting the status columns of `blocks` into their rows: cells at
 * those columns are replaced (or removed when ours is empty), missing rows are added in order,
 * cells and rows without the optional r= get one, and the dimension grows to cover our cells.
 */
export class WorksheetPatcher {
  private buf = '';
  private phase: 'head' | 'rows' | 'tail' = 'head';
  private prefix = '';
  private lastRow = -1;
  private readonly firstRow: number;
  private readonly endRow: number;
  constructor(private readonly blocks: readonly StatusColumnsSource[], private readonly styles: OutStyles, private readonly date1904: boolean) {
    this.firstRow = Math.min(...blocks.map((b) => b.row));
    this.endRow = Math.max(...blocks.map((b) => b.row + b.rows.length));
  }

  private cellsOf(row: number): RowCells | undefined {
    if (row < this.firstRow || row >= this.endRow) return undefined;
    let out: RowCells | undefined;
    for (const b of this.blocks) {
      const i = row - b.row;
      if (i < 0 || i >= b.rows.length) continue;
      // Made now, as the sheet's XML streams past this row: no block is held whole.
      const v = b.rows.row(i);
      out ??= { cols: [], values: [], header: [] };
      for (let j = 0; j < v.length; j++) { out.cols.push(b.col + j); out.values.push(v[j] ?? null); out.header.push(row === b.row); }
    }
    if (out && this.blocks.length > 1) {
      const order = out.cols.map((_, i) => i).sort((x, y) => (out as RowCells).cols[x]! - (out as RowCells).cols[y]!);
      out = { cols: order.map((i) => out!.cols[i]!), values: order.map((i) => out!.values[i]!), header: order.map((i) => out!.header[i]!) };
    }
    return out;
  }

  private ourCell(row: number, cells: RowCells, i: number): string {
    const ref = `${colName(cells.cols[i] as number)}${row + 1}`;
    return cellXml(ref, cells.values[i] ?? null, cells.header[i] ? this.styles.header : 0, this.date1904, this.prefix);
  }

  /** Rows of ours where the sheet has none, strictly between `from` and `to`. */
  private missingRows(from: number, to: number): string {
    let out = '';
    for (let r = Math.max(from + 1, this.firstRow); r < Math.min(to, this.endRow); r++) {
      const cells = this.cellsOf(r);
      if (!cells) continue;
      let xml = '';
      for (let i = 0; i < cells.cols.length; i++) xml += this.ourCell(r, cells, i);
      if (xml !== '') out += `<${this.prefix}row r="${r + 1}">${xml}</${this.prefix}row>`;
    }
    return out;
  }

  private patchDimension(head: string): string {
    return head.replace(/(<(?:\w+:)?dimension\b[^>]*\sref=")([^"]*)"/, (_m, pre: string, ref: string) => {
      const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(ref);
      if (!m) return `${pre}${ref}"`;
      const c1 = colIndex(m[1] as string), r1 = Number(m[2]) - 1;
      const c2 = m[3] ? colIndex(m[3]) : c1, r2 = m[4] ? Number(m[4]) - 1 : r1;
      const maxCol = Math.max(c2, ...this.blocks.map((b) => b.col + (b.rows.length > 0 ? b.width : 2) - 1));
      const maxRow = Math.max(r2, this.endRow - 1);
      return `${pre}${colName(Math.min(c1, ...this.blocks.map((b) => b.col)))}${Math.min(r1, this.firstRow) + 1}:${colName(maxCol)}${maxRow + 1}"`;
    });
  }

  /** One <row> element (complete), patched. */
  private patchRow(xml: string): string {
    const p = this.prefix;
    const openEnd = xml.indexOf('>');
    let open = xml.slice(0, openEnd + 1);
    const selfClosing = open.endsWith('/>');
    const rAttr = attr(open, 'r');
    const row = rAttr !== undefined && /^\d+$/.test(rAttr) ? Number(rAttr) - 1 : this.lastRow + 1;
    const before = this.missingRows(this.lastRow, row);
    this.lastRow = Math.max(this.lastRow, row);
    if (rAttr === undefined) open = open.replace(new RegExp(`^<${p}row\\b`), `<${p}row r="${row + 1}"`);
    const cells = this.cellsOf(row);
    if (!cells) return before + (rAttr === undefined ? open + xml.slice(openEnd + 1) : xml);
    // Spans are an optional hint that our cells could contradict.
    open = open.replace(/\sspans="[^"]*"/, '');
    const body = selfClosing ? '' : xml.slice(openEnd + 1, xml.length - `</${p}row>`.length);
    const existing: { col: number; xml: string }[] = [];
    const cellRe = new RegExp(`<${p}c\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}c>)`, 'g');
    let col = -1;
    let m: RegExpExecArray | null;
    let rest = '';
    let lastEnd = 0;
    while ((m = cellRe.exec(body)) !== null) {
      const tagEnd = m[0].indexOf('>');
      const tag = m[0].slice(0, tagEnd + 1);
      const ref = attr(tag, 'r');
      const letters = ref ? /^([A-Za-z]+)/.exec(ref)?.[1] : undefined;
      col = letters ? colIndex(letters) : col + 1;
      const cellXmlText = ref ? m[0] : m[0].replace(new RegExp(`^<${p}c\\b`), `<${p}c r="${colName(col)}${row + 1}"`);
      existing.push({ col, xml: cellXmlText });
      rest += body.slice(lastEnd, m.index);
      lastEnd = m.index + m[0].length;
    }
    const trailing = body.slice(lastEnd);
    // Anything between cells other than white space (extension elements) stays after them.
    const extras = (rest + trailing).trim();
    const own = new Set(cells.cols);
    let out = '';
    let i = 0;
    for (const e of existing) {
      while (i < cells.cols.length && (cells.cols[i] as number) < e.col) out += this.ourCell(row, cells, i++);
      if (!own.has(e.col)) out += e.xml;
    }
    while (i < cells.cols.length) out += this.ourCell(row, cells, i++);
    const openTag = selfClosing ? `${open.slice(0, -2).trimEnd()}>` : open;
    return `${before}${openTag}${out}${extras}</${p}row>`;
  }

  /**
   * Takes the next piece of the sheet's XML and returns what can be written so far.
   * @example let out = ""; for (const piece of pieces) out += patcher.push(piece); out += patcher.end()
   */
  push(text: string): string {
    this.buf += text;
    let out = '';
    if (this.phase === 'head') {
      const m = /<((?:\w+:)?)sheetData\b[^>]*?(\/?)>/.exec(this.buf);
      if (!m) {
        // Keep waiting, but never hold more than the head of a sheet could be.
        if (this.buf.length > 64 * 1024 * 1024) throw new PatchError('xlsx.write.no-sheet-data', {});
        return '';
      }
      this.prefix = m[1] ?? '';
      const head = this.patchDimension(this.buf.slice(0, m.index));
      if (m[2] === '/') {
        out += `${head}<${this.prefix}sheetData>${this.missingRows(-1, Number.MAX_SAFE_INTEGER)}</${this.prefix}sheetData>`;
        this.buf = this.buf.slice(m.index + m[0].length);
        this.phase = 'tail';
      } else {
        out += head + m[0];
        this.buf = this.buf.slice(m.index + m[0].length);
        this.phase = 'rows';
      }
    }
    if (this.phase === 'rows') {
      const p = this.prefix;
      const rowOpen = `<${p}row`, rowClose = `</${p}row>`, dataClose = `</${p}sheetData>`;
      let pos = 0;
      for (;;) {
        const lt = this.buf.indexOf('<', pos);
        if (lt < 0) { out += this.buf.slice(pos); pos = this.buf.length; break; }
        if (this.buf.startsWith(dataClose, lt)) {
          out += this.buf.slice(pos, lt) + this.missingRows(this.lastRow, Number.MAX_SAFE_INTEGER) + dataClose;
          pos = lt + dataClose.length;
          this.phase = 'tail';
          break;
        }
        if (this.buf.startsWith(rowOpen, lt) && /[\s/>]/.test(this.buf.charAt(lt + rowOpen.length))) {
          const gt = this.buf.indexOf('>', lt);
          if (gt < 0) break;
          let end: number;
          if (this.buf.charCodeAt(gt - 1) === 47) end = gt + 1;
          else {
            const close = this.buf.indexOf(rowClose, gt);
            if (close < 0) break;
            end = close + rowClose.length;
          }
          out += this.buf.slice(pos, lt) + this.patchRow(this.buf.slice(lt, end));
          pos = end;
          continue;
        }
        // Something else (white space, a comment): wait until its end is here, then copy it.
        if (lt + rowOpen.length + 1 > this.buf.length || lt + dataClose.length > this.buf.length) break;
        const gt = this.buf.indexOf('>', lt);
        if (gt < 0) break;
        out += this.buf.slice(pos, gt + 1);
        pos = gt + 1;
      }
      this.buf = this.buf.slice(pos);
      if (this.buf.length > 256 * 1024 * 1024) throw new PatchError('xlsx.write.row-too-large', {});
    }
    if (this.phase === 'tail') { out += this.buf; this.buf = ''; }
    return out;
  }

  /** The rest, once the whole part has been pushed. */
  end(): string {
    if (this.phase !== 'tail') throw new PatchError('xlsx.write.sheet-data-unclosed', {});
    return this.buf;
  }
}

/** Excel's last column (XFD) and row. */
const MAX_COL = 16383;
const MAX_ROW = 1048575;

/** Refuses status columns that would land past column XFD (or rows past Excel's last). */
function checkFits(b: StatusColumnsSource): void {
  if (b.col + b.width - 1 > MAX_COL) throw new PatchError('xlsx.write.no-room-right', { sheet: b.sheet });
  if (b.row + b.rows.length - 1 > MAX_ROW) throw new PatchError('xlsx.write.past-last-row', { sheet: b.sheet });
}

/** Sheet names compare without regard to case in Excel. */
const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Writes `input` (an .xlsx or .xlsm) with the outputs to `sink`, patching only what must change.
 * Throws PatchError when the workbook lacks a part it needs.
 * @example await patchXlsx(bytes, run.outputs, async (chunk) => { await fh.write(chunk); })
 */
export async function patchXlsx(input: Uint8Array, built: Outputs | OutputSources, sink: Sink, native?: NativeZip): Promise<void> {
  const outputs = outputSources(built);
  const entries = centralDirectory(input);
  const byLower = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const find = (name: string): ZipEntryInfo | undefined => byLower.get(name.toLowerCase());
  const budget = new InflateBudget();
  const text = (name: string): string | undefined => { const e = find(name); return e ? entryText(input, e, budget) : undefined; };

  const rootRels = parseRels(text('_rels/.rels') ?? '');
  const officeDoc = rootRels.find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  let workbookXml = text(workbookPath);
  if (workbookXml === undefined) throw new PatchError('xlsx.write.no-workbook-part', {});
  const wbDir = dirOf(workbookPath);
  const wbRelsPath = relsPathOf(workbookPath);
  let relsXml = text(wbRelsPath) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  let contentTypes = text('[Content_Types].xml');
  if (contentTypes === undefined) throw new PatchError('xlsx.write.no-content-types', {});
  const rels = parseRels(relsXml);
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\sdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);

  // Sheets in tab order, with their parts.
  const sheetTags = workbookXml.match(/<(?:\w+:)?sheet\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?sheet>)/g) ?? [];
  const sheets = sheetTags.map((tag) => {
    const rid = attr(tag, 'id', true) ?? '';
    const rel = rels.find((r) => r.id === rid);
    return { tag, name: attr(tag, 'name') ?? '', rid, path: rel ? resolveTarget(wbDir, rel.target) : '', sheetId: Number(attr(tag, 'sheetId') ?? 0) };
  });

  // Parts to drop: earlier output sheets (their relationships and tables too) and the calc chain.
  const drop = new Set<string>();
  const dropRels = new Set<string>();
  const removedIndex: number[] = [];
  sheets.forEach((s, i) => {
    if (!isOutputSheet(s.name)) return;
    removedIndex.push(i);
    dropRels.add(s.rid);
    if (s.path === '') return;
    drop.add(s.path.toLowerCase());
    const sr = relsPathOf(s.path);
    drop.add(sr.toLowerCase());
    for (const r of parseRels(text(sr) ?? '')) if (r.type === T_TABLE && !r.external) drop.add(resolveTarget(dirOf(s.path), r.target).toLowerCase());
  });
  for (const r of rels) {
    if (r.type.endsWith('/calcChain')) { dropRels.add(r.id); drop.add(resolveTarget(wbDir, r.target).toLowerCase()); }
  }

  // Styles: ours added (or found) in the workbook's styles part, or a new one.
  const stylesRel = rels.find((r) => r.type === T_STYLES);
  const stylesPath = stylesRel ? resolveTarget(wbDir, stylesRel.target) : `${wbDir}styles.xml`;
  const stylesXmlIn = stylesRel ? text(stylesPath) : undefined;
  const { xml: stylesXml, styles } = addOutStyles(stylesXmlIn ?? EMPTY_STYLES);

  // Worksheets that get status columns.
  const blocksByPath = new Map<string, StatusColumnsSource[]>();
  for (const b of outputs.statusColumns) checkFits(b);
  for (const b of outputs.statusColumns) {
    const s = sheets.find((x) => x.name === b.sheet) ?? sheets.find((x) => sameName(x.name, b.sheet));
    if (!s || s.path === '' || isOutputSheet(s.name)) continue;
    const key = s.path.toLowerCase();
    blocksByPath.set(key, [...(blocksByPath.get(key) ?? []), b]);
  }

  // New parts for the output tables, numbered past every existing one.
  const numberOf = (re: RegExp): number => Math.max(0, ...entries.filter((e) => !drop.has(e.name.toLowerCase())).map((e) => Number(re.exec(e.name)?.[1] ?? 0)));
  let sheetNo = numberOf(/^xl\/worksheets\/sheet(\d+)\.xml$/i);
  let tableNo = numberOf(/^xl\/tables\/table(\d+)\.xml$/i);
  const keptTables = entries.filter((e) => /^xl\/tables\/[^/]+\.xml$/i.test(e.name) && !drop.has(e.name.toLowerCase())).map((e) => entryText(input, e, budget));
  const tableNames = new Set(keptTables.map((x) => (attr(/<(?:\w+:)?table\b[^>]*>/.exec(x)?.[0] ?? '', 'name') ?? '').toLowerCase()));
  let tableId = Math.max(0, ...keptTables.map((x) => Number(attr(/<(?:\w+:)?table\b[^>]*>/.exec(x)?.[0] ?? '', 'id') ?? 0)));
  let maxSheetId = Math.max(0, ...sheets.filter((_, i) => !removedIndex.includes(i)).map((s) => s.sheetId));
  let relNo = 0;
  const newRelId = (): string => { let id: string; do id = `rIdCompetency${++relNo}`; while (rels.some((r) => r.id === id && !dropRels.has(r.id))); return id; };
  const keptNames = sheets.filter((_, i) => !removedIndex.includes(i)).map((s) => s.name);

  interface NewSheet { table: OutputTableSource; path: string; relId: string; sheetId: number; tablePath?: string; tableName?: string; tableId?: number }
  const newSheets: NewSheet[] = outputTables(outputs).map((table) => {
    const path = `xl/worksheets/sheet${++sheetNo}.xml`;
    const ns: NewSheet = { table, path, relId: newRelId(), sheetId: ++maxSheetId };
    if (table.excelTable === true) {
      let name = table.tableName, k = 2;
      while (tableNames.has(name.toLowerCase())) name = `${table.tableName}${k++}`;
      tableNames.add(name.toLowerCase());
      return { ...ns, tablePath: `xl/tables/table${++tableNo}.xml`, tableName: name, tableId: ++tableId };
    }
    return ns;
  });
  for (const ns of newSheets) {
    if (keptNames.some((n) => sameName(n, ns.table.sheetName))) throw new PatchError('xlsx.write.sheet-name-taken', { sheet: ns.table.sheetName });
  }

  // workbook.xml: earlier output sheets out, ours in; sheet-local names and the active tab follow.
  const sheetsClose = /<\/((?:\w+:)?)sheets>/.exec(workbookXml);
  if (!sheetsClose) throw new PatchError('xlsx.write.no-sheets', {});
  const p = sheetsClose[1] ?? '';
  const rPrefix = /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(workbookXml)?.[1] ?? 'r';
  let wb = workbookXml;
  if (!new RegExp(`xmlns:${rPrefix}=`).test(wb)) wb = wb.replace(/<((?:\w+:)?)workbook\b/, `<$1workbook xmlns:${rPrefix}="${REL_NS}"`);
  for (const i of removedIndex) wb = wb.replace(sheets[i]?.tag ?? '\u0000', '');
  wb = wb.replace(/<\/((?:\w+:)?)sheets>/, `${newSheets.map((s) => `<${p}sheet name="${xmlEscape(s.table.sheetName)}" sheetId="${s.sheetId}" ${rPrefix}:id="${s.relId}"/>`).join('')}</$1sheets>`);
  if (removedIndex.length > 0) {
    const newIndex = (old: number): number | undefined => (removedIndex.includes(old) ? undefined : old - removedIndex.filter((r) => r < old).length);
    wb = wb.replace(/<((?:\w+:)?)definedName\b([^>]*)>([\s\S]*?)<\/\1definedName>/g, (m, pre: string, attrs: string, body: string) => {
      const local = /\slocalSheetId="(\d+)"/.exec(attrs);
      if (!local) return m;
      const n = newIndex(Number(local[1]));
      return n === undefined ? '' : `<${pre}definedName${attrs.replace(/\slocalSheetId="\d+"/, ` localSheetId="${n}"`)}>${body}</${pre}definedName>`;
    });
    wb = wb.replace(/<((?:\w+:)?)definedNames>\s*<\/\1definedNames>/, '');
    wb = wb.replace(/(\s(?:activeTab|firstSheet)=")(\d+)"/g, (_m, pre: string, v: string) => `${pre}${newIndex(Number(v)) ?? 0}"`);
  }
  workbookXml = wb;

  // Relationships of the workbook.
  relsXml = relsXml.replace(/<(?:\w+:)?Relationship\b[^>]*>/g, (tag) => (dropRels.has(attr(tag, 'Id') ?? '') ? '' : tag));
  const addRels = newSheets.map((s) => `<Relationship Id="${s.relId}" Type="${T_WORKSHEET}" Target="${resolveRelative(wbDir, s.path)}"/>`);
  let stylesRelId: string | undefined;
  if (!stylesRel) { stylesRelId = newRelId(); addRels.push(`<Relationship Id="${stylesRelId}" Type="${T_STYLES}" Target="${resolveRelative(wbDir, stylesPath)}"/>`); }
  relsXml = relsXml.replace(/<\/((?:\w+:)?)Relationships>/, `${addRels.join('')}</$1Relationships>`);

  // Content types.
  contentTypes = contentTypes.replace(/<(?:\w+:)?Override\b[^>]*>/g, (tag) => (drop.has((attr(tag, 'PartName') ?? '').replace(/^\//, '').toLowerCase()) ? '' : tag));
  const overrides = newSheets.flatMap((s) => [
    `<Override PartName="/${s.path}" ContentType="${CT_WORKSHEET}"/>`,
    ...(s.tablePath ? [`<Override PartName="/${s.tablePath}" ContentType="${CT_TABLE}"/>`] : []),
  ]);
  if (!stylesRel || !new RegExp(`PartName="/${stylesPath.replace(/[.]/g, '\\.')}"`, 'i').test(contentTypes)) overrides.push(`<Override PartName="/${stylesPath}" ContentType="${CT_STYLES}"/>`);
  contentTypes = contentTypes.replace(/<\/((?:\w+:)?)Types>/, `${overrides.join('')}</$1Types>`);

  const zip = new ZipWriter(sink, native);
  const replaced = new Map<string, string>([
    [workbookPath.toLowerCase(), workbookXml], [wbRelsPath.toLowerCase(), relsXml], ['[content_types].xml', contentTypes], [stylesPath.toLowerCase(), stylesXml],
  ]);
  // The extended properties list the worksheets by name: the list follows the new set.
  const appRel = rootRels.find((r) => r.type.endsWith('/extended-properties') && !r.external);
  const appPath = appRel ? resolveTarget('', appRel.target) : 'docProps/app.xml';
  const appXml = text(appPath);
  if (appXml !== undefined) {
    const isWorksheet = (s: (typeof sheets)[number]): boolean => rels.find((r) => r.id === s.rid)?.type === T_WORKSHEET;
    const before = sheets.filter(isWorksheet).map((s) => s.name);
    const after = [...sheets.filter((s, i) => isWorksheet(s) && !removedIndex.includes(i)).map((s) => s.name), ...newSheets.map((s) => s.table.sheetName)];
    // Always rewritten (like the workbook part), so a re-run on our output gives the same bytes.
    replaced.set(appPath.toLowerCase(), appXmlWithSheets(appXml, before, after));
  }
  const written = new Set<string>();
  for (const e of entries) {
    const key = e.name.toLowerCase();
    if (drop.has(key) || written.has(key)) continue;
    written.add(key);
    const newText = replaced.get(key);
    const blocks = blocksByPath.get(key);
    if (newText !== undefined) {
      const w = zip.begin(e.name);
      await w.push(newText);
      await w.end();
    } else if (blocks) {
      const patcher = new WorksheetPatcher(blocks, styles, date1904);
      const w = zip.begin(e.name);
      const decoder = new TextDecoder();
      // One step of inflated text at a time: patched, deflated and handed to the sink before the next.
      for (const chunks of inflateSteps(input, e, budget)) {
        let piece = '';
        for (const c of chunks) piece += patcher.push(decoder.decode(c, { stream: true }));
        await w.push(piece);
      }
      await w.push(patcher.push(decoder.decode()) + patcher.end());
      await w.end();
    } else {
      await zip.copy(input, e);
    }
  }
  // Parts the workbook did not have.
  for (const [key, xml] of replaced) {
    if (written.has(key)) continue;
    const w = zip.begin(key === '[content_types].xml' ? '[Content_Types].xml' : key === stylesPath.toLowerCase() ? stylesPath : key === wbRelsPath.toLowerCase() ? wbRelsPath : workbookPath);
    await w.push(xml);
    await w.end();
  }
  for (const ns of newSheets) {
    const w = zip.begin(ns.path);
    for (const piece of tableSheetXml(ns.table, { styles, date1904, tableRelId: ns.tablePath ? 'rId1' : undefined })) await w.push(piece);
    await w.end();
    if (ns.tablePath !== undefined && ns.tableName !== undefined && ns.tableId !== undefined) {
      const r = zip.begin(relsPathOf(ns.path));
      await r.push(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${T_TABLE}" Target="${resolveRelative(dirOf(ns.path), ns.tablePath)}"/></Relationships>`);
      await r.end();
      const t = zip.begin(ns.tablePath);
      await t.push(tablePartXml(ns.table, ns.tableId, ns.tableName));
      await t.end();
    }
  }
  void stylesRelId;
  await zip.finish();
}

/** A target relative to `fromDir` ("xl/") for a part path ("xl/worksheets/sheet3.xml"). */
function resolveRelative(fromDir: string, partPath: string): string {
  const from = fromDir.split('/').filter((x) => x !== '');
  const to = partPath.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

/**
 * A new workbook holding `sheets` (text cells, as read from CSV files) with the outputs: the
 * same writer as patching, starting from an empty workbook, so a million-row CSV is written with
 * bounded memory too.
 * @example await writeNewXlsx(workbook.sheets, run.outputs, sink)
 */
export async function writeNewXlsx(sheets: readonly SheetInput[], built: Outputs | OutputSources, sink: Sink, native?: NativeZip): Promise<void> {
  const outputs = outputSources(built);
  const { xml: stylesXml, styles } = addOutStyles(EMPTY_STYLES);
  const zip = new ZipWriter(sink, native);
  const inputs = sheets.filter((s) => !isOutputSheet(s.name));
  const all = [...inputs.map((s) => s.name), ...outputTables(outputs).map((t) => t.sheetName)];
  const tableCount = outputTables(outputs).filter((t) => t.excelTable === true).length;
  const put = async (name: string, xml: string): Promise<void> => { const w = zip.begin(name); await w.push(xml); await w.end(); };
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  await put('[Content_Types].xml', `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`
    + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + `<Override PartName="/xl/styles.xml" ContentType="${CT_STYLES}"/>`
    + all.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT_WORKSHEET}"/>`).join('')
    + Array.from({ length: tableCount }, (_, i) => `<Override PartName="/xl/tables/table${i + 1}.xml" ContentType="${CT_TABLE}"/>`).join('') + '</Types>');
  await put('_rels/.rels', `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  await put('xl/workbook.xml', `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_NS}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>`
    + all.map((n, i) => `<sheet name="${xmlEscape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') + '</sheets></workbook>');
  await put('xl/_rels/workbook.xml.rels', `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
    + all.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${T_WORKSHEET}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
    + `<Relationship Id="rId${all.length + 1}" Type="${T_STYLES}" Target="styles.xml"/></Relationships>`);
  await put('xl/styles.xml', stylesXml);
  for (const b of outputs.statusColumns) checkFits(b);
  for (const s of inputs) {
    if (s.values.length > MAX_ROW + 1) throw new PatchError('xlsx.write.too-many-rows', { sheet: s.name, rows: s.values.length });
    const wide = s.values.findIndex((r) => r.length > MAX_COL + 1);
    if (wide >= 0) throw new PatchError('xlsx.write.too-many-columns', { sheet: s.name, row: wide + 1 });
  }
  for (const [i, s] of inputs.entries()) {
    const blocks = outputs.statusColumns.filter((b) => b.sheet === s.name);
    const w = zip.begin(`xl/worksheets/sheet${i + 1}.xml`);
    const patcher = blocks.length > 0 ? new WorksheetPatcher(blocks, styles, false) : undefined;
    const emit = async (x: string): Promise<void> => { await w.push(patcher ? patcher.push(x) : x); };
    await emit(`${head}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`);
    let buf = '';
    for (let r = 0; r < s.values.length; r++) {
      const row = s.values[r] ?? [];
      let cells = '';
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v === null || v === undefined || v === '') continue;
        const out: OutCell = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v instanceof Date ? v.toISOString().slice(0, 10) : v.error;
        cells += cellXml(`${colName(c)}${r + 1}`, out, 0, false);
      }
      buf += `<row r="${r + 1}">${cells}</row>`;
      if (buf.length > 256 * 1024) { await emit(buf); buf = ''; }
    }
    await emit(`${buf}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
    if (patcher) await w.push(patcher.end());
    await w.end();
  }
  let tableNo = 0;
  for (const [k, table] of outputTables(outputs).entries()) {
    const path = `xl/worksheets/sheet${inputs.length + k + 1}.xml`;
    const tablePath = table.excelTable === true ? `xl/tables/table${++tableNo}.xml` : undefined;
    const w = zip.begin(path);
    for (const piece of tableSheetXml(table, { styles, date1904: false, tableRelId: tablePath ? 'rId1' : undefined })) await w.push(piece);
    await w.end();
    if (tablePath) {
      await put(relsPathOf(path), `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${T_TABLE}" Target="../tables/table${tableNo}.xml"/></Relationships>`);
      await put(tablePath, tablePartXml(table, tableNo, table.tableName));
    }
  }
  await zip.finish();
}
