/**
 * Each distinct text of ours written once (the shared strings), appended to the input's own
 * table without moving its items; and the parts the writer rewrites refused when it cannot parse
 * them, instead of a download whose XML is broken.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { libreOfficeCsv, runCli, tempDir, writeWorkbook } from '../../test/support/cli';
import { makeXlsx } from '../../test/support/xlsx';
import { isOutputSheet, rowsOf } from '../sheets';
import { PatchError } from './errors';
import { patchXlsx } from './patch';
import { readXlsxBytes } from './read';
import { SharedStrings } from './sst';
import { isWellFormed } from './wellformed';
import type { WriteSources } from './model';

const joined = (sst: SharedStrings): string => [...sst.xml()].join('');

describe('the shared strings table', () => {
  test('a new table holds each distinct text once, in first-use order; ends of white space are preserved', () => {
    const sst = new SharedStrings();
    expect(['Yes', 'No', 'Yes', ' padded', 'No'].map((t) => sst.ref(t))).toEqual([0, 1, 0, 2, 1]);
    expect(joined(sst)).toBe('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="3">'
      + '<si><t>Yes</t></si><si><t>No</t></si><si><t xml:space="preserve"> padded</t></si></sst>');
  });

  test.each([
    ['plain items', '<sst xmlns="m" count="9" uniqueCount="2"><si><t>a</t></si><si><t>Yes</t></si></sst>', 1, 2],
    ['a preserved item', '<sst xmlns="m"><si><t xml:space="preserve">Yes</t></si></sst>', 0, 1],
    ['rich text is not reused', '<sst xmlns="m"><si><r><t>Yes</t></r></si></sst>', 1, 1],
    ['an unpreserved item with spaces is not reused', '<sst xmlns="m"><si><t> Yes</t></si><si><t>Yes </t></si></sst>', 2, 2],
    ['a prefixed table', '<x:sst xmlns:x="m"><x:si><x:t>b</x:t></x:si><x:si><x:t>Yes</x:t></x:si></x:sst>', 1, 2],
    ['an empty item', '<sst xmlns="m"><si/><si><t>Yes</t></si></sst>', 1, 2],
    ['an empty table written as <sst/>', '<sst xmlns="m" count="0" uniqueCount="0"/>', 0, 0],
  ])('an input table of %s: its items stay where they are, ours follow', (_name, xml, yes, existing) => {
    const sst = new SharedStrings(xml);
    expect(sst.ref('Yes')).toBe(yes);
    expect(sst.ref('new text')).toBe(existing + (yes === existing ? 1 : 0));
    const out = joined(sst);
    expect(isWellFormed(out)).toBe(true);
    expect(out).not.toMatch(/\scount=/);
    expect(out).toMatch(new RegExp(`uniqueCount="${existing + (yes === existing ? 2 : 1)}"`));
  });

  test('the input\'s items are copied as they are, and a prefixed table gets prefixed items', () => {
    const xml = '<?xml version="1.0"?>\n<x:sst xmlns:x="m" uniqueCount="1"><x:si><x:r><x:t>rich</x:t></x:r></x:si></x:sst>\n';
    const sst = new SharedStrings(xml);
    sst.ref('ours');
    expect(joined(sst)).toBe('<?xml version="1.0"?>\n<x:sst xmlns:x="m" uniqueCount="2"><x:si><x:r><x:t>rich</x:t></x:r></x:si><x:si><x:t>ours</x:t></x:si></x:sst>\n');
  });

  test.each([
    ['not well-formed', '<sst><si><t>a</t></sst>'],
    ['no sst root', '<other/>'],
  ])('a table that is %s is refused as damaged', (_name, xml) => {
    expect(() => new SharedStrings(xml)).toThrow(PatchError);
  });
});

describe('well-formed XML', () => {
  test.each([
    ['<a/>', true], ['<?xml version="1.0"?>\n<a b="1" c=\'2\'><b/><!-- x --><![CDATA[<a>]]></a>', true], ['<x:a xmlns:x="u"><x:b></x:b></x:a>', true],
    ['<a><b></a>', false], ['<a></b>', false], ['<a>', false], ['<a/><b/>', false], ['<a b="1></a>', false], ['<a b=1/>', false],
    ['<a><!-- never closed</a>', false], ['<!DOCTYPE a><a/>', false], ['', false], ['<a b="<"/>', false],
  ])('%j is %s', (xml, ok) => {
    expect(isWellFormed(xml)).toBe(ok);
  });

  test('100,000 nested elements are walked without recursion', () => {
    expect(isWellFormed(`<a>${'<font>'.repeat(100_000)}${'</font>'.repeat(100_000)}</a>`)).toBe(true);
  });
});

/** One status block and no output tables. */
const STATUS: WriteSources = { statusColumns: [{ sheet: 'Revenue', row: 0, col: 5, width: 2, rows: rowsOf([['Counted', 'Reason'], ['Yes', 'Counted'], ['No', 'Not DPOR']]) }], tables: [] };

async function patched(input: Uint8Array, sources: WriteSources = STATUS): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await patchXlsx(input, sources, (c) => { chunks.push(c.slice()); }, { isOurs: isOutputSheet });
  return Buffer.concat(chunks);
}

