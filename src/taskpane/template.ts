/**
 * The blank template workbook the pane offers when a workbook has no table it recognises:
 * src/sheets/template's sheets written by our own writer (src/xlsx/patch's writeNewXlsx, the
 * CLI's writer for CSV input). The pane loads this module only when the link is clicked (a
 * dynamic import), so the writer is not part of the page's first load.
 */
import { templateSheets } from '../sheets/template';
import { writeNewXlsx } from '../xlsx/patch';
import { compressionStreamZip, type NativeZip } from '../xlsx/zipio';

/** The template's file name. */
export const TEMPLATE_FILE_NAME = 'competency-template.xlsx';

/**
 * The template workbook's bytes.
 * @example readXlsxBytes(await templateBytes()).sheets.map((s) => s.name) // ["Revenue", "Certifications", "Partners"]
 * @throws nothing in practice (the writer's PatchError only for sheets larger than Excel's)
 */
export async function templateBytes(native: NativeZip | undefined = compressionStreamZip()): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await writeNewXlsx(templateSheets(), { statusColumns: [], tables: [] }, (chunk) => { chunks.push(chunk.slice()); }, { isOurs: () => false, native });
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

/**
 * Writes the template and hands it to the browser as a download.
 * @example await downloadTemplate()
 * @throws as templateBytes
 */
export async function downloadTemplate(): Promise<void> {
  const bytes = await templateBytes();
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = TEMPLATE_FILE_NAME;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
