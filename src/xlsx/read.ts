/**
 * Our .xlsx reader, for the CLI and the task pane outside Excel alike (no Node APIs): bytes in,
 * the `sheets` layer's WorkbookInput out. Each worksheet is inflated as a stream and scanned by
 * hand as it arrives (a tight loop of indexOf over the SpreadsheetML we need: rows, cells, values,
 * inline and shared strings), so memory grows with the cells found, never with the XML, and a
 * million-row sheet costs little more than inflating it.
 *
 * What it understands: sheet names and tab order from the workbook part and its relationships
 * (relative or absolute targets, any part order in the zip), the 1904 date system, shared strings
 * (rich text runs joined, phonetic runs left out), inline strings, numbers, booleans, errors,
 * formula results, dates from the cell's style, cells and rows without their optional r=, any
 * namespace prefix, XML entities and character references. What it refuses, as an XlsxError
 * with one clear message: anything that is not a zip, damaged zips, zip bombs, malformed XML,
 * encrypted workbooks, .xls and .ods files.
 */
import type { Cell, SheetInput, WorkbookInput } from '../sheets';
import { XlsxError } from './errors';
import { dateStyles } from './styles';
import { Package, relOfType } from './package';
import { attrs, decodeXml, eachElement, looksLikeXml } from './xml';
import { inflateEntry, isOpenDocument, type InflateBudget, type InflateLimits, type ZipEntry } from './zip';

/** How to read. */
export interface XlsxReadOptions {
  /**
   * Called with the rows read so far and the fraction of the worksheets' compressed bytes read,
   * every `progressEvery` rows (default 50,000).
   */
  readonly progress?: ((rowsRead: number, fraction: number) => void) | undefined;
  readonly progressEvery?: number | undefined;
  /** Zip bomb limits (tests use small ones). */
  readonly limits?: InflateLimits | undefined;
  /**
   * Sheets not to read (left out of the result): the CLI skips the output sheets of an earlier
   * run, which are never input and at a million rows hold hundreds of thousands of cells.
   */
  readonly skipSheet?: ((name: string) => boolean) | undefined;
}

/** The most text kept waiting for one element to complete: no cell legitimately comes near. */
const MAX_PENDING = 16 * 1024 * 1024;
/** Excel's last row. */
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

// Cell types (the t= attribute).
const T_NUMBER = 0, T_SHARED = 1, T_STR = 2, T_INLINE = 3, T_BOOL = 4, T_ERROR = 5, T_DATE = 6;

/** Column letters of a 0-based column. @example columnName(27) === "AB" */
function columnName(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const isNameEnd = (c: number): boolean => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13 || c !== c;

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number written in s[from, to), without making a string: plain decimals of up to 15
 * digits are an exact integer divided by an exact power of ten, which rounds exactly as
 * Number() does; anything else (exponents, long mantissas, junk) goes through Number().
 */
function parseNumber(s: string, from: number, to: number): number {
  let k = from, neg = false;
  if (s.charCodeAt(k) === 45) { neg = true; k++; }
  let m = 0, digits = 0, scale = 0, dot = false;
  for (; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (dot) scale++;
    } else if (c === 46 && !dot) dot = true;
    else return Number(s.slice(from, to));
  }
  if (digits === 0 || digits > 15) return Number(s.slice(from, to));
  const v = scale === 0 ? m : m / (POW10[scale] as number);
  return neg ? -v : v;
}

/** A part being scanned as text arrives; returns how much of `s` it consumed. */
interface PartScanner {
  scan(s: string, final: boolean): number;
  /** True once the part's content of interest has been read (the rest is skipped). */
  readonly done: boolean;
}

/** Skips a comment, processing instruction, CDATA or doctype at `lt`; -1 when it is incomplete. */
function skipSpecial(s: string, lt: number): number {
  const close = s.charCodeAt(lt + 1) === 63 ? '?>' : s.startsWith('<!--', lt) ? '-->' : s.startsWith('<![CDATA[', lt) ? ']]>' : '>';
  const e = s.indexOf(close, lt + 2);
  return e < 0 ? -1 : e + close.length;
}

/**
 * The joined text of the <t> elements in s[from, to) outside phonetic runs (<rPh>): a shared or
 * inline string, plain or rich.
 */