/** A zip with the same entries whose end records say how many there are through zip64 (as a file of over 65,535 parts must). */
function withZip64Count(zip: Uint8Array, count: number): Uint8Array {
  const eocd = zip.length - 22;
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const cdSize = v.getUint32(eocd + 12, true), cdOffset = v.getUint32(eocd + 16, true);
  const tail = new Uint8Array(56 + 20 + 22);
  const t = new DataView(tail.buffer);
  t.setUint32(0, 0x06064b50, true); t.setBigUint64(4, 44n, true); t.setUint16(12, 45, true); t.setUint16(14, 45, true);
  t.setBigUint64(24, BigInt(count), true); t.setBigUint64(32, BigInt(count), true); t.setBigUint64(40, BigInt(cdSize), true); t.setBigUint64(48, BigInt(cdOffset), true);
  t.setUint32(56, 0x07064b50, true); t.setBigUint64(64, BigInt(eocd), true); t.setUint32(72, 1, true);
  tail.set(zip.subarray(eocd), 76);
  t.setUint16(76 + 8, 0xffff, true); t.setUint16(76 + 10, 0xffff, true);
  const out = new Uint8Array(eocd + tail.length);
  out.set(zip.subarray(0, eocd));
  out.set(tail, eocd);
  return out;
}

describe('the writer refuses what it cannot rewrite, in words', () => {
  const base = (): Record<string, Uint8Array> => unzipSync(makeXlsx({ Revenue: [['Partner ID', 'Amount'], ['P1', 1]] }));

  test('styles with 100,000 nested <font> elements: refused as a damaged part, never written broken', async () => {
    const files = base();
    const styles = strFromU8(files['xl/styles.xml'] as Uint8Array);
    files['xl/styles.xml'] = strToU8(styles.replace(/<fonts count="1">.*?<\/fonts>/, `<fonts count="1">${'<font>'.repeat(100_000)}${'</font>'.repeat(100_000)}</fonts>`));
    await expect(patched(zipSync(files))).rejects.toMatchObject({ key: 'xlsx.write.part-damaged', params: { part: 'xl/styles.xml' } });
  });

  test.each([
    ['xl/styles.xml', (x: string) => x.replace('</fonts>', '')],
    ['xl/workbook.xml', (x: string) => x.replace('</sheets>', '<sheets>')],
    ['[Content_Types].xml', (x: string) => x.replace('</Types>', '<Types')],
  ])('a %s that is not well-formed is refused as damaged', async (part, damage) => {
    const files = base();
    files[part] = strToU8(damage(strFromU8(files[part] as Uint8Array)));
    await expect(patched(zipSync(files))).rejects.toMatchObject({ key: 'xlsx.write.part-damaged', params: { part } });
  });

  test('a workbook of more than 65,535 parts is refused with "too many parts", not a stack overflow', async () => {
    const files = base();
    for (let i = 0; i < 65_540; i++) files[`customXml/item${i}.xml`] = strToU8('<a/>');
    const zip = withZip64Count(zipSync(files, { level: 0 }), Object.keys(files).length);
    const e = await patched(zip).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PatchError);
    expect((e as PatchError).describe('de-DE')).toBe('das Ergebnis hätte zu viele Teile');
  }, 60_000);
});

describe('--out on a workbook with its own shared strings', () => {
  test('input texts stay right, ours are appended once each, a re-run gives the same bytes, and ExcelJS, LibreOffice and our reader agree', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'sst.xlsx');
    await writeWorkbook(input, {
      Revenue: [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P1', 'CRM Online', '2018-01-05', 320000, 'Yes'], ['P1', 'CRM Online', '2018-01-06', 1000, 'No']],
      Certifications: [['Partner ID', 'Individual', 'Exam', 'Date passed'], ['P1', 'Ana', 'MB2-714', '2017-06-01']],
    });
    const inputSst = strFromU8(unzipSync(readFileSync(input))['xl/sharedStrings.xml'] as Uint8Array);
    const out = path.join(dir, 'sst-out.xlsx');
    expect((await runCli(['evaluate', input, '--as-of', '2018-03-15', '--out', out])).code).toBe(0);
    const sst = strFromU8(unzipSync(readFileSync(out))['xl/sharedStrings.xml'] as Uint8Array);
    const items = (x: string): string[] => x.match(/<si>.*?<\/si>/g) ?? [];
    // The input's items first, unchanged; "Yes" (an input text too) is not written again.
    expect(items(sst).slice(0, items(inputSst).length)).toEqual(items(inputSst));
    expect(items(sst).filter((i) => i === '<si><t>Yes</t></si>')).toHaveLength(1);
    expect(new Set(items(sst)).size).toBe(items(sst).length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const revenue = wb.getWorksheet('Revenue');
    expect([revenue?.getCell('B2').value, revenue?.getCell('E3').value, revenue?.getCell('F1').value, revenue?.getCell('F2').value]).toEqual(['CRM Online', 'No', 'Counted', 'Yes']);
    const ours = readXlsxBytes(new Uint8Array(readFileSync(out)));
    expect(ours.sheets.find((s) => s.name === 'Revenue')?.values[2]?.slice(0, 7)).toEqual(['P1', 'CRM Online', '2018-01-06', 1000, 'No', 'No', expect.any(String)]);
    expect(libreOfficeCsv(out).Revenue?.split('\n')[1]).toMatch(/^P1,CRM Online,2018-01-05,320000,Yes,Yes,"?Counted/);
    const again = path.join(dir, 'sst-again.xlsx');
    expect((await runCli(['evaluate', out, '--as-of', '2018-03-15', '--out', again])).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  }, 120_000);
});
