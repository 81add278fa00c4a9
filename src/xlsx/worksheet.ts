/**
 * One worksheet of the input streamed through the patch: our status cells put into its rows
 * (replacing the ones a previous run wrote), nothing else in the sheet changed. Memory stays one
 * chunk of the part at a time.
 */
import { columnIndex as colIndex, columnLetters as colName } from '../cells';
import { attr, cellString, cellXml, type OutStyles } from './sheetxml';
import { PatchError } from './plan';
import type { StatusColumnsSource, WriteCell } from './model';
import type { SharedStrings } from './sst';
import { ByteSink, ascii, bytesAt, decimalInto, indexOfBytes, isXmlSpace } from './bytebuf';

const EMPTY: Uint8Array = new Uint8Array(0);
/** Bytes of a chunk that join the bytes left waiting before it (pushBytes): a row and more. */
const JOIN_PIECE = 64 * 1024;

/** `a` then `b`, in a new array. */
function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a); out.set(b, a.length);
  return out;
}
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SHEET_DATA = ascii('sheetData');
const R_ATTR = ascii(' r="');
const SPANS = ascii(' spans="');
const SPANS_NAME = ascii('spans=');

/** True when `col` is one of the first `n` of `cols` (a row has a few of ours: a loop beats a Set). */
function ours(cols: readonly number[], n: number, col: number): boolean {
  for (let i = 0; i < n; i++) if (cols[i] === col) return true;
  return false;
}

/** The status cells one row gets: the first `n` of each array, by 0-based column, ascending. */
interface RowCells { n: number; cols: number[]; values: WriteCell[]; header: boolean[] }

/**
 * Streams one worksheet's XML, putting the status columns of `blocks` into their rows: cells at
 * those columns are replaced (or removed when ours is empty), missing rows are added in order,
 * cells and rows without the optional r= get one, and the dimension grows to cover our cells.
 * @example const p = new WorksheetPatcher(blocks, styles, false, sst); for (const chunk of chunks) p.pushBytes(chunk, sink); p.endBytes(sink)
 * @throws PatchError from pushBytes/endBytes (and push/end) when the sheet has no sheetData, a row is larger than 256 MB, or sheetData never closes
 */
export class WorksheetPatcher {
  private bytes: Uint8Array = EMPTY;
  private marks: Record<'rowOpen' | 'rowClose' | 'dataClose' | 'cellOpen' | 'cellClose' | 'valueCellClose', Uint8Array> = { rowOpen: EMPTY, rowClose: EMPTY, dataClose: EMPTY, cellOpen: EMPTY, cellClose: EMPTY, valueCellClose: EMPTY };
  private readonly textDecoder = new TextDecoder();
  private phase: 'head' | 'rows' | 'tail' = 'head';
  private prefix = '';
  private lastRow = -1;
  private readonly firstRow: number;
  private readonly endRow: number;
  /**
   * `rowsAsText` patches every row as text (patchRow), the path that rows written otherwise than
   * Excel writes them take; the byte path must give the same bytes, and a test compares them.
   */
  constructor(private readonly blocks: readonly StatusColumnsSource[], private readonly styles: OutStyles, private readonly date1904: boolean, private readonly strings?: SharedStrings, private readonly rowsAsText = false) {
    this.firstRow = Math.min(...blocks.map((b) => b.row));
    this.endRow = Math.max(...blocks.map((b) => b.row + b.rows.length));
  }

  /**
   * The status cells of one row, reused from row to row (a row's cells are used before the next
   * row's are made): written over, never emptied, since setting an array's length is a call
   * into V8's runtime (a tenth of the patch's time when done three times a row).
   */
  private readonly scratch: RowCells = { n: 0, cols: [], values: [], header: [] };

  private cellsOf(row: number): RowCells | undefined {
    if (row < this.firstRow || row >= this.endRow) return undefined;
    let out: RowCells | undefined;
    for (const b of this.blocks) {
      const i = row - b.row;
      if (i < 0 || i >= b.rows.length) continue;
      // Made now, as the sheet's XML streams past this row: no block is held whole.
      const v = b.rows.row(i);
      if (!out) { out = this.scratch; out.n = 0; }
      for (let j = 0; j < v.length; j++) {
        const k = out.n++;
        out.cols[k] = b.col + j; out.values[k] = v[j] ?? null; out.header[k] = row === b.row;
      }
    }
    if (out && this.blocks.length > 1) {
      const c = out;
      const order = Array.from({ length: c.n }, (_, i) => i).sort((x, y) => c.cols[x]! - c.cols[y]!);
      out = { n: c.n, cols: order.map((i) => c.cols[i]!), values: order.map((i) => c.values[i]!), header: order.map((i) => c.header[i]!) };
    }
    return out;
  }

