/**
 * Delimited text files (CSV, TSV, Excel's "Unicode Text") as sheets of text cells, the same way
 * wherever the bytes come from: the CLI reads them from disk, the task pane's worker from files
 * chosen or dropped in the browser. Encodings and delimiters are decided from the bytes (see
 * decodeText and sniffDelimiter), so a European Excel's "Müller;1.234,50" reads as Excel shows it.
 * No file system here: callers pass bytes and a file name.
 */
import { parse as parseSync } from 'csv-parse/sync';
import { LocalizedError } from '../i18n';
import type { SheetInput } from './cells';
import { isOutputSheet } from './read';

/** The text encodings a delimited file is read in. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The reasons delimited text cannot be read. */
export type DelimitedMessageKey = 'cli.error.quoteNotClosed' | 'cli.error.unreadableCsv' | 'cli.error.unreadableTsv';

/**
 * Delimited text that cannot be read as a table, with its message key (the CLI's wording) and
 * parameters, so each adapter says it in the user's language.
 * @example new DelimitedError("cli.error.quoteNotClosed", { file: "x.csv", line: 3 }).describe("de-DE")
 */
export class DelimitedError<K extends DelimitedMessageKey = DelimitedMessageKey> extends LocalizedError<K> {}

/**
 * Decodes a text file's bytes: a byte order mark decides (UTF-8, UTF-16LE as Excel's "Unicode
 * Text" writes, UTF-16BE); without one, UTF-16 is recognised by its zero bytes, then UTF-8 is
 * tried strictly, and bytes that are not valid UTF-8 are Windows-1252 (what Excel on Windows
 * writes as "CSV"), so "Müller" survives instead of becoming replacement characters.
 * @example decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0])).text === "A"
 * @throws nothing: bytes that are no UTF-8 are read as Windows-1252
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const b0 = bytes[0], b1 = bytes[1], b2 = bytes[2];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { text: utf16be(bytes.subarray(2)), encoding: 'utf-16be' };
  // No mark: text in UTF-16 has a zero byte beside nearly every ASCII character.
  const n = Math.min(bytes.length, 4096) & ~1;
  let evenZeros = 0, oddZeros = 0;
  for (let i = 0; i < n; i += 2) { if (bytes[i] === 0) evenZeros++; if (bytes[i + 1] === 0) oddZeros++; }
  if (n >= 4 && oddZeros > n / 6 && evenZeros === 0) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(0, bytes.length & ~1)), encoding: 'utf-16le' };
  if (n >= 4 && evenZeros > n / 6 && oddZeros === 0) return { text: utf16be(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: windows1252(bytes), encoding: 'windows-1252' };
  }
}

/** 0x80-0x9F of Windows-1252 (Node's TextDecoder treats the label as Latin-1 and loses "€"). */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function windows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = Array.from(bytes.subarray(i, i + CHUNK), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

function utf16be(bytes: Uint8Array): string {
  const swapped = new Uint8Array(bytes.length & ~1);
  for (let i = 0; i + 1 < bytes.length; i += 2) { swapped[i] = bytes[i + 1] as number; swapped[i + 1] = bytes[i] as number; }
  return new TextDecoder('utf-16le').decode(swapped);
}

/** How many lines the delimiter is sniffed from: enough to see past a title and a note or two. */
const SNIFF_LINES = 50;
const CANDIDATES = ['\t', ';', ','] as const;

/**
 * The delimiter of a text table: tab for .tsv/.tab; otherwise the one of tab, semicolon and comma
 * that most of the first lines hold the same number of times outside quotes (ties: the larger
 * number, then tab, semicolon, comma). A table's rows agree with each other, so a title line
 * above it ("Revenue report, Q1") or a decimal comma in every amount does not decide; Excel's
 * "Unicode Text" .txt is tab-separated, European Excel writes ";".
 * @example sniffDelimiter("Report, Q1\na;b;c\n1;2,5;3", ".csv") === ";"
 * @throws nothing
 */
export function sniffDelimiter(text: string, ext: string): string {
  if (ext === '.tsv' || ext === '.tab') return '\t';
  // For each candidate: line count -> how many lines have it (lines without the candidate skipped).
  const histograms = CANDIDATES.map(() => new Map<number, number>());
  let counts = CANDIDATES.map(() => 0);
  let quoted = false, lines = 0;
  const endLine = (): void => {
    counts.forEach((n, k) => { if (n > 0) { const h = histograms[k] as Map<number, number>; h.set(n, (h.get(n) ?? 0) + 1); } });
    counts = CANDIDATES.map(() => 0);
    lines++;
  };
  for (let i = 0; i < text.length && i < 1 << 20 && lines < SNIFF_LINES; i++) {
    const ch = text[i] as string;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') endLine();
    else if (!quoted) { const k = CANDIDATES.indexOf(ch as (typeof CANDIDATES)[number]); if (k >= 0) counts[k] = (counts[k] ?? 0) + 1; }
  }
  endLine();
  let best: string = ',', bestLines = 0, bestCount = 0;
  CANDIDATES.forEach((candidate, k) => {
    for (const [count, nLines] of histograms[k] as Map<number, number>) {
      if (nLines > bestLines || (nLines === bestLines && count > bestCount)) { best = candidate; bestLines = nLines; bestCount = count; }
    }
  });
  return best;
}

/**
 * Parses delimited text into rows of text cells. A quoted field never closed throws
 * DelimitedError naming the line (the rest of the file would otherwise be one cell).
 * @example parseDelimited("a,b\n1,2", ",", "x.csv") // [["a","b"],["1","2"]]
 * @throws DelimitedError when the text is not a readable table
 */
export function parseDelimited(text: string, delimiter: string, file: string): string[][] {
  try {
    return parseSync(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: 16 * 1024 * 1024 }) as string[][];
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') throw new DelimitedError('cli.error.quoteNotClosed', { file, line: openQuoteLine(text, delimiter) });
    // The parser's own detail stays as it says it (English): it names what it met.
    throw new DelimitedError(delimiter === '\t' ? 'cli.error.unreadableTsv' : 'cli.error.unreadableCsv', { file, detail: (err.message ?? String(e)).split('\n')[0] ?? '' });
  }
}

