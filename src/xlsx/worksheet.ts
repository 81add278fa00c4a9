/**
 * One worksheet of the input streamed through the patch: our status cells put into its rows
 * (replacing the ones a previous run wrote), nothing else in the sheet changed. Memory stays one
 * chunk of the part at a time.
 */
import { attr, cellXml, colIndex, colName, type OutStyles } from './sheetxml';
import { PatchError } from './plan';
import type { StatusColumnsSource, WriteCell } from './model';
import type { SharedStrings } from './sst';

/** The status cells one row gets: by 0-based column, ascending. */
interface RowCells { cols: number[]; values: WriteCell[]; header: boolean[] }

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
  constructor(private readonly blocks: readonly StatusColumnsSource[], private readonly styles: OutStyles, private readonly date1904: boolean, private readonly strings?: SharedStrings) {
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

