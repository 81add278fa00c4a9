/**
 * What the .xlsx writer writes, in its own words: cells, status column blocks beside input
 * tables and whole output tables, each row made when the writer asks for it. The file format
 * knows no competency: src/sheets builds values of these shapes (its OutputSources are these
 * types structurally), and the caller says which sheets are its own (WriteOptions.isOurs).
 */
import type { NativeZip } from './zipio';

/** A value to write. Objects say how: a date, or a link to a cell of the workbook. */
export type WriteCell =
  | string | number | boolean | null
  | { readonly date: string }
  | { readonly text: string; readonly link: { readonly sheet: string; readonly cell: string } };

/** How a column of an output table is formatted (a key of the number formats the caller gives). */
export type WriteFormat = 'text' | 'usd' | 'date' | 'bool' | 'int';

/**
 * The Excel number format of each column format, for every writer (Office.js, the .xlsx patching
 * writer): file-format facts, so they live here and src/sheets passes them on.
 */
export const NUMBER_FORMATS: Readonly<Record<WriteFormat, string>> = { text: '@', usd: '#,##0.00', date: 'yyyy-mm-dd', int: '0', bool: 'General' };

/** Rows made on demand; `row(i)` is cheapest in ascending order and returns a fresh array. */
export interface WriteRows {
  readonly length: number;
  row(i: number): WriteCell[];
}

/** Cells beside one input table: [header, ...one per data row], `width` cells wide. */
export interface StatusColumnsSource {
  readonly sheet: string;
  /** 0-based row of the table's header, and column of the first status column. */
  readonly row: number;
  readonly col: number;
  readonly width: number;
  readonly rows: WriteRows;
}

/** A fill for cells holding a given text (a conditional format: the colour follows the value). */
export interface WriteColour {
  readonly text: string;
  readonly fill: 'gold' | 'silver';
}

/** A column of a written table. */
export interface WriteColumn {
  readonly header: string;
  readonly format: WriteFormat;
  /** Cells holding one of these texts are filled in its colour. */
  readonly colours?: readonly WriteColour[] | undefined;
}

/** A whole table on a sheet of its own. */
export interface WriteTable {
  readonly sheetName: string;
  /** Name for the Excel table object. */
  readonly tableName: string;
  readonly columns: readonly WriteColumn[];
  readonly rows: WriteRows;
  /** Written as an Excel table object (else a plain range with a filter on its header). */
  readonly excelTable?: boolean;
  /** Columns frozen left of the scrolling ones (the header row is always frozen). */
  readonly frozenColumns?: number | undefined;
}

/** Everything a patch adds: status columns and tables in tab order. */
export interface WriteSources {
  readonly statusColumns: readonly StatusColumnsSource[];
  readonly tables: readonly WriteTable[];
}

/** How to write. */
export interface WriteOptions {
  /**
   * Which sheets are the caller's own outputs from an earlier run: they are removed (and never
   * get status columns), so a re-run replaces them instead of adding a second set.
   */
  readonly isOurs: (sheetName: string) => boolean;
  /** A platform's native compression (Node's zlib in the CLI); fflate without it. */
  readonly native?: NativeZip | undefined;
  /**
   * True when every part's CRC-32 of `input` was verified as it was read (the CLI's reader does,
   * on the same bytes): the sheets the patch inflates again are then not checksummed a second
   * time (a third of a second at a million rows). Their sizes are still checked.
   */
  readonly crcChecked?: boolean | undefined;
  /**
   * The bytes of a part the caller inflated (and checked) itself while reading this same input,
   * given the part's compressed bytes (a view of `input`); undefined for any other. The CLI keeps
   * its reader's worksheets: the sheets the patch streams through are then read from memory
   * instead of being inflated a second time (about 300 MB of XML at a million rows).
   */
  readonly inflated?: ((compressed: Uint8Array) => Uint8Array | undefined) | undefined;
}