/** The line on which the quoted field left open at the end of the text starts. */
function openQuoteLine(text: string, delimiter: string): number {
  let line = 1, openLine = 1, quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') { if (text[i + 1] === '"') i++; else quoted = false; } else if (ch === '\n') line++;
    } else if (ch === '\n') line++;
    else if (ch === '"' && (i === 0 || text[i - 1] === delimiter || text[i - 1] === '\n' || text[i - 1] === '\r')) { quoted = true; openLine = line; }
  }
  return openLine;
}

/**
 * A file name's extension, lower case with its dot, as Node's path.extname gives it ("" for ".csv").
 * @example extensionOf("Revenue 2018.CSV") === ".csv"
 * @throws nothing
 */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot).toLowerCase() : '';
}

/**
 * A sheet name Excel accepts, from a file's base name (no folders): no : \\ / ? * [ ], no
 * apostrophe at either end, at most 31 characters, not "History" (reserved), and never the name
 * of one of our output sheets (which would not be read as input).
 * @example sheetNameFor("Revenue 2018.csv") === "Revenue 2018"
 * @throws nothing
 */
export function sheetNameFor(fileName: string): string {
  const ext = extensionOf(fileName);
  // eslint-disable-next-line no-control-regex
  let base = fileName.slice(0, fileName.length - ext.length).replace(/[:\\/?*[\]\u0000-\u001f\u007f]/g, '_').slice(0, 31).replace(/^'+|'+$/g, '').trim();
  if (base === '') base = 'Sheet';
  if (base.toLowerCase() === 'history') base = 'History_';
  if (isOutputSheet(base)) base = `${base.slice(0, 23)} (input)`;
  return base;
}

/**
 * A delimited file's bytes as one sheet of text cells named after the file, in whatever encoding
 * and with whatever delimiter it was written.
 * @example readDelimitedBytes(new TextEncoder().encode("a;b\n1;2"), "revenue.csv").values // [["a","b"],["1","2"]]
 * @throws DelimitedError when the text is not a readable table
 */
export function readDelimitedBytes(bytes: Uint8Array, fileName: string): SheetInput & { encoding: TextEncoding } {
  const { text, encoding } = decodeText(bytes);
  const delimiter = sniffDelimiter(text, extensionOf(fileName));
  return { name: sheetNameFor(fileName), values: parseDelimited(text, delimiter, fileName), encoding };
}
