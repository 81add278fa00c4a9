/**
 * The plan of a patch (what --out changes in an input workbook), decided before a byte is
 * written and without writing anything: which parts are dropped (earlier output sheets, their
 * tables, the calculation chain), which worksheets get status columns, and where the new output
 * sheets, their tables, the styles and the shared strings go. The rewriters (parts.ts) and the
 * writer (patch.ts) only carry the plan out.
 */
import { attr } from './sheetxml';
import { Package, REL_NS, dirOf, parseRels, relsPathOf, resolveTarget, type Relationship } from './package';
import type { InflateBudget, ZipEntry } from './zip';
import { PatchError } from './errors';
import { checkWellFormed } from './wellformed';
import type { StatusColumnsSource, WriteSources, WriteTable } from './model';

export { REL_NS };
export const T_WORKSHEET = `${REL_NS}/worksheet`;
export const T_STYLES = `${REL_NS}/styles`;
export const T_TABLE = `${REL_NS}/table`;
export const T_SHARED_STRINGS = `${REL_NS}/sharedStrings`;

export { PatchError };

/** A zip's last entry count (the end record's 16-bit field; we write no zip64). */
const MAX_PARTS = 0xffff;

/**
 * A target relative to `fromDir` ("xl/") for a part path ("xl/worksheets/sheet3.xml").
 * @throws never
 * @example resolveRelative("xl/", "xl/worksheets/sheet3.xml") === "worksheets/sheet3.xml"
 */
export function resolveRelative(fromDir: string, partPath: string): string {
  const from = fromDir.split('/').filter((x) => x !== '');
  const to = partPath.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

export { dirOf, relsPathOf, resolveTarget };

/** The input zip (src/xlsx/package, as the reader opens it): its entries and the text of a part by name. */
export interface InputPackage {
  readonly bytes: Uint8Array;
  readonly entries: readonly ZipEntry[];
  /** One inflate budget for every part read, as the reader's. */
  readonly budget: InflateBudget;
  find(name: string): ZipEntry | undefined;
  text(name: string): string | undefined;
}

/**
 * The input's package.
 * @example const pkg = openPackage(bytes); pkg.text("xl/workbook.xml")
 * @throws PatchError when the zip has more parts than a zip without zip64 holds; XlsxError when it is no zip
 */
export function openPackage(bytes: Uint8Array): InputPackage {
  const pkg = new Package(bytes);
  if (pkg.entries.length > MAX_PARTS) throw new PatchError('xlsx.write.too-many-parts', {});
  return {
    bytes, entries: pkg.entries, budget: pkg.budget, find: (name) => pkg.find(name),
    text: (name) => { const e = pkg.find(name); return e ? pkg.text(e) : undefined; },
  };
}

/** A sheet of the workbook part, in tab order, with its part. */
export interface SheetEntry { readonly tag: string; readonly name: string; readonly rid: string; readonly path: string; readonly sheetId: number; readonly worksheet: boolean }

/** The workbook part and what hangs off it. */
export interface WorkbookParts {
  readonly workbookPath: string;
  readonly wbDir: string;
  readonly wbRelsPath: string;
  readonly workbookXml: string;
  readonly relsXml: string;
  readonly contentTypes: string;
  readonly rootRels: readonly Relationship[];
  readonly rels: readonly Relationship[];
  readonly date1904: boolean;
  readonly sheets: readonly SheetEntry[];
}

const EMPTY_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

/**
 * The workbook part, its relationships, the content types and the sheets.
 * @throws PatchError when a part is missing
 * @example const { sheets } = workbookParts(openPackage(bytes))
 */
export function workbookParts(pkg: InputPackage): WorkbookParts {
  const rootRels = parseRels(pkg.text('_rels/.rels') ?? '');
  const officeDoc = rootRels.find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  const workbookXml = pkg.text(workbookPath);
  if (workbookXml === undefined) throw new PatchError('xlsx.write.no-workbook-part', {});
  const wbDir = dirOf(workbookPath);
  const wbRelsPath = relsPathOf(workbookPath);
  const relsXml = pkg.text(wbRelsPath) ?? EMPTY_RELS;
  const contentTypes = pkg.text('[Content_Types].xml');
  if (contentTypes === undefined) throw new PatchError('xlsx.write.no-content-types', {});
  checkWellFormed(workbookXml, workbookPath);
  checkWellFormed(relsXml, wbRelsPath);
  checkWellFormed(contentTypes, '[Content_Types].xml');
  const rels = parseRels(relsXml);
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\sdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);
  const sheetTags = workbookXml.match(/<(?:\w+:)?sheet\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?sheet>)/g) ?? [];
  const sheets = sheetTags.map((tag) => {
    const rid = attr(tag, 'id', true) ?? '';
    const rel = rels.find((r) => r.id === rid);
    return {
      tag, name: attr(tag, 'name') ?? '', rid, path: rel ? resolveTarget(wbDir, rel.target) : '', sheetId: Number(attr(tag, 'sheetId') ?? 0), worksheet: rel?.type === T_WORKSHEET,
    };
  });
  return { workbookPath, wbDir, wbRelsPath, workbookXml, relsXml, contentTypes, rootRels, rels, date1904, sheets };
}

