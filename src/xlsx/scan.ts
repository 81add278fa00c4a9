/**
 * The streaming scanners of the big parts (worksheets, shared strings): each part is inflated in
 * chunks and scanned by hand as its text arrives, with the tag cursor and attribute iterator of
 * xml.ts, so memory grows with the cells found, never with the XML or with the cells'
 * coordinates, and time grows with the part's length only:
 *  - rows are stored sparsely: a row is made at its first value, a cell is put at its column with
 *    no padding before it (one value in column XFD costs one value), and an empty row costs nothing;
 *  - a part still incomplete at a chunk's end is scanned again only once twice as much text has
 *    arrived, so a hostile run without the delimiter it waits for is not rescanned chunk after chunk;
 *  - the elements open inside <sheetData> are kept on a stack: markup that is not well-formed
 *    where we read it is refused as a damaged sheet, near the row it is in;
 *  - the whole workbook's cells, rows and shared strings are counted against limits as they come.
 */
import { FIRST_PLAIN_SERIAL_1900, MAX_COLUMNS, MAX_ROWS as EXCEL_ROWS, a1, msOfSerial, type Cell } from '../cells';
import { XlsxError } from './errors';
import { NO_FORMULA_RESULT } from './formula';
import * as xml from './xml';
import { Attr, Tag } from './xml';
import { inflateEntry, type InflateBudget, type NativeZlib, type ZipEntry } from './zip';

// The cursor's functions and constants bound once: where modules are compiled to CommonJS (tsx,
// ts-jest) every use of an imported name is a property read through a getter, which in the
// scanning loops costs more than the scanning.
const {
  ATTR_INCOMPLETE, ATTR_NONE, ATTR_OK, BANG, DQUOTE, EQUALS, GT, LT, SLASH, SPACE, TAG_BAD, TAG_INCOMPLETE, TAG_OK, TAG_SPECIAL,
  decodeXml, elementText, isNameEnd, isSpace, needsDecoding, nextAttr, readTag,
} = xml;

/** Limits on the whole workbook (every sheet read together), checked as the reader goes. */
export interface WorkbookLimits {
  /** Cells holding a value, in all sheets. */
  readonly maxCells: number;
  /** Rows holding a value, in all sheets. */
  readonly maxRows: number;
  /** Entries of the shared string table. */
  readonly maxSharedStrings: number;
}

/**
 * The default limits. Excel holds 1,048,576 rows by 16,384 columns per sheet but no workbook we
 * read comes near filling several: a distributor's million revenue rows of 6-8 columns are 8
 * million cells. Past these the task pane's tab (a browser gives a page a few GB at most) and
 * the CLI would run out of memory, so the workbook is refused with one line instead.
 */
export const WORKBOOK_LIMITS: WorkbookLimits = { maxCells: 30_000_000, maxRows: 6_000_000, maxSharedStrings: 10_000_000 };

/**
 * Counts the whole workbook's rows and cells against the limits.
 * @example const tally = new Tally(); tally.row() // per row with a value
 * @throws XlsxError too-many-rows from row() past limits.maxRows
 */
export class Tally {
  cells = 0;
  rows = 0;
  constructor(readonly limits: WorkbookLimits = WORKBOOK_LIMITS) {}
  /** Counts one more row; throws XlsxError past the limit. */
  row(): void {
    if (++this.rows > this.limits.maxRows) throw new XlsxError('too-many-rows', { limit: this.limits.maxRows });
  }
}

/** The most text kept waiting for one element to complete: no cell legitimately comes near. */
const MAX_PENDING = 16 * 1024 * 1024;
/** Excel's last row and column, bound once (see above: the loops read them on every cell). */
const MAX_ROWS = EXCEL_ROWS;
const MAX_COLS = MAX_COLUMNS;

// Cell types (the t= attribute).
const T_NUMBER = 0, T_SHARED = 1, T_STR = 2, T_INLINE = 3, T_BOOL = 4, T_ERROR = 5, T_DATE = 6;
// Letters the scanners compare against.
const CH_c = 99, CH_r = 114, CH_s = 115, CH_t = 116, CH_v = 118, CH_i = 105, CH_b = 98, CH_e = 101, CH_d = 100, CH_A = 65, CH_Z = 90, CH_0 = 48, CH_9 = 57;
const CH_MINUS = 45, CH_DOT = 46;

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number written in s[from, to), without making a string: plain decimals of up to 15
 * digits are an exact integer divided by an exact power of ten, which rounds exactly as
 * Number() does; anything else (exponents, long mantissas, junk) goes through Number().
 */
