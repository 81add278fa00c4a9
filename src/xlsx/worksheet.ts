/**
 * One worksheet of the input streamed through the patch: our status cells put into its rows
 * (replacing the ones a previous run wrote), nothing else in the sheet changed. Memory stays one
 * chunk of the part at a time.
 */
import { columnIndex as colIndex, columnLetters as colName } from '../cells';
import { attr, cellXml, type OutStyles } from './sheetxml';
import { PatchError } from './plan';
import type { StatusColumnsSource, WriteCell } from './model';
import type { SharedStrings } from './sst';
import { ByteSink, ascii, bytesAt, indexOfBytes, isXmlSpace } from './bytebuf';

const EMPTY: Uint8Array = new Uint8Array(0);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SHEET_DATA = ascii('sheetData');
const R_ATTR = ascii(' r="');
const SPANS = ascii(' spans="');
const SPANS_NAME = ascii('spans=');

/** The status cells one row gets: by 0-based column, ascending. */
interface RowCells { cols: number[]; values: WriteCell[]; header: boolean[] }

/**
 * Streams one worksheet's XML, putting the status columns of `blocks` into their rows: cells at
 * those columns are replaced (or removed when ours is empty), missing rows are added in order,
 * cells and rows without the optional r= get one, and the dimension grows to cover our cells.
 * @example const p = new WorksheetPatcher(blocks, styles, false, sst); for (const chunk of chunks) p.pushBytes(chunk, sink); p.endBytes(sink)
 * @throws PatchError from pushBytes/endBytes (and push/end) when the sheet has no sheetData, a row is larger than 256 MB, or sheetData never closes
 */
export class WorksheetPatcher {
  private bytes: Uint8Array = EMPTY;
  private marks: Record<'rowOpen' | 'rowClose' | 'dataClose' | 'cellOpen' | 'cellClose', Uint8Array> = { rowOpen: EMPTY, rowClose: EMPTY, dataClose: EMPTY, cellOpen: EMPTY, cellClose: EMPTY };
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

  /** Column letters of our columns, made once. */
  private readonly letters = new Map<number, string>();