/** What goes: earlier output sheets (their relationships and tables too) and the calculation chain. */
export interface Dropped {
  /** Part paths, lower case. */
  readonly parts: ReadonlySet<string>;
  readonly relIds: ReadonlySet<string>;
  /** Tab indices of the sheets removed, ascending. */
  readonly sheetIndices: readonly number[];
}

/**
 * The parts, relationships and sheets a patch removes.
 * @throws never
 * @example droppedParts(pkg, workbookParts(pkg), (name) => name.startsWith("Competency ")).sheets
 */
export function droppedParts(pkg: InputPackage, wb: WorkbookParts, isOurs: (sheetName: string) => boolean): Dropped {
  const parts = new Set<string>();
  const relIds = new Set<string>();
  const sheetIndices: number[] = [];
  wb.sheets.forEach((s, i) => {
    if (!isOurs(s.name)) return;
    sheetIndices.push(i);
    relIds.add(s.rid);
    if (s.path === '') return;
    parts.add(s.path.toLowerCase());
    const sr = relsPathOf(s.path);
    parts.add(sr.toLowerCase());
    for (const r of parseRels(pkg.text(sr) ?? '')) if (r.type === T_TABLE && !r.external) parts.add(resolveTarget(dirOf(s.path), r.target).toLowerCase());
  });
  for (const r of wb.rels) {
    if (r.type.endsWith('/calcChain')) { relIds.add(r.id); parts.add(resolveTarget(wb.wbDir, r.target).toLowerCase()); }
  }
  return { parts, relIds, sheetIndices };
}

/** An output sheet the patch adds, and its Excel table when it has one. */
export interface NewSheet {
  readonly table: WriteTable;
  readonly path: string;
  readonly relId: string;
  readonly sheetId: number;
  readonly tablePath?: string;
  readonly tableName?: string;
  readonly tableId?: number;
}

/** A workbook-level part the patch needs (styles, shared strings): where it is, and whether it is new. */
export interface PartPlace {
  readonly path: string;
  /** The relationship to add for a part the workbook did not have. */
  readonly newRelId?: string;
}

/** Everything the patch does, decided up front. */
export interface PatchPlan {
  readonly wb: WorkbookParts;
  readonly dropped: Dropped;
  readonly newSheets: readonly NewSheet[];
  /** Status column blocks by worksheet part path (lower case). */
  readonly blocksByPath: ReadonlyMap<string, readonly StatusColumnsSource[]>;
  readonly styles: PartPlace;
  readonly sharedStrings: PartPlace;
}

/** Excel's last column (XFD) and row. */
export const MAX_COL = 16383;
export const MAX_ROW = 1048575;

/**
 * Refuses status columns that would land past column XFD (or rows past Excel's last).
 * @throws PatchError when the outputs do not fit an Excel sheet (too many rows or columns)
 * @example checkFits({ sheet: "Revenue", col: 16383, width: 2, row: 0, rows }) // throws: no room right of XFD
 */
export function checkFits(b: StatusColumnsSource): void {
  if (b.col + b.width - 1 > MAX_COL) throw new PatchError('xlsx.write.no-room-right', { sheet: b.sheet });
  if (b.row + b.rows.length - 1 > MAX_ROW) throw new PatchError('xlsx.write.past-last-row', { sheet: b.sheet });
}

/** Sheet names compare without regard to case in Excel. */
const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The largest number a pattern's first group takes over `names` (0 when none), without spreading them into one call. */
function maxNumber(names: Iterable<string>, re: RegExp): number {
  let max = 0;
  for (const n of names) { const v = Number(re.exec(n)?.[1] ?? 0); if (v > max) max = v; }
  return max;
}