function parseNumber(s: string, from: number, to: number): number {
  let k = from, neg = false;
  if (s.charCodeAt(k) === CH_MINUS) { neg = true; k++; }
  let m = 0, digits = 0, scale = 0, dot = false;
  for (; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c >= CH_0 && c <= CH_9) {
      m = m * 10 + (c - CH_0);
      digits++;
      if (dot) scale++;
    } else if (c === CH_DOT && !dot) dot = true;
    else return Number(s.slice(from, to));
  }
  if (digits === 0 || digits > 15) return Number(s.slice(from, to));
  const v = scale === 0 ? m : m / (POW10[scale] as number);
  return neg ? -v : v;
}

/** A time of day alone, as ISO 8601 writes it in a t="d" cell ("10:30:00", "T10:30"). */
const ISO_TIME = /^T?(\d\d):(\d\d)(?::(\d\d(?:\.\d{1,9})?))?(?:Z|[+-]00:?00)?$/;

/** A part being scanned as text arrives; returns how much of `s` it consumed. */
export interface PartScanner {
  scan(s: string, final: boolean): number;
  /** True once the part's content of interest has been read (the rest is skipped). */
  readonly done: boolean;
  /** The error for a part that is not well-formed where it is read. */
  damaged(): XlsxError;
}

/**
 * Where the character data of the element starting at `from` ends (the "<" of its end tag or
 * next child), past CDATA sections and comments; -1 when it does not end before `to`.
 */
function textEnd(s: string, from: number, to: number): number {
  let k = from;
  for (;;) {
    const lt = s.indexOf('<', k);
    if (lt < 0 || lt >= to) return -1;
    if (s.charCodeAt(lt + 1) !== BANG) return lt;
    const close = s.startsWith('<![CDATA[', lt) ? ']]>' : '-->';
    const e = s.indexOf(close, lt + 2);
    if (e < 0 || e >= to) return -1;
    k = e + close.length;
  }
}

/**
 * The joined text of the <t> elements in s[from, to) outside phonetic runs (<rPh>): a shared or
 * inline string, plain or rich. Throws `bad()` when the markup is broken.
 */
const RICH_TAG = new Tag();

function richText(s: string, from: number, to: number, bad: () => XlsxError): string {
  const tag = RICH_TAG;
  let out = '';
  let k = from;
  for (;;) {
    const lt = s.indexOf('<', k);
    if (lt < 0 || lt >= to) break;
    const r = readTag(s, lt, tag);
    if (r === TAG_SPECIAL && tag.gt < to) { k = tag.gt + 1; continue; }
    if (r !== TAG_OK || tag.gt >= to) throw bad();
    if (!tag.closing && !tag.selfClosing && tag.is(s, 't')) {
      const end = textEnd(s, tag.gt + 1, to);
      const text = end < 0 ? null : elementText(s, tag.gt + 1, end);
      if (text === null) throw bad();
      out += text;
      k = end;
      continue;
    }
    if (!tag.closing && !tag.selfClosing && tag.is(s, 'rPh')) {
      const close = `</${s.slice(tag.name, tag.end)}>`;
      const end = s.indexOf(close, tag.gt + 1);
      if (end < 0 || end >= to) throw bad();
      k = end + close.length;
      continue;
    }
    k = tag.gt + 1;
  }
  return out;
}

/**
 * Reads the shared string table (<sst><si>...</si>...</sst>, or an empty <sst/>).
 * @example scanPart(bytes, entry, budget, new SharedStrings(entry.name, limits.maxSharedStrings))
 * @throws XlsxError from scan(): too-many-strings past the limit, malformed-xml (damaged()) where the table is not well-formed
 */
export class SharedStrings implements PartScanner {
  readonly strings: string[] = [];
  done = false;
  private readonly tag = new Tag();
  constructor(private readonly part: string, private readonly limit: number = WORKBOOK_LIMITS.maxSharedStrings) {}

  damaged(): XlsxError { return new XlsxError('malformed-xml', { part: this.part }); }

  scan(s: string, final: boolean): number {
    const tag = this.tag;
    let p = 0;
    for (;;) {
      const lt = s.indexOf('<', p);
      if (lt < 0) return s.length;
      const r = readTag(s, lt, tag);
      if (r === TAG_INCOMPLETE) return lt;
      if (r === TAG_BAD) throw this.damaged();
      p = tag.gt + 1;
      if (r === TAG_SPECIAL) continue;
      if (tag.is(s, 'sst') && (tag.closing || tag.selfClosing)) { this.done = true; return s.length; }
      if (tag.closing || !tag.is(s, 'si')) continue;
      if (this.strings.length >= this.limit) throw new XlsxError('too-many-strings', { limit: this.limit });
      if (tag.selfClosing) { this.strings.push(''); continue; }
      const close = tag.local === tag.name ? '</si>' : `</${s.slice(tag.name, tag.end)}>`;
      const end = s.indexOf(close, tag.gt + 1);
      if (end < 0) {
        if (final) throw this.damaged();
        return lt;
      }
      const bad = (): XlsxError => this.damaged();
      checkNesting(s, tag.gt + 1, end, bad);
      this.strings.push(richText(s, tag.gt + 1, end, bad));
      p = end + close.length;
    }
  }
}

