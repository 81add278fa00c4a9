/**
 * Worst-case files in the pane outside Excel (issue 23): small files that used to crash the tab
 * (a value in column XFD on each of 1,048,575 rows; sixty sheets of a million one-cell rows) or
 * stall it (a long run inside a tag of workbook.xml) end, in bounded time, in results or in one
 * line saying why, and the tab stays alive. (An error banner for a workbook without tables is
 * issue 19's; today it is the data issue "No revenue table found".)
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { strToU8 } from 'fflate';
import type { Page } from 'playwright-core';
import { context, servedPane } from '../support/browser';
import { tempDir } from '../support/tmp';

jest.setTimeout(300_000);

const pane = servedPane();
const dir = tempDir();
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/**
 * A zip of the given entries, each deflated once: entries that share their bytes share the
 * compressed bytes too, so sixty sheets of a million rows cost one sheet's deflate.
 */
function zip(entries: readonly (readonly [string, Uint8Array])[]): Buffer {
  const done = new Map<Uint8Array, { data: Buffer; crc: number }>();
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, bytes] of entries) {
    const packed = done.get(bytes) ?? { data: deflateRawSync(bytes, { level: 6 }), crc: crc32(bytes) };
    done.set(bytes, packed);
    const fields = (head: Buffer, at: number): void => {
      head.writeUInt16LE(8, at); head.writeUInt32LE(packed.crc, at + 6);
      head.writeUInt32LE(packed.data.length, at + 10); head.writeUInt32LE(bytes.length, at + 14); head.writeUInt16LE(name.length, at + 18);
    };
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); fields(head, 8);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); fields(dir, 10); dir.writeUInt32LE(offset, 42);
    local.push(head, Buffer.from(name), packed.data);
    central.push(dir, Buffer.from(name));
    offset += 30 + name.length + packed.data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

/** A minimal workbook of the given sheets' XML (sheet1.xml, sheet2.xml, ...), or with workbook.xml as given. */
function workbook(sheets: readonly Uint8Array[], workbookXml?: string): Buffer {
  return zip([
    ['[Content_Types].xml', strToU8(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`)],
    ['_rels/.rels', strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')],
    ['xl/_rels/workbook.xml.rels', strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`)],
    ['xl/workbook.xml', strToU8(workbookXml ?? `<?xml version="1.0"?><workbook ${NS}><sheets>${sheets.map((_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`)],
    ...sheets.map((bytes, i) => [`xl/worksheets/sheet${i + 1}.xml`, bytes] as const),
  ]);
}

/** A sheet of `rows` rows, each one number in column `column`. */
function oneCellRows(rows: number, column: string): Uint8Array {
  const parts: string[] = [`<?xml version="1.0"?><worksheet ${NS}><sheetData>`];
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}"><c r="${column}${r}"><v>1</v></c></row>`);
  parts.push('</sheetData></worksheet>');
  return strToU8(parts.join(''));
}

async function evaluate(file: string): Promise<{ page: Page; crashed: () => boolean; errors: string[] }> {
  const { ctx } = await context(pane.browser, { office: 'offline' });
  const page = await ctx.newPage();
  let crashed = false;
  const errors: string[] = [];
  page.on('crash', () => { crashed = true; });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${pane.url}/taskpane.html`);
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('evaluate').click();
  return { page, crashed: () => crashed, errors };
}

// A refusal in one line, or a result: the data issue that no revenue table was found.
const LINE = /^(Could not finish: [^\n]+|No revenue table found: [^\n]+)$/;

test.each([
  ['xfd.xlsx', () => workbook([oneCellRows(1_048_575, 'XFD')])],
  ['sixty-sheets.xlsx', () => workbook(new Array<Uint8Array>(60).fill(oneCellRows(1_000_000, 'A')))],
  ['long-run.xlsx', () => workbook([oneCellRows(2, 'A')], `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="${'a'.repeat(20_000_000)}`)],
])('%s: a result or one line saying why, the tab alive', async (name, make) => {
  const file = path.join(dir, name);
  writeFileSync(file, make());
  const { page, crashed, errors } = await evaluate(file);
  const line = page.getByText(LINE);
  await line.waitFor({ timeout: 120_000 });
  expect(crashed()).toBe(false);
  expect((await line.textContent())?.split('\n')).toHaveLength(1);
  // The page still answers: a new file can be chosen.
  await expect(page.getByTestId('evaluate').isEnabled()).resolves.toBe(true);
  expect(errors).toEqual([]);
});