function richText(s: string, from: number, to: number, part: string): string {
  // The common case first: <t>text</t> or <t xml:space="preserve">text</t> alone.
  let out = '';
  let k = from;
  for (;;) {
    const lt = s.indexOf('<', k);
    if (lt < 0 || lt >= to) break;
    let i = lt + 1;
    const closing = s.charCodeAt(i) === 47;
    if (closing) i++;
    let local = i;
    for (; !isNameEnd(s.charCodeAt(i)); i++) if (s.charCodeAt(i) === 58) local = i + 1;
    const gt = s.indexOf('>', i);
    if (gt < 0 || gt >= to || i === local) throw new XlsxError('malformed-xml', { part });
    const len = i - local;
    if (!closing && s.charCodeAt(gt - 1) !== 47) {
      if (len === 1 && s.charCodeAt(local) === 116) {
        const end = s.indexOf('<', gt + 1);
        if (end < 0 || end > to) throw new XlsxError('malformed-xml', { part });
        out += s.slice(gt + 1, end);
        k = end;
        continue;
      }
      if (len === 3 && s.startsWith('rPh', local)) {
        const close = `</${s.slice(lt + 1, i)}>`;
        const end = s.indexOf(close, gt + 1);
        if (end < 0 || end >= to) throw new XlsxError('malformed-xml', { part });
        k = end + close.length;
        continue;
      }
    }
    k = gt + 1;
  }
  return out.indexOf('&') >= 0 || out.indexOf('_x') >= 0 ? decodeXml(out) : out;
}

/** Reads the shared string table (<sst><si>...</si>...</sst>). */
class SharedStrings implements PartScanner {
  readonly strings: string[] = [];
  done = false;
  constructor(private readonly part: string) {}

  scan(s: string, final: boolean): number {
    let p = 0;
    for (;;) {
      const lt = s.indexOf('<', p);
      if (lt < 0) return s.length;
      let i = lt + 1;
      const c0 = s.charCodeAt(i);
      if (c0 === 63 || c0 === 33) {
        const e = skipSpecial(s, lt);
        if (e < 0) return lt;
        p = e;
        continue;
      }
      const closing = c0 === 47;
      if (closing) i++;
      let local = i;
      for (; !isNameEnd(s.charCodeAt(i)); i++) if (s.charCodeAt(i) === 58) local = i + 1;
      if (i >= s.length) return lt;
      if (i === local) throw new XlsxError('malformed-xml', { part: this.part });
      const gt = s.indexOf('>', i);
      if (gt < 0) return lt;
      const len = i - local;
      if (!closing && len === 2 && s.charCodeAt(local) === 115 && s.charCodeAt(local + 1) === 105) {
        if (s.charCodeAt(gt - 1) === 47) { this.strings.push(''); p = gt + 1; continue; }
        const close = local === lt + 1 ? '</si>' : `</${s.slice(lt + 1, i)}>`;
        const end = s.indexOf(close, gt + 1);
        if (end < 0) {
          if (final) throw new XlsxError('malformed-xml', { part: this.part });
          return lt;
        }
        this.strings.push(richText(s, gt + 1, end, this.part));
        p = end + close.length;
        continue;
      }
      if (closing && len === 3 && s.startsWith('sst', local)) { this.done = true; return s.length; }
      p = gt + 1;
    }
  }
}