/** What a worksheet's cells are read with. */
export interface SheetContext {
  readonly part: string;
  readonly sheet: string;
  readonly shared: readonly string[];
  readonly dateStyle: Uint8Array;
  readonly date1904: boolean;
  readonly onRow: () => void;
  readonly tally: Tally;
}

/** The longest row a next row is made as long as (a wider sheet's rows grow as they fill). */
const MADE_WIDTH = 64;

// Where the scanner is: before <sheetData>, directly in it, in a <row>, or deeper (an element we skip).
const OUTSIDE = 0, IN_DATA = 1, IN_ROW = 2;

/**
 * Scans one worksheet's <sheetData> into sparse rows of cells.
 * @example scanPart(bytes, entry, budget, new SheetScanner(cx))
 * @throws XlsxError from scan(): damaged-sheet (near its row) where it is not well-formed, too-many-cells / too-many-rows past the limits, shared-string for an index past the table
 */
export class SheetScanner implements PartScanner {
  /** Rows by 0-based index, each a sparse array by column; a row without values is a hole. */
  readonly values: Cell[][] = [];
  done = false;
  private row = -1;
  private col = -1;
  /** The current row's array, made at its first value. */
  private cur: Cell[] | null = null;
  /**
   * The row this scanner made last, while it is read, and its last column with a value: made as
   * long as the row before (`width`), it is cut to its own length when it ends (endRow).
   */
  private made: Cell[] | null = null;
  private maxCol = -1;
  /** The length of the last row made, when at most MADE_WIDTH: the next row is made that long. */
  private width = 0;
  /** Qualified names of the elements open inside <sheetData> (sheetData itself first). */
  private readonly open: string[] = [];
  private level = OUTSIDE;
  private rowName = 'row';
  private readonly tag = new Tag();
  private readonly at = new Attr();
  private readonly dates = new Map<number, Cell>();
  private readonly texts = new Map<string, string>();
  /** What quickCell read. */
  private qCol = -1;
  private qStyle = 0;
  private qType = T_NUMBER;

  constructor(private readonly cx: SheetContext) {}

  damaged(): XlsxError {
    return new XlsxError('damaged-sheet', { sheet: this.cx.sheet, row: Math.max(1, this.row + 1) });
  }

  /**
   * Text kept from the sheet's own XML (inline strings, formula results) as a string of its own:
   * a slice of the inflated text would keep its whole chunk alive as long as the cell (a million
   * status cells written by --out kept ~700 MB of the sheet's XML). Repeated texts (Yes, No, the
   * reasons) share one string; past 65,536 distinct texts each is still copied, not shared.
   */
  private own(text: string): string {
    let kept = this.texts.get(text);
    if (kept === undefined) {
      // A concatenation is flattened into a new string by the slice: only `text` is copied.
      kept = (` ${text}`).slice(1);
      if (this.texts.size < 65536) this.texts.set(kept, kept);
    }
    return kept;
  }

  scan(s: string, final: boolean): number {
    if (this.done) return s.length;
    const tag = this.tag;
    let p = 0;
    for (;;) {
      const lt = s.indexOf('<', p);
      if (this.level !== OUTSIDE && lt !== p) this.checkText(s, p, lt < 0 ? s.length : lt);
      if (lt < 0) return s.length;
      let next: number;
      // Every charCodeAt of the quick paths is bounded by the text's length first: one past the end
      // (a chunk ending inside a cell) deoptimised the optimised scanner, once per place and pass
      // (13 times over a 200k-row sheet, each time running unoptimised a while: ~0.2-0.4 s).
      if (this.level === IN_ROW && lt + 2 < s.length && s.charCodeAt(lt + 1) === CH_c && s.charCodeAt(lt + 2) === SPACE) {
        // "<c " in a row (most tags of a sheet): the tag readTag would read, without its name loop.
        const gt = s.indexOf('>', lt + 3);
        if (gt < 0) return lt;
        tag.lt = lt; tag.closing = false; tag.name = lt + 1; tag.local = lt + 1; tag.end = lt + 2;
        tag.gt = gt; tag.selfClosing = s.charCodeAt(gt - 1) === SLASH;
        next = this.cell(s, tag, final);
        if (next < 0) return lt;
        p = next;
        continue;
      }
      const r = readTag(s, lt, tag);
      if (r === TAG_INCOMPLETE) return lt;
      if (r === TAG_BAD) throw this.damaged();
      if (r === TAG_SPECIAL) next = tag.gt + 1;
      else if (tag.closing) next = this.closeTag(s, tag);
      else if (tag.end - tag.local === 1 && s.charCodeAt(tag.local) === CH_c && this.level !== OUTSIDE) next = this.cell(s, tag, final);
      else next = this.openTag(s, tag);
      if (next < 0) return lt;
      if (this.done) return s.length;
      p = next;
    }
  }