  /**
   * Adds to the shared strings every text this patcher's cells will hold, in the order writing
   * would add them (rows ascending, columns ascending within a row, headers too; cellXml puts
   * only non-empty texts through them). Called before writing, the writing adds nothing: the
   * numbering is then the same whatever else adds texts meanwhile (the output sheets, made beside
   * the patch). Every row from the first block's to the last is written, from the sheet or as
   * a missing row, so no text is left out; rows out of order in the sheet are numbered here in
   * ascending order rather than in the sheet's.
   * @example const p = new WorksheetPatcher(blocks, styles, false, sst); p.registerTexts(); for (const chunk of chunks) p.pushBytes(chunk, sink)
   * @throws nothing
   */
  registerTexts(): void {
    const strings = this.strings;
    if (strings === undefined) return;
    // A level word or reason on every row is escaped and looked up once (bounded, as textTails).
    const done = new Set<string>();
    const note = (v: WriteCell | undefined): void => {
      const text = typeof v === 'string' ? v : v !== null && typeof v === 'object' && 'text' in v ? v.text : '';
      if (text === '' || done.has(text)) return;
      strings.ref(cellString(text));
      if (done.size < 10000) done.add(text);
    };
    const only = this.blocks.length === 1 ? this.blocks[0] : undefined;
    if (only) {
      // One block (the usual case): its rows' cells are in cellsOf's order as they come, a
      // million rows read without cellsOf's copies.
      for (let i = 0; i < only.rows.length; i++) { const v = only.rows.row(i); for (let j = 0; j < v.length; j++) note(v[j]); }
      return;
    }
    for (let r = this.firstRow; r < this.endRow; r++) {
      const cells = this.cellsOf(r);
      if (cells) for (let i = 0; i < cells.n; i++) note(cells.values[i]);
    }
  }

  /** Column letters of our columns, made once (as text, and as bytes of a cell's start: '<c r="H'). */
  private readonly letters = new Map<number, string>();
  private readonly cellHeads = new Map<number, Uint8Array>();
  /**
   * The bytes after the reference of a plain text cell of ours ('" t="s"><v>12</v></c>'), by its
   * text: a reason or "Yes" on a million rows is escaped, looked up and encoded once. Bounded, so
   * texts that differ on every row (a dropped row's reason) do not pile up.
   */
  private readonly textTails = new Map<string, Uint8Array>();
  /** The digits of the row whose cells writeOurCell writes (digitsRow), made once for all of them. */
  private digitsRow = -1;
  private readonly digits = new Uint8Array(16);
  private nDigits = 0;
  /** Where the digits of the r= of the start tag plainRowStart read last end. */
  private rowDigitsEnd = 0;

  private ourCell(row: number, cells: RowCells, i: number): string {
    const col = cells.cols[i] as number;
    let letters = this.letters.get(col);
    if (letters === undefined) { letters = colName(col); this.letters.set(col, letters); }
    const ref = `${letters}${row + 1}`;
    return cellXml(ref, cells.values[i] ?? null, cells.header[i] ? this.styles.header : 0, this.date1904, this.prefix, this.strings);
  }

  /** Writes ourCell's bytes: a text (through the shared strings) or an empty cell without making its XML as a string. */
  private writeOurCell(row: number, cells: RowCells, i: number, out: ByteSink): void {
    const v = cells.values[i] ?? null;
    const strings = this.strings;
    // cellXml writes nothing for an empty cell without a style.
    if (!cells.header[i] && (v === null || v === '')) return;
    if (cells.header[i] || typeof v !== 'string' || strings === undefined) { out.text(this.ourCell(row, cells, i)); return; }
    const col = cells.cols[i] as number;
    // '<c r="' and the column's letters, in one piece.
    let head = this.cellHeads.get(col);
    if (head === undefined) { head = ascii(`<${this.prefix}c r="${colName(col)}`); this.cellHeads.set(col, head); }
    let tail = this.textTails.get(v);
    if (tail === undefined) {
      const p = this.prefix;
      tail = encoder.encode(`" t="s"><${p}v>${strings.ref(cellString(v))}</${p}v></${p}c>`);
      if (this.textTails.size < 10000) this.textTails.set(v, tail);
    }
    out.bytes(head);
    // The row's number, in digits made once a row (a row has a cell of ours in each status column).
    if (row !== this.digitsRow) { this.digitsRow = row; this.nDigits = decimalInto(this.digits, 0, row + 1); }
    out.bytes(this.digits, 0, this.nDigits);
    out.bytes(tail);
  }