/** Scans one worksheet's <sheetData> into rows of cells. */
class SheetScanner implements PartScanner {
  readonly values: Cell[][] = [];
  done = false;
  private row = -1;
  private col = -1;
  private cur: Cell[] | null = null;
  private readonly dates = new Map<number, Cell>();
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly part: string,
    private readonly sheet: string,
    private readonly shared: readonly string[],
    private readonly dateStyle: Uint8Array,
    private readonly date1904: boolean,
    private readonly onRow: () => void,
  ) {}

  private malformed(): XlsxError {
    return new XlsxError('malformed-xml', { part: this.part });
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
    let p = 0;
    const n = s.length;
    for (;;) {
      const lt = s.indexOf('<', p);
      if (lt < 0) return n;
      let i = lt + 1;
      if (i >= n) return lt;
      let c = s.charCodeAt(i);
      if (c === 63 || c === 33) {
        const e = skipSpecial(s, lt);
        if (e < 0) return lt;
        p = e;
        continue;
      }
      const closing = c === 47;
      if (closing) i++;
      let local = i;
      for (;; i++) {
        c = s.charCodeAt(i);
        if (c === 58) local = i + 1;
        else if (isNameEnd(c)) break;
      }
      if (i >= n) return lt;
      if (i === local) throw this.malformed();
      const gt = s.indexOf('>', i);
      if (gt < 0) return lt;
      const len = i - local;
      const ch = s.charCodeAt(local);
      if (closing) {
        if (len === 9 && s.startsWith('sheetData', local)) { this.done = true; return n; }
        p = gt + 1;
        continue;
      }
      const selfClose = s.charCodeAt(gt - 1) === 47;
      if (len === 1 && ch === 99) {
        // <c r="B2" s="3" t="s"> : attributes read in place, without slicing.
        let col = -1, style = 0, type = T_NUMBER;
        for (let j = i; j < gt;) {
          const eq = s.indexOf('=', j);
          if (eq < 0 || eq > gt) break;
          let vs = eq + 1;
          while (s.charCodeAt(vs) === 32) vs++;
          const quote = s.charCodeAt(vs);
          const ve = s.indexOf(quote === 39 ? "'" : '"', vs + 1);
          if (ve < 0 || ve > gt) throw this.malformed();
          let ne = eq;
          while (s.charCodeAt(ne - 1) === 32) ne--;
          if (s.charCodeAt(ne - 2) <= 32) {
            const a = s.charCodeAt(ne - 1);
            if (a === 114) {
              col = 0;
              for (let k = vs + 1; k < ve; k++) {
                const l = s.charCodeAt(k);
                if (l < 65 || l > 90) break;
                col = col * 26 + (l - 64);
              }
              col -= 1;
            } else if (a === 115) {
              style = 0;
              for (let k = vs + 1; k < ve; k++) style = style * 10 + (s.charCodeAt(k) - 48);
            } else if (a === 116) {
              const t0 = s.charCodeAt(vs + 1), tl = ve - vs - 1;
              type = t0 === 115 ? (tl === 1 ? T_SHARED : T_STR) : t0 === 105 ? T_INLINE : t0 === 98 ? T_BOOL : t0 === 101 ? T_ERROR : t0 === 100 ? T_DATE : T_NUMBER;
            }
          }
          j = ve + 1;
        }
        if (col < 0) col = this.col + 1;
        if (col >= MAX_COLS || this.cur === null) throw this.malformed();
        this.col = col;
        if (selfClose) { p = gt + 1; continue; }
        // The common shape, <v>text</v></c> right after the start tag, without searching.
        if (type !== T_INLINE && s.charCodeAt(gt + 1) === 60 && s.charCodeAt(gt + 2) === 118 && s.charCodeAt(gt + 3) === 62) {
          const ve = s.indexOf('<', gt + 4);
          if (ve < 0) {
            if (final) throw this.malformed();
            return lt;
          }
          if (s.startsWith('</v></c>', ve)) {
            const v = this.raw(s, gt + 4, ve, type, style);
            if (v !== null) {
              const row = this.cur;
              while (row.length < col) row.push(null);
              row[col] = v;
            }
            p = ve + 8;
            continue;
          }
        }
        const close = local === lt + 1 ? '</c>' : `</${s.slice(lt + 1, i)}>`;
        const end = s.indexOf(close, gt + 1);
        if (end < 0) {
          if (final) throw this.malformed();
          return lt;
        }
        const v = this.value(s, gt + 1, end, type, style, local === lt + 1 ? '' : s.slice(lt + 1, local));
        if (v !== null) {
          const row = this.cur;
          while (row.length < col) row.push(null);
          row[col] = v;
        }
        p = end + close.length;
        continue;
      }
      if (len === 3 && ch === 114 && s.charCodeAt(local + 1) === 111 && s.charCodeAt(local + 2) === 119) {
        let r = 0;
        for (let j = i; j < gt;) {
          const eq = s.indexOf('=', j);
          if (eq < 0 || eq > gt) break;
          let vs = eq + 1;
          while (s.charCodeAt(vs) === 32) vs++;
          const quote = s.charCodeAt(vs);
          const ve = s.indexOf(quote === 39 ? "'" : '"', vs + 1);
          if (ve < 0 || ve > gt) throw this.malformed();
          let ne = eq;
          while (s.charCodeAt(ne - 1) === 32) ne--;
          if (s.charCodeAt(ne - 1) === 114 && s.charCodeAt(ne - 2) <= 32) {
            for (let k = vs + 1; k < ve; k++) r = r * 10 + (s.charCodeAt(k) - 48);
          }
          j = ve + 1;
        }
        const row = r > 0 ? r - 1 : this.row + 1;
        if (row >= MAX_ROWS) throw this.malformed();
        this.row = row;
        this.col = -1;
        this.cur = this.values[row] ??= [];
        this.onRow();
        p = gt + 1;
        continue;
      }
      if (selfClose && len === 9 && s.startsWith('sheetData', local)) { this.done = true; return n; }
      p = gt + 1;
    }
  }

  /** The value of the cell whose content is s[from, to). */
  private value(s: string, from: number, to: number, type: number, style: number, prefix: string): Cell {
    if (type === T_INLINE) return this.own(richText(s, from, to, this.part));
    const open = prefix === '' ? '<v' : `<${prefix}v`;
    let k = s.indexOf(open, from);
    while (k >= 0 && k < to && !isNameEnd(s.charCodeAt(k + open.length))) k = s.indexOf(open, k + 1);
    if (k < 0 || k >= to) return null; // a formula without a cached result, or a styled empty cell
    const gt = s.indexOf('>', k);
    if (s.charCodeAt(gt - 1) === 47) return type === T_STR ? '' : null;
    const end = s.indexOf('<', gt + 1);
    if (end < 0 || end > to) throw this.malformed();
    return this.raw(s, gt + 1, end, type, style);
  }

  /** The value of a cell of type `type` and style `style` whose <v> text is s[from, to). */
  private raw(s: string, from: number, to: number, type: number, style: number): Cell {
    if (type === T_SHARED) {
      let index = 0;
      for (let k = from; k < to; k++) {
        const d = s.charCodeAt(k) - 48;
        if (d < 0 || d > 9) { index = -1; break; }
        index = index * 10 + d;
      }
      const text = from < to && index >= 0 ? this.shared[index] : undefined;
      if (text === undefined) {
        throw new XlsxError('shared-string', { cell: `${columnName(this.col)}${this.row + 1}`, sheet: this.sheet, index: s.slice(from, to).trim(), count: this.shared.length });
      }
      return text;
    }
    if (type === T_NUMBER) {
      if (from === to) return null;
      const num = parseNumber(s, from, to);
      if (num !== num) return decodeXml(s.slice(from, to));
      return style < this.dateStyle.length && this.dateStyle[style] === 1 ? this.toDate(num) : num;
    }
    const raw = s.slice(from, to);
    switch (type) {
      case T_STR: return this.own(raw.indexOf('&') >= 0 || raw.indexOf('_x') >= 0 ? decodeXml(raw) : raw);
      case T_BOOL: return raw === '1' || raw === 'true';
      case T_ERROR: return { error: decodeXml(raw) };
      case T_DATE: {
        const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) || raw.length <= 10 ? raw : `${raw}Z`);
        return Number.isNaN(d.getTime()) ? raw : d;
      }
      default: return null;
    }
  }

  /**
   * A serial shown as a date, as a Date at UTC midnight (plus its time of day), the way Excel
   * readers hand dates over. In the 1900 system, serials before 61 stay numbers so the sheets
   * layer can report serial 60 (1900-02-29, a day that never was). Dates repeat (months, days
   * of a year), so each distinct serial gets one Date.
   */
  private toDate(serial: number): Cell {
    if (!this.date1904 && serial < 61) return serial;
    let d = this.dates.get(serial);
    if (d === undefined) {
      d = new Date(Math.round((serial - 25569 + (this.date1904 ? 1462 : 0)) * 86400000));
      this.dates.set(serial, d);
    }
    return d;
  }
}