  /** Text between tags directly in <sheetData> or a <row> may only be white space. */
  private checkText(s: string, from: number, to: number): void {
    if (this.level > IN_ROW) return;
    for (let k = from; k < to; k++) if (!isSpace(s.charCodeAt(k))) throw this.damaged();
  }

  /** An end tag: it must close the element last opened. Returns where scanning goes on. */
  private closeTag(s: string, tag: Tag): number {
    if (this.level === OUTSIDE) return tag.gt + 1;
    const top = this.open.pop() as string;
    if (tag.end - tag.name !== top.length || !s.startsWith(top, tag.name)) throw this.damaged();
    if (this.open.length === 0) { this.endRow(); this.done = true; }
    this.setLevel();
    return tag.gt + 1;
  }

  private setLevel(): void {
    const depth = this.open.length;
    this.level = depth === 0 ? OUTSIDE : depth === 1 ? IN_DATA : depth === 2 ? IN_ROW : IN_ROW + 1;
  }

  /** A start tag other than a cell's: <sheetData>, a <row>, or one we skip. -1 when incomplete. */
  private openTag(s: string, tag: Tag): number {
    if (this.level === OUTSIDE) {
      if (!tag.is(s, 'sheetData')) return tag.gt + 1;
      if (tag.selfClosing) { this.done = true; return tag.gt + 1; }
      this.open.push(s.slice(tag.name, tag.end));
      this.setLevel();
      return tag.gt + 1;
    }
    // Directly in <sheetData> only rows may stand.
    if (this.level === IN_DATA && !tag.is(s, 'row')) throw this.damaged();
    const gt = this.level === IN_DATA ? this.startRow(s, tag) : this.tagEnd(s, tag);
    if (gt < 0 || tag.selfClosing) return gt < 0 ? gt : gt + 1;
    const sameAsRow = tag.end - tag.name === this.rowName.length && s.startsWith(this.rowName, tag.name);
    this.open.push(sameAsRow ? this.rowName : s.slice(tag.name, tag.end));
    this.setLevel();
    return gt + 1;
  }

  /** The end of a start tag, past ">" in its attribute values; -1 when incomplete; throws when it is not XML. */
  private tagEnd(s: string, tag: Tag): number {
    const a = this.at;
    let j = tag.end;
    let r = nextAttr(s, j, a);
    for (; r === ATTR_OK; r = nextAttr(s, j, a)) j = a.next;
    return this.endAfter(s, tag, r, j);
  }

  /** Where a start tag ends once its attributes were read up to `j` with result `r`. */
  private endAfter(s: string, tag: Tag, r: number, j: number): number {
    if (r === ATTR_INCOMPLETE) return -1;
    if (r !== ATTR_NONE) throw this.damaged();
    if (j <= tag.gt) return tag.gt;
    const gt = s.indexOf('>', j);
    if (gt >= 0) tag.selfClosing = s.charCodeAt(gt - 1) === SLASH;
    return gt;
  }

  /** <row r="5" ...>: its number (or the next one), read in place. Returns the tag's end, or -1. */
  private startRow(s: string, tag: Tag): number {
    const quick = this.quickRow(s, tag);
    return quick >= 0 ? this.enterRow(quick, tag.gt) : this.generalRow(s, tag);
  }

  /** startRow through the general attribute iterator: any shape XML allows. */
  private generalRow(s: string, tag: Tag): number {
    const a = this.at;
    let r = 0, j = tag.end, res = nextAttr(s, j, a);
    for (; res === ATTR_OK; res = nextAttr(s, j, a)) {
      if (a.end - a.name === 1 && s.charCodeAt(a.name) === CH_r) r = this.rowDigits(s, a.from, a.to, r);
      j = a.next;
    }
    const gt = this.endAfter(s, tag, res, j);
    return gt < 0 ? gt : this.enterRow(r, gt);
  }