  /** Rows of ours where the sheet has none, strictly between `from` and `to`. */
  private missingRows(from: number, to: number): string {
    let out = '';
    for (let r = Math.max(from + 1, this.firstRow); r < Math.min(to, this.endRow); r++) {
      const cells = this.cellsOf(r);
      if (!cells) continue;
      let xml = '';
      for (let i = 0; i < cells.n; i++) xml += this.ourCell(r, cells, i);
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
    const own = new Set(cells.cols.slice(0, cells.n));
    let out = '';
    let i = 0;
    for (const e of existing) {
      while (i < cells.n && (cells.cols[i] as number) < e.col) out += this.ourCell(row, cells, i++);
      if (!own.has(e.col)) out += e.xml;
    }
    while (i < cells.n) out += this.ourCell(row, cells, i++);
    const openTag = selfClosing ? `${open.slice(0, -2).trimEnd()}>` : open;
    return `${before}${openTag}${out}${extras}</${p}row>`;
  }

  /** Where the head of the sheet ends: the sheetData start tag, or undefined while it has not all come. */
  private headEnd(): { head: string; match: RegExpExecArray; rest: number } | undefined {
    for (let at = indexOfBytes(this.bytes, SHEET_DATA, 0); at >= 0; at = indexOfBytes(this.bytes, SHEET_DATA, at + 1)) {
      const gt = this.bytes.indexOf(62, at);
      if (gt < 0) return undefined;
      // Up to an ASCII '>' the bytes are whole characters: the head decodes as it is.
      const text = decoder.decode(this.bytes.subarray(0, gt + 1));
      const m = /<((?:\w+:)?)sheetData\b[^>]*?(\/?)>/.exec(text);
      if (m) return { head: text.slice(0, m.index), match: m, rest: gt + 1 };
    }
    return undefined;
  }

  /** The head phase: everything before sheetData, its dimension grown to cover our cells. */
  private pushHead(out: ByteSink): void {
    const found = this.headEnd();
    if (!found) {
      // Keep waiting, but never hold more than the head of a sheet could be.
      if (this.bytes.length > 64 * 1024 * 1024) throw new PatchError('xlsx.write.no-sheet-data', {});
      return;
    }
    const { head, match: m, rest } = found;
    this.prefix = m[1] ?? '';
    const p = this.prefix;
    this.marks = { rowOpen: ascii(`<${p}row`), rowClose: ascii(`</${p}row>`), dataClose: ascii(`</${p}sheetData>`), cellOpen: ascii(`<${p}c`), cellClose: ascii(`</${p}c>`), valueCellClose: ascii(`</${p}v></${p}c>`) };
    out.text(this.patchDimension(head));
    if (m[2] === '/') {
      out.text(`<${p}sheetData>${this.missingRows(-1, Number.MAX_SAFE_INTEGER)}</${p}sheetData>`);
      this.phase = 'tail';
    } else {
      out.text(m[0]);
      this.phase = 'rows';
    }
    this.bytes = this.bytes.subarray(rest);
  }

  /** The rows phase: each whole row patched, what is between rows copied; returns where it stopped. */
  private pushRows(out: ByteSink): void {
    const b = this.bytes;
    const { rowOpen, rowClose, dataClose } = this.marks;
    let pos = 0;
    for (;;) {
      const lt = b.indexOf(60, pos);
      if (lt < 0) { out.bytes(b, pos); pos = b.length; break; }
      if (bytesAt(b, lt, dataClose)) {
        out.bytes(b, pos, lt);
        out.text(this.missingRows(this.lastRow, Number.MAX_SAFE_INTEGER));
        out.bytes(dataClose);
        pos = lt + dataClose.length;
        this.phase = 'tail';
        break;
      }
      // Never read past the end (a chunk may end inside a tag): such a read deoptimises the function.
      const next = lt + rowOpen.length < b.length ? b[lt + rowOpen.length] : -1;
      if (bytesAt(b, lt, rowOpen) && (isXmlSpace(next) || next === 47 || next === 62)) {
        const gt = b.indexOf(62, lt);
        if (gt < 0) break;
        if (!this.rowsAsText && b[gt - 1] !== 47) {
          // Rows written as Excel writes them, none of whose cells is at or right of ours: copied whole.
          const copied = this.prefix === '' ? this.plainRow(b, lt, gt, out, pos) : -3;
          if (copied === -2) break;
          if (copied >= 0) { pos = copied; continue; }
          // Other rows Excel would write: scanned once, patched on their bytes.
          const scanned = this.scanRow(b, lt, gt);
          if (scanned === -2) break;
          if (scanned >= 0) {
            out.bytes(b, pos, lt);
            this.writeRow(b, lt, gt, scanned, out);
            pos = scanned;
            continue;
          }
        }
        let end: number;
        if (b[gt - 1] === 47) end = gt + 1;
        else {
          const close = indexOfBytes(b, rowClose, gt);
          if (close < 0) break;
          end = close + rowClose.length;
        }
        out.bytes(b, pos, lt);
        if (this.rowsAsText || !this.copyRow(b, lt, gt, end, out)) out.text(this.patchRow(decoder.decode(b.subarray(lt, end))));
        pos = end;
        continue;
      }
      // Something else (white space, a comment): wait until its end is here, then copy it.
      if (lt + rowOpen.length + 1 > b.length || lt + dataClose.length > b.length) break;
      const gt = b.indexOf(62, lt);
      if (gt < 0) break;
      out.bytes(b, pos, gt + 1);
      pos = gt + 1;
    }
    this.bytes = b.subarray(pos);
    if (this.bytes.length > 256 * 1024 * 1024) throw new PatchError('xlsx.write.row-too-large', {});
  }

  /** The row number (0-based) of a row's start tag [lt, gt] from its r= (digits only), or -1. */
  private rowNumber(b: Uint8Array, lt: number, gt: number): number {
    let rAt = lt + this.marks.rowOpen.length;
    // r= comes first as Excel writes it; anywhere in the tag otherwise.
    if (!bytesAt(b, rAt, R_ATTR)) rAt = indexOfBytes(b, R_ATTR, lt, gt);
    if (rAt < 0) return -1;
    let row = 0, i = rAt + R_ATTR.length;
    for (; i < gt && b[i] !== 34; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) return -1;
      row = row * 10 + d;
    }
    if (i === rAt + R_ATTR.length || b[i] !== 34) return -1;
    return row - 1;
  }