/** Streams a part through a scanner; throws when its XML is not complete and well-formed enough. */
function scanPart(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, scanner: PartScanner, onInput?: (consumed: number) => void): void {
  let decoder: TextDecoder | null = null;
  let carry = '';
  let started = false;
  inflateEntry(bytes, entry, budget, (chunk, final) => {
    if (scanner.done) return;
    // UTF-16 parts are rare but valid XML; their byte order mark says so.
    decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : 'utf-8');
    const text = carry + decoder.decode(chunk, { stream: !final });
    if (!started) {
      const first = text.search(/[^\s\uFEFF]/);
      if (first >= 0) {
        started = true;
        if (text.charCodeAt(first) !== 60) throw new XlsxError('malformed-xml', { part: entry.name });
      }
    }
    const used = scanner.scan(text, final);
    carry = used < text.length ? text.slice(used) : '';
    if (carry.length > MAX_PENDING) throw new XlsxError('malformed-xml', { part: entry.name });
  }, onInput);
  if (!scanner.done) throw new XlsxError('malformed-xml', { part: entry.name });
}

/**
 * Reads an .xlsx (or .xlsm) workbook's sheets, in tab order, from its bytes.
 * Throws XlsxError when the bytes are not a readable workbook.
 * @example const input = readXlsxBytes(new Uint8Array(await file.arrayBuffer())); input.sheets[0].name
 */