  /**
   * The attributes of a row as writers almost always write them (r="5" spans="1:7" ht="15"
   * x14ac:dyDescent="0.25"), read without the general iterator, as quickCell reads a cell's:
   * each after one space, a name of no white space, quote, "/" or ">" right before "=", a
   * double-quoted value holding no ">", the tag ending right after the last one. Returns the
   * row number r= gives (0: none), read by rowDigits as generalRow reads it (and refused
   * alike); -1 for any other shape, which generalRow then reads from the tag's start.
   * Rows are a seventh of a revenue sheet's tags: the iterator cost more than their cells' quick path.
   */
  private quickRow(s: string, tag: Tag): number {
    const gt = tag.gt;
    let k = tag.end, r = 0;
    while (k < gt && s.charCodeAt(k) === SPACE) {
      let eq = k + 1;
      for (let c = s.charCodeAt(eq); c !== EQUALS; c = s.charCodeAt(++eq)) {
        if (eq >= gt || c === GT || c === SLASH || c === DQUOTE || c === LT || isSpace(c)) return -1;
      }
      if (eq === k + 1 || s.charCodeAt(eq + 1) !== DQUOTE) return -1;
      const from = eq + 2, to = s.indexOf('"', from);
      if (to < 0 || to > gt) return -1;
      if (eq === k + 2 && s.charCodeAt(k + 1) === CH_r) r = this.rowDigits(s, from, to, r);
      k = to + 1;
    }
    return k === gt || (k === gt - 1 && s.charCodeAt(k) === SLASH) ? r : -1;
  }

  /**
   * The digits of an r= value s[from, to) appended to `r` (0 for a first one), as both row
   * readers read them; a damaged sheet for anything but digits or a number past Excel's last row.
   */
  private rowDigits(s: string, from: number, to: number, r: number): number {
    for (let k = from; k < to; k++) {
      const d = s.charCodeAt(k) - CH_0;
      if (d < 0 || d > 9) throw this.damaged();
      r = r * 10 + d;
      if (r > MAX_ROWS) throw this.damaged();
    }
    return r;
  }

  /** A row starts: row r (1-based; 0 when r= was not given: the next one), its tag ending at `gt`. Returns gt. */
  private enterRow(r: number, gt: number): number {
    const row = r > 0 ? r - 1 : this.row + 1;
    if (row >= MAX_ROWS) throw this.damaged();
    if (row !== this.row) { this.endRow(); this.cur = null; }
    this.row = row;
    this.col = -1;
    this.cx.onRow();
    return gt;
  }

  /** Puts a value in the current row, making the row at its first value. */
  private put(col: number, v: Cell): void {
    const tally = this.cx.tally;
    if (++tally.cells > tally.limits.maxCells) throw new XlsxError('too-many-cells', { limit: tally.limits.maxCells });
    let row = this.cur;
    if (row === null) {
      row = this.values[this.row] ?? null;
      if (row === null) {
        // A row is made as long as the row before (a sheet's rows are mostly alike): its cells
        // then fill the room it was made with. Else a row starting in column A is made holding
        // its value: [v] has room for one element, where [] grown to one has room for 17 (a
        // million one-cell rows: 56 MB, not 180), and [v] grown to 7 has room for 17 too
        // (200,000 rows of 7 cells: 52 MB of cells and rows, against 30 made 7 long).
        row = this.width > 1 ? new Array<Cell>(this.width) : col === 0 ? [v] : [];
        this.values[this.row] = row;
        this.made = row;
        this.maxCol = -1;
        tally.row();
      }
      this.cur = row;
    }
    row[col] = v;
    if (col > this.maxCol) this.maxCol = col;
  }

  /**
   * The row made last ends: it is cut to its last value (a row's length is its last column with
   * a value plus one, however long it was made), and the next row is made as long.
   */
  private endRow(): void {
    const made = this.made;
    if (made === null) return;
    if (made.length > this.maxCol + 1) made.length = this.maxCol + 1;
    this.width = made.length <= MADE_WIDTH ? made.length : 0;
    this.made = null;
  }

