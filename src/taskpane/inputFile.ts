/** The files the pane opens outside Excel, as the page and its worker pass them (no reading here). */

/** One file chosen or dropped: a workbook (.xlsx, .xlsm) or delimited text (.csv, .tsv, .txt). */
export interface InputFile {
  readonly name: string;
  readonly blob: Blob;
}

/** True for the names of workbook files (the rest are read as delimited text). */
export const isWorkbookName = (name: string): boolean => /\.xls[xm]$/i.test(name);