/** Status column blocks by the path of the worksheet they go into (our own sheets and unknown ones skipped). */
function blocksByPath(wb: WorkbookParts, outputs: WriteSources, isOurs: (sheetName: string) => boolean): Map<string, StatusColumnsSource[]> {
  const out = new Map<string, StatusColumnsSource[]>();
  for (const b of outputs.statusColumns) checkFits(b);
  for (const b of outputs.statusColumns) {
    const s = wb.sheets.find((x) => x.name === b.sheet) ?? wb.sheets.find((x) => sameName(x.name, b.sheet));
    if (!s || s.path === '' || isOurs(s.name)) continue;
    const key = s.path.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), b]);
  }
  return out;
}

/** The table name and id attributes of the Excel tables the patch keeps. */
function keptTables(pkg: InputPackage, dropped: Dropped): { names: Set<string>; maxId: number } {
  const names = new Set<string>();
  let maxId = 0;
  for (const e of pkg.entries) {
    if (!/^xl\/tables\/[^/]+\.xml$/i.test(e.name) || dropped.parts.has(e.name.toLowerCase())) continue;
    const tag = /<(?:\w+:)?table\b[^>]*>/.exec(pkg.text(e.name) ?? '')?.[0] ?? '';
    names.add((attr(tag, 'name') ?? '').toLowerCase());
    maxId = Math.max(maxId, Number(attr(tag, 'id') ?? 0) || 0);
  }
  return { names, maxId };
}

/**
 * The whole plan of a patch. Pure apart from reading the input's parts.
 * @example const plan = planPatch(openPackage(bytes), sources, isOutputSheet)
 * @throws PatchError when a part is missing, a block does not fit, a sheet name is taken or the result would have too many parts
 */
export function planPatch(pkg: InputPackage, outputs: WriteSources, isOurs: (sheetName: string) => boolean): PatchPlan {
  const wb = workbookParts(pkg);
  const dropped = droppedParts(pkg, wb, isOurs);
  const kept = pkg.entries.map((e) => e.name).filter((n) => !dropped.parts.has(n.toLowerCase()));
  let sheetNo = maxNumber(kept, /^xl\/worksheets\/sheet(\d+)\.xml$/i);
  let tableNo = maxNumber(kept, /^xl\/tables\/table(\d+)\.xml$/i);
  const tables = keptTables(pkg, dropped);
  let tableId = tables.maxId;
  const keptSheets = wb.sheets.filter((_, i) => !dropped.sheetIndices.includes(i));
  let maxSheetId = keptSheets.reduce((m, s) => Math.max(m, s.sheetId || 0), 0);
  let relNo = 0;
  const newRelId = (): string => { let id: string; do id = `rIdCompetency${++relNo}`; while (wb.rels.some((r) => r.id === id && !dropped.relIds.has(r.id))); return id; };
  const newSheets = outputs.tables.map((table): NewSheet => {
    if (keptSheets.some((s) => sameName(s.name, table.sheetName))) throw new PatchError('xlsx.write.sheet-name-taken', { sheet: table.sheetName });
    const ns = { table, path: `xl/worksheets/sheet${++sheetNo}.xml`, relId: newRelId(), sheetId: ++maxSheetId };
    if (table.excelTable !== true) return ns;
    let name = table.tableName, k = 2;
    while (tables.names.has(name.toLowerCase())) name = `${table.tableName}${k++}`;
    tables.names.add(name.toLowerCase());
    return { ...ns, tablePath: `xl/tables/table${++tableNo}.xml`, tableName: name, tableId: ++tableId };
  });
  const place = (type: string, fallback: string): PartPlace => {
    const rel = wb.rels.find((r) => r.type === type && !r.external);
    return rel ? { path: resolveTarget(wb.wbDir, rel.target) } : { path: `${wb.wbDir}${fallback}`, newRelId: newRelId() };
  };
  const styles = place(T_STYLES, 'styles.xml');
  const sharedStrings = place(T_SHARED_STRINGS, 'sharedStrings.xml');
  // Each new sheet can bring a relationships part and a table part; styles and strings may be new.
  if (kept.length + newSheets.length * 3 + 2 > MAX_PARTS) throw new PatchError('xlsx.write.too-many-parts', {});
  return { wb, dropped, newSheets, blocksByPath: blocksByPath(wb, outputs, isOurs), styles, sharedStrings };
}