  /**
   * <c r="B2" s="3" t="s">...</c>: attributes read in place, then the value. Returns where
   * scanning goes on, or -1 when the cell is not complete in `s` yet.
   */
  private cell(s: string, tag: Tag, final: boolean): number {
    if (this.level !== IN_ROW) throw this.damaged();
    let col: number, style: number, type: number, gt: number;
    if (this.quickCell(s, tag)) {
      ({ qCol: col, qStyle: style, qType: type } = this);
      gt = tag.gt;
    } else {
      const a = this.at;
      col = -1; style = 0; type = T_NUMBER;
      let j = tag.end, r = nextAttr(s, j, a);
      for (; r === ATTR_OK; r = nextAttr(s, j, a)) {
        if (a.end - a.name === 1) {
          const n = s.charCodeAt(a.name);
          if (n === CH_r) col = this.column(s, a.from, a.to);
          else if (n === CH_s) style = this.styleIndex(s, a.from, a.to);
          else if (n === CH_t) type = cellType(s, a.from, a.to);
        }
        j = a.next;
      }
      gt = this.endAfter(s, tag, r, j);
      if (gt < 0) { if (final) throw this.damaged(); return -1; }
    }
    if (col < 0) col = this.col + 1;
    if (col >= MAX_COLS) throw this.damaged();
    this.col = col;
    if (tag.selfClosing) return gt + 1;
    // The common shape, <v>text</v></c> right after the start tag, without searching.
    // Bounded by the text's length before reading (see scan): past the end is the general path's.
    if (type !== T_INLINE && gt + 3 < s.length && s.charCodeAt(gt + 1) === LT && s.charCodeAt(gt + 2) === CH_v && s.charCodeAt(gt + 3) === GT) {
      const ve = s.indexOf('<', gt + 4);
      if (ve < 0) { if (final) throw this.damaged(); return -1; }
      // "</v></c>" compared a character at a time: startsWith at an offset cost more than the rest of the cell.
      if (ve + 7 < s.length && s.charCodeAt(ve + 1) === SLASH && s.charCodeAt(ve + 2) === CH_v && s.charCodeAt(ve + 3) === GT && s.charCodeAt(ve + 4) === LT
        && s.charCodeAt(ve + 5) === SLASH && s.charCodeAt(ve + 6) === CH_c && s.charCodeAt(ve + 7) === GT) {
        const v = this.raw(s, gt + 4, ve, type, style);
        if (v !== null) this.put(col, v);
        return ve + 8;
      }
    }
    const close = tag.local === tag.name ? '</c>' : `</${s.slice(tag.name, tag.end)}>`;
    const end = s.indexOf(close, gt + 1);
    if (end < 0) { if (final) throw this.damaged(); return -1; }
    const v = this.value(s, gt + 1, end, type, style, s.slice(tag.name, tag.local));
    if (v !== null) this.put(col, v);
    return end + close.length;
  }

  /**
   * The attributes of a cell as writers almost always write them, read without the general
   * iterator: single-letter names (r, s, t, each read as the general reading reads it), each
   * after one space, "=" and a double-quoted value holding no ">", the tag ending right after
   * the last one. Sets qCol, qStyle and qType and returns true; returns false for any other
   * shape, which the general reading then reads from the tag's start.
   */
  private quickCell(s: string, tag: Tag): boolean {
    const gt = tag.gt;
    let k = tag.end, col = -1, style = 0, type = T_NUMBER;
    while (k < gt && s.charCodeAt(k) === SPACE) {
      if (s.charCodeAt(k + 2) !== EQUALS || s.charCodeAt(k + 3) !== DQUOTE) return false;
      const from = k + 4, to = s.indexOf('"', from);
      if (to < 0 || to > gt) return false;
      const n = s.charCodeAt(k + 1);
      if (n === CH_r) col = this.column(s, from, to);
      else if (n === CH_s) style = this.styleIndex(s, from, to);
      else if (n === CH_t) type = cellType(s, from, to);
      else return false;
      k = to + 1;
    }
    if (k !== gt && !(k === gt - 1 && s.charCodeAt(k) === SLASH)) return false;
    this.qCol = col; this.qStyle = style; this.qType = type;
    return true;
  }

  /** A style index (s="3"). */
  private styleIndex(s: string, from: number, to: number): number {
    let style = 0;
    for (let k = from; k < to; k++) {
      const d = s.charCodeAt(k) - CH_0;
      if (d < 0 || d > 9) throw this.damaged();
      style = style * 10 + d;
    }
    return style;
  }

  /** The 0-based column of a cell reference ("B2"); the row digits are not checked against the row. */
  private column(s: string, from: number, to: number): number {
    let col = 0;
    for (let k = from; k < to; k++) {
      const l = s.charCodeAt(k);
      if (l < CH_A || l > CH_Z) break;
      col = col * 26 + (l - 64);
      if (col > MAX_COLS) throw this.damaged();
    }
    return col - 1;
  }

  /** The value of the cell whose content is s[from, to): its children must be well-formed. */
  private value(s: string, from: number, to: number, type: number, style: number, prefix: string): Cell {
    checkNesting(s, from, to, () => this.damaged());
    if (type === T_INLINE) return this.own(richText(s, from, to, () => this.damaged()));
    const open = prefix === '' ? '<v' : `<${prefix}v`;
    let k = s.indexOf(open, from);
    while (k >= 0 && k < to && !isNameEnd(s.charCodeAt(k + open.length))) k = s.indexOf(open, k + 1);
    if (k < 0 || k >= to) return this.hasFormula(s, from, to, prefix) ? { error: NO_FORMULA_RESULT } : null; // else a styled empty cell
    const gt = s.indexOf('>', k);
    if (s.charCodeAt(gt - 1) === SLASH) return type === T_STR ? '' : null;
    const end = textEnd(s, gt + 1, to);
    if (end < 0) throw this.damaged();
    if (s.charCodeAt(s.indexOf('<', gt + 1) + 1) !== BANG) return this.raw(s, gt + 1, end, type, style);
    // CDATA or a comment inside <v>: its text as XML reads it.
    const text = elementText(s, gt + 1, end);
    if (text === null) throw this.damaged();
    switch (type) {
      case T_STR: return this.own(text);
      case T_ERROR: return { error: text };
      case T_DATE: return this.isoDate(text.trim());
      default: return this.raw(text, 0, text.length, type, style);
    }
  }