export function readXlsxBytes(bytes: Uint8Array, options: XlsxReadOptions = {}): WorkbookInput {
  if (bytes.length === 0) throw new XlsxError('empty');
  const pkg = new Package(bytes, options.limits);
  if (isOpenDocument(bytes, pkg.find('mimetype'))) throw new XlsxError('ods');
  if (pkg.find('EncryptedPackage')) throw new XlsxError('encrypted');
  const budget = pkg.budget;

  const rootRels = pkg.relationships('');
  const workbookPart = relOfType(rootRels, '/officeDocument')?.target ?? 'xl/workbook.xml';
  const workbookEntry = pkg.find(workbookPart);
  if (!workbookEntry) throw new XlsxError('not-xlsx', { part: workbookPart });
  const workbookXml = pkg.text(workbookEntry);
  if (!looksLikeXml(workbookXml, 'workbook')) throw new XlsxError('malformed-xml', { part: workbookEntry.name });
  let date1904 = false;
  eachElement(workbookXml, 'workbookPr', (tag) => {
    const v = attrs(tag).date1904;
    date1904 = v === '1' || v === 'true';
  });
  const rels = pkg.relationships(workbookEntry.name);

  const stylesRel = relOfType(rels, '/styles');
  const stylesEntry = pkg.find(stylesRel?.target ?? 'xl/styles.xml');
  let dateStyle: Uint8Array = new Uint8Array(0);
  if (stylesEntry) {
    const xml = pkg.text(stylesEntry);
    if (!looksLikeXml(xml, 'styleSheet')) throw new XlsxError('malformed-xml', { part: stylesEntry.name });
    dateStyle = dateStyles(xml);
  }

  const sstRel = relOfType(rels, '/sharedStrings');
  const sstEntry = pkg.find(sstRel?.target ?? 'xl/sharedStrings.xml');
  let shared: readonly string[] = [];
  if (sstEntry) {
    const sst = new SharedStrings(sstEntry.name);
    scanPart(bytes, sstEntry, budget, sst);
    shared = sst.strings;
  }

  // The worksheets to read, in tab order (chart, dialog and macro sheets have no cells).
  const parts: { name: string; entry: ZipEntry }[] = [];
  let index = 0;
  const tags: string[] = [];
  eachElement(workbookXml, 'sheet', (tag) => tags.push(tag));
  for (const tag of tags) {
    index++;
    const a = attrs(tag);
    const rel = a.id !== undefined ? rels.get(a.id) : undefined;
    if (rel && !rel.type.endsWith('/worksheet')) continue;
    const partName = rel?.target ?? `xl/worksheets/sheet${index}.xml`;
    const entry = pkg.find(partName);
    if (!entry) throw new XlsxError('not-xlsx', { part: partName });
    const name = a.name ?? `Sheet${index}`;
    if (options.skipSheet?.(name) === true) continue;
    parts.push({ name, entry });
  }

  // Progress: rows read, and the share of the worksheets' compressed bytes inflated so far.
  const totalBytes = parts.reduce((n, p) => n + p.entry.compressedSize, 0) || 1;
  let doneBytes = 0, partBytes = 0, rowsRead = 0;
  const every = options.progressEvery ?? 50000;
  const progress = options.progress;
  const onRow = progress
    ? (): void => { if (++rowsRead % every === 0) progress(rowsRead, Math.min(1, (doneBytes + partBytes) / totalBytes)); }
    : (): void => { rowsRead++; };
  const onInput = (consumed: number): void => { partBytes = consumed; };

  const sheets: SheetInput[] = [];
  for (const { name, entry } of parts) {
    const scanner = new SheetScanner(entry.name, name, shared, dateStyle, date1904, onRow);
    partBytes = 0;
    scanPart(bytes, entry, budget, scanner, onInput);
    doneBytes += entry.compressedSize;
    const values = scanner.values;
    for (let r = 0; r < values.length; r++) values[r] ??= [];
    sheets.push({ name, values });
  }
  return { sheets, date1904 };
}