  private ourCell(row: number, cells: RowCells, i: number): string {
    const col = cells.cols[i] as number;
    let letters = this.letters.get(col);
    if (letters === undefined) { letters = colName(col); this.letters.set(col, letters); }
    const ref = `${letters}${row + 1}`;
    return cellXml(ref, cells.values[i] ?? null, cells.header[i] ? this.styles.header : 0, this.date1904, this.prefix, this.strings);
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
    this.marks = { rowOpen: ascii(`<${p}row`), rowClose: ascii(`</${p}row>`), dataClose: ascii(`</${p}sheetData>`), cellOpen: ascii(`<${p}c`), cellClose: ascii(`</${p}c>`) };
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
      const next = b[lt + rowOpen.length];
      if (bytesAt(b, lt, rowOpen) && (isXmlSpace(next) || next === 47 || next === 62)) {
        const gt = b.indexOf(62, lt);
        if (gt < 0) break;
        let end: number;
        if (b[gt - 1] === 47) end = gt + 1;
        else {
          const close = indexOfBytes(b, rowClose, gt);
          if (close < 0) break;
          end = close + rowClose.length;
        }
        out.bytes(b, pos, lt);
        if (this.rowsAsText || !this.patchRowBytes(b, lt, gt, end, out)) out.text(this.patchRow(decoder.decode(b.subarray(lt, end))));
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

  /**
   * One row patched on its bytes, when it is written as Excel and most writers write rows:
   * r= on the row and on every cell, nothing but cells and white space inside. Writes it and
   * returns true; false (nothing written) for any other row, which patchRow handles as text.
   * Gives the same bytes as patchRow.
   */
  private patchRowBytes(b: Uint8Array, lt: number, gt: number, end: number, out: ByteSink): boolean {
    if (b[gt - 1] === 47) return false;
    const rAt = indexOfBytes(b, R_ATTR, lt, gt);
    if (rAt < 0) return false;
    let row = 0, i = rAt + R_ATTR.length;
    for (; i < gt && b[i] !== 34; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) return false;
      row = row * 10 + d;
    }
    if (i === rAt + R_ATTR.length || b[i] !== 34) return false;
    row -= 1;
    const cells = this.cellsOf(row);
    const existing = cells ? this.cellsIn(b, gt + 1, end - this.marks.rowClose.length) : [];
    if (existing === undefined) return false;
    const spans = cells ? this.spansAt(b, lt, gt) : undefined;
    if (spans === null) return false;
    out.text(this.missingRows(this.lastRow, row));
    this.lastRow = Math.max(this.lastRow, row);
    if (!cells) { out.bytes(b, lt, end); return true; }
    // Input bytes that follow each other (the open tag, cells written without space between
    // them) are copied in one go.
    let runStart = lt, runEnd = lt;
    const keep = (start: number, end: number): void => {
      if (start !== runEnd) { out.bytes(b, runStart, runEnd); runStart = start; }
      runEnd = end;
    };
    if (spans) { keep(lt, spans[0]); keep(spans[1], gt + 1); } else keep(lt, gt + 1);
    const own = new Set(cells.cols);
    let k = 0, ours = '';
    for (let e = 0; e < existing.length; e += 3) {
      const col = existing[e] as number;
      while (k < cells.cols.length && (cells.cols[k] as number) < col) ours += this.ourCell(row, cells, k++);
      if (ours !== '') { out.bytes(b, runStart, runEnd); runStart = runEnd = -1; out.text(ours); ours = ''; }
      if (!own.has(col)) keep(existing[e + 1] as number, existing[e + 2] as number);
    }
    out.bytes(b, runStart, runEnd);
    while (k < cells.cols.length) ours += this.ourCell(row, cells, k++);
    out.text(ours);
    out.bytes(this.marks.rowClose);
    return true;
  }

  /** The row's spans attribute [start, end) with its white space before, none, or null when it is written otherwise than patchRow expects. */
  private spansAt(b: Uint8Array, lt: number, gt: number): [number, number] | undefined | null {
    const at = indexOfBytes(b, SPANS, lt, gt);
    if (at < 0) return indexOfBytes(b, SPANS_NAME, lt, gt) < 0 ? undefined : null;
    const close = b.indexOf(34, at + SPANS.length);
    if (close < 0 || close > gt) return null;
    return [at, close + 1];
  }

  /**
   * The cells of a row body [start, end): column, start and end of each, in a flat list; or
   * undefined when the body holds anything but cells with r= and white space.
   */
  private cellsIn(b: Uint8Array, start: number, end: number): number[] | undefined {
    const { cellOpen, cellClose } = this.marks;
    const found: number[] = [];
    let pos = start;
    for (;;) {
      while (pos < end && isXmlSpace(b[pos])) pos++;
      if (pos >= end) return found;
      const after = b[pos + cellOpen.length];
      if (!bytesAt(b, pos, cellOpen) || !(isXmlSpace(after) || after === 47 || after === 62)) return undefined;
      const gt = b.indexOf(62, pos);
      if (gt < 0 || gt >= end) return undefined;
      let cellEnd = gt + 1;
      if (b[gt - 1] !== 47) {
        const close = indexOfBytes(b, cellClose, gt, end);
        if (close < 0) return undefined;
        cellEnd = close + cellClose.length;
      }
      const rAt = indexOfBytes(b, R_ATTR, pos, gt);
      if (rAt < 0) return undefined;
      let col = 0, i = rAt + R_ATTR.length;
      for (; i < gt; i++) {
        const c = (b[i] as number) & ~32;
        if (c < 65 || c > 90) break;
        col = col * 26 + (c - 64);
      }
      if (col === 0) return undefined;
      found.push(col - 1, pos, cellEnd);
      pos = cellEnd;
    }
  }

  /**
   * Takes the next bytes of the sheet's XML and writes to `out` what can be written so far.
   * @example const out = new ByteSink(); for (const chunk of chunks) { patcher.pushBytes(chunk, out); await w.push(out.take()) } patcher.endBytes(out)
   * @throws PatchError when the sheet has no sheetData or a row is larger than 256 MB
   */
  pushBytes(chunk: Uint8Array, out: ByteSink): void {
    if (this.bytes.length === 0) this.bytes = chunk;
    else if (chunk.length > 0) {
      const joined = new Uint8Array(this.bytes.length + chunk.length);
      joined.set(this.bytes); joined.set(chunk, this.bytes.length);
      this.bytes = joined;
    }
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