  /** True when the cell content s[from, to) holds a formula (<f>, with the sheet's prefix). */
  private hasFormula(s: string, from: number, to: number, prefix: string): boolean {
    const open = `<${prefix}f`;
    let k = s.indexOf(open, from);
    while (k >= 0 && k < to && !isNameEnd(s.charCodeAt(k + open.length))) k = s.indexOf(open, k + 1);
    return k >= 0 && k < to;
  }

  /** The value of a cell of type `type` and style `style` whose <v> text is s[from, to). */
  private raw(s: string, from: number, to: number, type: number, style: number): Cell {
    if (type === T_SHARED) return this.sharedString(s, from, to);
    if (type === T_NUMBER) {
      if (from === to) return null;
      const num = parseNumber(s, from, to);
      if (num !== num) return decodeXml(s.slice(from, to));
      return style < this.cx.dateStyle.length && this.cx.dateStyle[style] === 1 ? this.toDate(num) : num;
    }
    const raw = s.slice(from, to);
    switch (type) {
      case T_STR: return this.own(needsDecoding(raw) ? decodeXml(raw) : raw);
      case T_BOOL: return raw === '1' || raw === 'true';
      case T_ERROR: return { error: decodeXml(raw) };
      case T_DATE: return this.isoDate(raw.trim());
      default: return null;
    }
  }

  private sharedString(s: string, from: number, to: number): Cell {
    let index = 0;
    for (let k = from; k < to; k++) {
      const d = s.charCodeAt(k) - CH_0;
      if (d < 0 || d > 9) { index = -1; break; }
      index = index * 10 + d;
    }
    const text = from < to && index >= 0 ? this.cx.shared[index] : undefined;
    if (text === undefined) {
      throw new XlsxError('shared-string', { cell: a1(this.row, this.col), sheet: this.cx.sheet, index: s.slice(from, to).trim(), count: this.cx.shared.length });
    }
    return text;
  }

  /**
   * A t="d" cell: an ISO 8601 date and time (UTC unless it says otherwise), or a time of day
   * alone, which Excel shows as a time: read as its serial fraction of a day, as a time-formatted
   * number cell would be.
   */
  private isoDate(raw: string): Cell {
    const time = raw.length <= 24 ? ISO_TIME.exec(raw) : null;
    if (time) return this.toDate((Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0)) / 86400);
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) || raw.length <= 10 ? raw : `${raw}Z`);
    return Number.isNaN(d.getTime()) ? raw : d;
  }

  /**
   * A serial shown as a date, as a Date at UTC midnight (plus its time of day), the way Excel
   * readers hand dates over. In the 1900 system, serials before 61 stay numbers so the sheets
   * layer can report serial 60 (1900-02-29, a day that never was). Dates repeat (months, days
   * of a year), so each distinct serial gets one Date.
   */
  private toDate(serial: number): Cell {
    if (!this.cx.date1904 && serial < FIRST_PLAIN_SERIAL_1900) return serial;
    let d = this.dates.get(serial);
    if (d === undefined) {
      d = new Date(msOfSerial(serial, this.cx.date1904));
      this.dates.set(serial, d);
    }
    return d;
  }
}

/** The cell type a t= value names. */
function cellType(s: string, from: number, to: number): number {
  const t0 = s.charCodeAt(from), len = to - from;
  return t0 === CH_s ? (len === 1 ? T_SHARED : T_STR) : t0 === CH_i ? T_INLINE : t0 === CH_b ? T_BOOL : t0 === CH_e ? T_ERROR : t0 === CH_d ? T_DATE : T_NUMBER;
}

const NEST_TAG = new Tag();

/**
 * Throws `bad()` unless the elements in s[from, to) nest properly (a cell's children, a string
 * of the shared-string table, a whole small part). Linear, with no recursion at any depth.
 * @example checkNesting("<f>1</f><v>2</v>", 0, 16, () => new XlsxError("malformed-xml", { part }))
 * @throws what bad() gives, when the elements do not nest
 */