  /** A row of ours: its number, where its spans attribute is (-1: none), its cells ([col, start, end] each). */
  private rowNum = 0;
  private spanStart = -1;
  private spanEnd = -1;
  /** [col, start, end] of each cell of the row scanned, the first nFound entries (see scratch). */
  private found = new Int32Array(96);
  private nFound = 0;

  /**
   * Scans a row whose start tag is [lt, gt] (not self-closing), when it is written as Excel and
   * most writers write rows: r= on the row and on every cell, nothing but cells and white space
   * inside. Its number, spans and cells go to rowNum, spanStart/spanEnd and found. Returns the
   * row's end; -1 for a row written otherwise (patched as text), -2 when its end has not come yet.
   */
  private scanRow(b: Uint8Array, lt: number, gt: number): number {
    const plain = this.prefix === '';
    const row = plain ? this.plainRowStart(b, lt, gt) : -1;
    if (row < 0) {
      const general = this.rowNumber(b, lt, gt);
      if (general < 0 || !this.spansAt(b, lt, gt)) return -1;
      this.rowNum = general;
    } else this.rowNum = row;
    if (plain) {
      const quick = this.scanPlainCells(b, gt + 1);
      if (quick !== -3) return quick;
    }
    return this.scanCells(b, gt);
  }

  /**
   * rowNumber and spansAt at once, for a start tag [lt, gt] written as Excel writes it:
   * '<row r="7"', then '>' or ' spans="…"' first. -1 for any other (the pair then reads it,
   * and its answers are the ones that count); reads nothing past gt.
   */
  private plainRowStart(b: Uint8Array, lt: number, gt: number): number {
    let i = lt + 4;
    // ' r="'
    if (b[i] !== 32 || b[i + 1] !== 114 || b[i + 2] !== 61 || b[i + 3] !== 34) return -1;
    i += 4;
    const first = i;
    let row = 0;
    for (; i < gt; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) break;
      row = row * 10 + d;
    }
    if (i === first || i >= gt || b[i] !== 34 || row === 0) return -1;
    this.rowDigitsEnd = i;
    i++;
    this.spanStart = this.spanEnd = -1;
    if (i === gt) return row - 1;
    // ' spans="'
    if (i + 8 > gt || b[i] !== 32 || b[i + 1] !== 115 || b[i + 2] !== 112 || b[i + 3] !== 97 || b[i + 4] !== 110 || b[i + 5] !== 115 || b[i + 6] !== 61 || b[i + 7] !== 34) return -1;
    let q = i + 8;
    while (q < gt && b[q] !== 34) q++;
    if (q >= gt) return -1;
    this.spanStart = i;
    this.spanEnd = q + 1;
    return row - 1;
  }

  /**
   * The common row in one pass: a row whose start tag [lt, gt] plainRowStart reads, whose cells
   * (as scanPlainCells reads them) all lie left of our first column in it, is written as writeRow
   * writes it: the bytes before it from `pos`, the row copied without its spans, ours, '</row>'.
   * No cell is stored or compared: a million rows copied at the speed of one scan. Returns the
   * row's end; -2 when it has not all come; -3 for any other row (nothing written), which
   * scanRow reads from its start.
   */
  private plainRow(b: Uint8Array, lt: number, gt: number, out: ByteSink, pos: number): number {
    const row = this.plainRowStart(b, lt, gt);
    if (row < 0) return -3;
    let cells = this.cellsOf(row);
    const close = this.plainCellsEnd(b, gt + 1, cells !== undefined && cells.n > 0 ? (cells.cols[0] as number) : Number.MAX_SAFE_INTEGER);
    if (close < 0) return close;
    out.bytes(b, pos, lt);
    if (row > this.lastRow + 1) {
      out.text(this.missingRows(this.lastRow, row));
      // missingRows makes its rows' cells in the scratch that holds this row's.
      cells = this.cellsOf(row);
    }
    this.lastRow = Math.max(this.lastRow, row);
    const end = close + 6;
    if (!cells) { out.bytes(b, lt, end); return end; }
    // Our cells' references take the row's number as its start tag writes it (digits without a leading 0).
    const from = lt + 8, digits = this.rowDigitsEnd - from;
    if (b[from] !== 48 && digits <= 16) {
      for (let k = 0; k < digits; k++) this.digits[k] = b[from + k] as number;
      this.nDigits = digits;
      this.digitsRow = row;
    }
    if (this.spanStart >= 0) { out.bytes(b, lt, this.spanStart); out.bytes(b, this.spanEnd, close); } else out.bytes(b, lt, close);
    for (let k = 0; k < cells.n; k++) this.writeOurCell(row, cells, k, out);
    out.bytes(this.marks.rowClose);
    return end;
  }

  /** Stores a cell's [col, start, end] in found at `nf`, growing it when full. */
  private store(nf: number, col: number, start: number, end: number): void {
    let found = this.found;
    if (nf + 3 > found.length) { const more = new Int32Array(found.length * 2); more.set(found); this.found = found = more; }
    found[nf] = col; found[nf + 1] = start; found[nf + 2] = end;
  }

  /**
   * scanRow's cells from `pos` for a row written exactly as Excel writes it without a prefix:
   * '<c r="' opening each cell, cells back to back, '<v>…</v></c>' or '/>' ending them. Reads
   * each byte once with the markup's bytes as constants: the general loop (scanCells) costs
   * twice as much on a million rows. Returns as scanRow, or -3 where the row is written
   * otherwise, for scanCells to read from its start (its answers are the ones that count).
   */
  private scanPlainCells(b: Uint8Array, pos: number): number {
    const n = b.length;
    let nf = 0;
    for (;;) {
      if (pos + 6 > n) return -2;
      if (b[pos] !== 60) return -3;
      if (b[pos + 1] === 47) {
        // '</row>'
        if (b[pos + 2] !== 114 || b[pos + 3] !== 111 || b[pos + 4] !== 119 || b[pos + 5] !== 62) return -3;
        this.nFound = nf;
        return pos + 6;
      }
      const q = this.plainCellTag(b, pos);
      if (q < 0) return q;
      // '/>' ends it, else its end tag (cellEnd reads '<v>…</v></c>' first).
      const end = b[q - 1] === 47 ? q + 1 : this.cellEnd(b, q);
      if (end < 0) return end;
      this.store(nf, this.tagColumn - 1, pos, end);
      nf += 3;
      pos = end;
    }
  }

  /** The 1-based column of the cell whose start tag plainCellTag read last. */
  private tagColumn = 0;

  /**
   * A cell's start tag at `pos` (where a '<' is, with 6 bytes after it come) as Excel writes it
   * without a prefix: '<c r="' and its column's letters first. Returns where the tag's '>' is,
   * its column in tagColumn; -3 for a tag written otherwise (no such start, no letters, a '<'
   * before its end: no cell of ours to read), -2 when its end has not come yet.
   */
  private plainCellTag(b: Uint8Array, pos: number): number {
    const n = b.length;
    if (b[pos + 1] !== 99 || b[pos + 2] !== 32 || b[pos + 3] !== 114 || b[pos + 4] !== 61 || b[pos + 5] !== 34) return -3;
    let q = pos + 6, col = 0;
    for (; q < n; q++) {
      const c = (b[q] as number) & ~32;
      if (c < 65 || c > 90) break;
      col = col * 26 + (c - 64);
    }
    while (q < n && b[q] !== 62 && b[q] !== 60) q++;
    if (q >= n) return -2;
    if (b[q] === 60 || col === 0) return -3;
    this.tagColumn = col;
    return q;
  }

  /**
   * Where the '</row>' of a row without a prefix starts, its cells read from `pos` as
   * scanPlainCells reads them (plainCellTag's start tags back to back, each cell ended by '/>' or
   * by '</c>'). -3 when a cell is written otherwise, lies at or right of the 0-based column
   * `limit`, or holds a comment, CDATA, a processing instruction or '</row>' (its end then is not
   * what it seems); -2 when the row's end has not come yet. Nothing is stored: only the bytes
   * that decide that are read.
   */
  private plainCellsEnd(b: Uint8Array, pos: number, limit: number): number {
    const n = b.length;
    for (;;) {
      if (pos + 6 > n) return -2;
      if (b[pos] !== 60) return -3;
      if (b[pos + 1] === 47) return b[pos + 2] === 114 && b[pos + 3] === 111 && b[pos + 4] === 119 && b[pos + 5] === 62 ? pos : -3;
      let q = this.plainCellTag(b, pos);
      if (q < 0) return q;
      if (this.tagColumn > limit) return -3;
      if (b[q - 1] === 47) { pos = q + 1; continue; }
      // The cell's content up to its '</c>'.
      for (q++; ; q++) {
        while (q < n && b[q] !== 60) q++;
        if (q + 6 > n) return -2;
        const d = b[q + 1];
        if (d === 47) {
          if (b[q + 2] === 99 && b[q + 3] === 62) { pos = q + 4; break; }
          if (b[q + 2] === 114 && b[q + 3] === 111 && b[q + 4] === 119 && b[q + 5] === 62) return -3;
        } else if (d === 33 || d === 63) return -3;
      }
    }
  }

  /** scanRow's cells after the start tag ending at `gt`, however the row is written. */
  private scanCells(b: Uint8Array, gt: number): number {
    const { cellOpen, rowClose } = this.marks;
    let nf = 0;
    const n = b.length, openLen = cellOpen.length;
    let pos = gt + 1;
    for (;;) {
      while (pos < n && isXmlSpace(b[pos])) pos++;
      if (pos + rowClose.length > n) return -2;
      if (b[pos] !== 60) return -1;
      if (b[pos + 1] === 47) { this.nFound = nf; return bytesAt(b, pos, rowClose) ? pos + rowClose.length : -1; }
      const after = b[pos + openLen];
      if (!(isXmlSpace(after) || after === 47 || after === 62) || !bytesAt(b, pos, cellOpen)) return -1;
      // The start tag's end (a '<' first is no cell of ours to read).
      let tagEnd = pos + openLen;
      while (tagEnd < n && b[tagEnd] !== 62 && b[tagEnd] !== 60) tagEnd++;
      if (tagEnd >= n) return -2;
      if (b[tagEnd] === 60) return -1;
      const col = this.columnOf(b, pos, tagEnd);
      if (col <= 0) return -1;
      const cellEnd = b[tagEnd - 1] === 47 ? tagEnd + 1 : this.cellEnd(b, tagEnd);
      if (cellEnd < 0) return cellEnd;
      this.store(nf, col - 1, pos, cellEnd);
      nf += 3;
      pos = cellEnd;
    }
  }

  /** The 1-based column of a cell whose start tag is [pos, tagEnd] from its r= (first, as Excel writes it, or anywhere in the tag); 0 without one. */
  private columnOf(b: Uint8Array, pos: number, tagEnd: number): number {
    let rAt = pos + this.marks.cellOpen.length;
    if (!bytesAt(b, rAt, R_ATTR)) rAt = indexOfBytes(b, R_ATTR, pos, tagEnd);
    if (rAt < 0) return 0;
    let col = 0;
    for (let i = rAt + R_ATTR.length; i < tagEnd; i++) {
      const c = (b[i] as number) & ~32;
      if (c < 65 || c > 90) break;
      col = col * 26 + (c - 64);
    }
    return col;
  }

  /**
   * Where a cell whose start tag ends at `tagEnd` ends: past its end tag, the first one after its
   * start tag and before the row's. -1 when the row's comes first, -2 when it has not come yet.
   */
  private cellEnd(b: Uint8Array, tagEnd: number): number {
    const { cellClose, rowClose, valueCellClose } = this.marks;
    const n = b.length;
    // The common shape, <v>text</v></c>, checked in one piece.
    // (Only where those bytes have come: a read past the end deoptimises the function.)
    if (tagEnd + 4 + this.prefix.length <= n && b[tagEnd + 1] === 60 && b[tagEnd + 2 + this.prefix.length] === 118 && b[tagEnd + 3 + this.prefix.length] === 62) {
      let e = tagEnd + 4 + this.prefix.length;
      while (e < n && b[e] !== 60) e++;
      if (bytesAt(b, e, valueCellClose)) return e + valueCellClose.length;
    }
    for (let k = tagEnd + 1; ; k++) {
      while (k < n && b[k] !== 60) k++;
      if (k + cellClose.length > n) return -2;
      if (b[k + 1] !== 47) continue;
      if (bytesAt(b, k, cellClose)) return k + cellClose.length;
      if (k + rowClose.length > n) return -2;
      if (bytesAt(b, k, rowClose)) return -1;
    }
  }

  /**
   * Writes a row scanned by scanRow [lt, end), our cells put in: the same bytes as patchRow gives
   * for it. Input bytes that follow each other (the open tag, cells written without space between
   * them) are copied in one piece.
   */
  private writeRow(b: Uint8Array, lt: number, gt: number, end: number, out: ByteSink): void {
    const row = this.rowNum;
    // Rows of ours the sheet lacks, only where there is a gap (missingRows makes '' otherwise).
    if (row > this.lastRow + 1) out.text(this.missingRows(this.lastRow, row));
    this.lastRow = Math.max(this.lastRow, row);
    const cells = this.cellsOf(row);
    if (!cells) { out.bytes(b, lt, end); return; }
    // The run of input bytes waiting to be copied: [rs, re).
    let rs = lt, re = gt + 1;
    if (this.spanStart >= 0) { out.bytes(b, lt, this.spanStart); rs = this.spanEnd; }
    const found = this.found, nf = this.nFound, cols = cells.cols, n = cells.n;
    let k = 0;
    for (let e = 0; e < nf; e += 3) {
      const col = found[e] as number;
      if (k < n && (cols[k] as number) < col) {
        out.bytes(b, rs, re); rs = re = -1;
        while (k < n && (cols[k] as number) < col) this.writeOurCell(row, cells, k++, out);
      }
      // A cell at one of our columns is ours to write (any of them: cells may come unsorted).
      if (ours(cols, n, col)) continue;
      const start = found[e + 1] as number;
      if (start !== re) { out.bytes(b, rs, re); rs = start; }
      re = found[e + 2] as number;
    }
    out.bytes(b, rs, re);
    while (k < n) this.writeOurCell(row, cells, k++, out);
    out.bytes(this.marks.rowClose);
  }

  /**
   * A row without cells of ours whose start tag is read on its bytes (r= as digits): copied as it
   * is (returns true); false for any other row, which patchRow handles as text.
   */
  private copyRow(b: Uint8Array, lt: number, gt: number, end: number, out: ByteSink): boolean {
    if (b[gt - 1] === 47) return false;
    const row = this.rowNumber(b, lt, gt);
    if (row < 0) return false;
    if (this.cellsOf(row)) return false;
    out.text(this.missingRows(this.lastRow, row));
    this.lastRow = Math.max(this.lastRow, row);
    out.bytes(b, lt, end);
    return true;
  }

  /** Finds the row's spans attribute with its white space before (spanStart -1: none); false when it is written otherwise than patchRow expects. */
  private spansAt(b: Uint8Array, lt: number, gt: number): boolean {
    this.spanStart = this.spanEnd = -1;
    const at = indexOfBytes(b, SPANS, lt, gt);
    if (at < 0) return indexOfBytes(b, SPANS_NAME, lt, gt) < 0;
    const close = b.indexOf(34, at + SPANS.length);
    if (close < 0 || close > gt) return false;
    this.spanStart = at;
    this.spanEnd = close + 1;
    return true;
  }

  /**
   * Takes the next bytes of the sheet's XML and writes to `out` what can be written so far.
   * @example const out = new ByteSink(); for (const chunk of chunks) { patcher.pushBytes(chunk, out); await w.push(out.take()) } patcher.endBytes(out)
   * @throws PatchError when the sheet has no sheetData or a row is larger than 256 MB
   */
  pushBytes(chunk: Uint8Array, out: ByteSink): void {
    // Read as a plain Uint8Array, whatever subclass it comes as (Node's zlib gives Buffers): the
    // row loops call indexOf and subarray on it, and a Buffer's are other functions than a
    // Uint8Array's, so bytes of both kinds made the optimised loops deoptimise again and again
    // ("wrong call target": 46 times over a 200k-row sheet).
    if (Object.getPrototypeOf(chunk) !== Uint8Array.prototype) chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    const waiting = this.bytes.length;
    if (waiting === 0) { this.bytes = chunk; this.advance(out); return; }
    // The bytes waiting (the start of a row a chunk cut) join the chunk's first piece only, not
    // all of it: then the rest is read where it is, in the chunk, without a copy (a million-row
    // sheet comes in hundreds of 1 MB chunks, each cut inside a row).
    const piece = Math.min(chunk.length, JOIN_PIECE);
    this.bytes = joined(this.bytes, chunk.subarray(0, piece));
    this.advance(out);
    if (piece === chunk.length) return;
    const used = waiting + piece - this.bytes.length;
    // Past the waiting bytes, what is left of the piece lies in the chunk, just before the rest.
    this.bytes = used >= waiting ? chunk.subarray(used - waiting) : joined(this.bytes, chunk.subarray(piece));
    this.advance(out);
  }

  /** Writes what the bytes held so far allow, phase by phase. */
  private advance(out: ByteSink): void {
    if (this.phase === 'head') this.pushHead(out);
    if (this.phase === 'rows') this.pushRows(out);
    if (this.phase === 'tail') { out.bytes(this.bytes); this.bytes = EMPTY; }
  }

  /**
   * The rest, once the whole part has been pushed.
   * @throws PatchError when the sheet's sheetData never closed
   */
  endBytes(out: ByteSink): void {
    if (this.phase !== 'tail') throw new PatchError('xlsx.write.sheet-data-unclosed', {});
    out.bytes(this.bytes);
    this.bytes = EMPTY;
  }

  /**
   * Takes the next piece of the sheet's XML as text and returns what can be written so far.
   * @example let out = ""; for (const piece of pieces) out += patcher.push(piece); out += patcher.end()
   * @throws PatchError as pushBytes
   */
  push(text: string): string {
    const out = new ByteSink(text.length * 3 + 1024);
    this.pushBytes(encoder.encode(text), out);
    return this.textDecoder.decode(out.take(), { stream: true });
  }

  /** The rest as text, once the whole part has been pushed. @throws PatchError as endBytes */
  end(): string {
    const out = new ByteSink(this.bytes.length + 16);
    this.endBytes(out);
    return this.textDecoder.decode(out.take());
  }
}