export function checkNesting(s: string, from: number, to: number, bad: () => XlsxError): void {
  const tag = NEST_TAG;
  const open: string[] = [];
  for (let k = s.indexOf('<', from); k >= 0 && k < to; k = s.indexOf('<', k)) {
    const r = readTag(s, k, tag);
    if (r === TAG_SPECIAL) { if (tag.gt >= to) throw bad(); k = tag.gt + 1; continue; }
    if (r !== TAG_OK || tag.gt >= to) throw bad();
    if (tag.closing) {
      const top = open.pop();
      if (top === undefined || tag.end - tag.name !== top.length || !s.startsWith(top, tag.name)) throw bad();
    } else if (!tag.selfClosing) open.push(s.slice(tag.name, tag.end));
    k = tag.gt + 1;
  }
  if (open.length > 0) throw bad();
}

/**
 * Decodes a part's chunks to text as one streaming TextDecoder would. A UTF-8 chunk that ends on
 * an ASCII byte (nearly every chunk: the markup is ASCII) leaves no character half read, so it is
 * decoded on its own, without stream state: Node's TextDecoder takes its fast path then, several
 * times faster than streaming (and never again once a decoder has streamed, hence two). A chunk
 * ending inside a character goes through the streaming decoder, which completes it from the next
 * chunk. The byte order mark is dropped at the part's start only. UTF-16 parts always stream.
 * @example const d = new PartDecoder(first); text += d.decode(first, false); text += d.decode(last, true)
 * @throws nothing (bytes that are not UTF-8 read as U+FFFD, as TextDecoder reads them)
 */
export class PartDecoder {
  private readonly whole: TextDecoder | null;
  private readonly stream: TextDecoder;
  /** The streaming decoder holds the start of a character. */
  private pending = false;
  private started = false;

  constructor(first: Uint8Array) {
    const utf16 = first[0] === 0xff && first[1] === 0xfe;
    this.whole = utf16 ? null : new TextDecoder('utf-8', { ignoreBOM: true });
    this.stream = utf16 ? new TextDecoder('utf-16le') : new TextDecoder('utf-8', { ignoreBOM: true });
  }

  decode(chunk: Uint8Array, final: boolean): string {
    let text: string;
    if (this.whole === null) text = this.stream.decode(chunk, { stream: !final });
    else {
      const cut = !final && chunk.length > 0 && (chunk[chunk.length - 1] as number) >= 0x80;
      text = cut || this.pending ? this.stream.decode(chunk, { stream: cut }) : this.whole.decode(chunk);
      this.pending = cut;
      if (!this.started && text.length > 0) {
        this.started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
    }
    return text;
  }
}

/**
 * Streams a part through a scanner. Throws the scanner's damaged() when the part is not XML or
 * ends before its content does. A part still incomplete at a chunk's end is retried only once
 * twice as much text is waiting, so a long run without the awaited delimiter costs linear time.
 * @example scanPart(bytes, entry, budget, new SharedStrings(entry.name, limit))
 * @throws the scanner's damaged() (an XlsxError) when the part is not XML, ends early or waits past 16 MB for one element; XlsxError from inflating (zip-bomb, malformed-zip) and from the scanner
 */
export function scanPart(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, scanner: PartScanner, onInput?: (consumed: number) => void, native?: NativeZlib): void {
  let decoder: PartDecoder | null = null;
  let carry = '';
  let waiting: string[] = [];
  let waitingLength = 0, retryAt = 0;
  let started = false;
  inflateEntry(bytes, entry, budget, (chunk, final) => {
    if (scanner.done) return;
    // UTF-16 parts are rare but valid XML; their byte order mark says so.
    decoder ??= new PartDecoder(chunk);
    const piece = decoder.decode(chunk, final);
    if (!final && carry.length + waitingLength + piece.length < retryAt) { waiting.push(piece); waitingLength += piece.length; return; }
    // One flat string, not carry + piece: "+" makes a cons string, and every charCodeAt of the
    // scanner then goes through it to its flattened copy (a fifth slower over a sheet's text);
    // join writes the pieces into one sequential string.
    const text = carry === '' && waiting.length === 0 ? piece : [carry, ...waiting, piece].join('');
    waiting = []; waitingLength = 0;
    if (!started) {
      let first = 0;
      while (first < text.length && (isSpace(text.charCodeAt(first)) || text.charCodeAt(first) === 0xfeff)) first++;
      if (first < text.length) {
        started = true;
        if (text.charCodeAt(first) !== LT) throw scanner.damaged();
      }
    }
    const used = scanner.scan(text, final);
    carry = used < text.length ? text.slice(used) : '';
    retryAt = used === 0 ? text.length * 2 : 0;
    if (carry.length > MAX_PENDING) throw scanner.damaged();
  }, onInput, native);
  if (!scanner.done) throw scanner.damaged();
}
