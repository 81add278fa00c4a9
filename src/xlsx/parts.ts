/**
 * The small parts a patch rewrites, each by a pure function of its input text and the plan
 * (plan.ts): the workbook part, its relationships, the content types and the extended
 * properties. Worksheets are streamed (worksheet.ts), styles and shared strings have their own
 * modules (sheetxml.ts addOutStyles, sst.ts).
 */
import { xmlEscape } from './sheetxml';
import { appXmlWithSheets } from './appxml';
import { REL_NS, T_SHARED_STRINGS, T_STYLES, T_WORKSHEET, PatchError, resolveRelative, type Dropped, type NewSheet, type PatchPlan, type SheetEntry } from './plan';
import { attr } from './sheetxml';
import { checkWellFormed } from './wellformed';

const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const CT_TABLE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
const CT_SHARED_STRINGS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';

/** Defined names local to removed sheets go; the others, and the active and first tab, follow the new indices. */
function renumberSheets(xml: string, removed: readonly number[]): string {
  if (removed.length === 0) return xml;
  const newIndex = (old: number): number | undefined => (removed.includes(old) ? undefined : old - removed.filter((r) => r < old).length);
  let wb = xml.replace(/<((?:\w+:)?)definedName\b([^>]*)>([\s\S]*?)<\/\1definedName>/g, (m, pre: string, attrs: string, body: string) => {
    const local = /\slocalSheetId="(\d+)"/.exec(attrs);
    if (!local) return m;
    const n = newIndex(Number(local[1]));
    return n === undefined ? '' : `<${pre}definedName${attrs.replace(/\slocalSheetId="\d+"/, ` localSheetId="${n}"`)}>${body}</${pre}definedName>`;
  });
  wb = wb.replace(/<((?:\w+:)?)definedNames>\s*<\/\1definedNames>/, '');
  return wb.replace(/(\s(?:activeTab|firstSheet)=")(\d+)"/g, (_m, pre: string, v: string) => `${pre}${newIndex(Number(v)) ?? 0}"`);
}

/**
 * The workbook part: earlier output sheets out, ours in; sheet-local names and the active tab follow.
 * @example rewriteWorkbook(plan.wb.workbookXml, plan.wb.sheets, plan.dropped, plan.newSheets)
 * @throws PatchError when the part lists no sheets
 */
export function rewriteWorkbook(xml: string, sheets: readonly SheetEntry[], dropped: Dropped, newSheets: readonly NewSheet[]): string {
  const sheetsClose = /<\/((?:\w+:)?)sheets>/.exec(xml);
  if (!sheetsClose) throw new PatchError('xlsx.write.no-sheets', {});
  const p = sheetsClose[1] ?? '';
  const rPrefix = /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(xml)?.[1] ?? 'r';
  let wb = xml;
  if (!new RegExp(`xmlns:${rPrefix}=`).test(wb)) wb = wb.replace(/<((?:\w+:)?)workbook\b/, `<$1workbook xmlns:${rPrefix}="${REL_NS}"`);
  for (const i of dropped.sheetIndices) wb = wb.replace(sheets[i]?.tag ?? '\u0000', '');
  wb = wb.replace(/<\/((?:\w+:)?)sheets>/, `${newSheets.map((s) => `<${p}sheet name="${xmlEscape(s.table.sheetName)}" sheetId="${s.sheetId}" ${rPrefix}:id="${s.relId}"/>`).join('')}</$1sheets>`);
  return renumberSheets(wb, dropped.sheetIndices);
}

/**
 * The workbook's relationships: dropped ones out; the new sheets', and the styles' and shared
 * strings' when the workbook had none, in.
 * @example rewriteWorkbookRels(plan.wb.relsXml, plan)
 * @throws nothing
 */
export function rewriteWorkbookRels(xml: string, plan: PatchPlan): string {
  const { wbDir } = plan.wb;
  const kept = xml.replace(/<(?:\w+:)?Relationship\b[^>]*>/g, (tag) => (plan.dropped.relIds.has(attr(tag, 'Id') ?? '') ? '' : tag));
  // The workbook-level parts first: on a re-run they are kept where this run put them, before
  // the output sheets' relationships that are replaced, so the part comes out the same.
  const add: string[] = [];
  for (const [place, type] of [[plan.styles, T_STYLES], [plan.sharedStrings, T_SHARED_STRINGS]] as const) {
    if (place.newRelId !== undefined) add.push(`<Relationship Id="${place.newRelId}" Type="${type}" Target="${resolveRelative(wbDir, place.path)}"/>`);
  }
  for (const s of plan.newSheets) add.push(`<Relationship Id="${s.relId}" Type="${T_WORKSHEET}" Target="${resolveRelative(wbDir, s.path)}"/>`);
  return kept.replace(/<\/((?:\w+:)?)Relationships>/, `${add.join('')}</$1Relationships>`);
}

/** True when the content types name a part explicitly. */
const hasOverride = (xml: string, path: string): boolean => new RegExp(`PartName="/${path.replace(/[.[\]()*+?^$|\\{}]/g, '\\$&')}"`, 'i').test(xml);

/**
 * [Content_Types].xml: dropped parts out; the new sheets and tables, and the styles and shared
 * strings when not yet named, in.
 * @example rewriteContentTypes(plan.wb.contentTypes, plan)
 * @throws nothing
 */
export function rewriteContentTypes(xml: string, plan: PatchPlan): string {
  const kept = xml.replace(/<(?:\w+:)?Override\b[^>]*>/g, (tag) => (plan.dropped.parts.has((attr(tag, 'PartName') ?? '').replace(/^\//, '').toLowerCase()) ? '' : tag));
  // Styles and shared strings before the output sheets, for the same reason as in the relationships.
  const overrides: string[] = [];
  for (const [place, type] of [[plan.styles, CT_STYLES], [plan.sharedStrings, CT_SHARED_STRINGS]] as const) {
    if (place.newRelId !== undefined || !hasOverride(kept, place.path)) overrides.push(`<Override PartName="/${place.path}" ContentType="${type}"/>`);
  }
  for (const s of plan.newSheets) {
    overrides.push(`<Override PartName="/${s.path}" ContentType="${CT_WORKSHEET}"/>`);
    if (s.tablePath) overrides.push(`<Override PartName="/${s.tablePath}" ContentType="${CT_TABLE}"/>`);
  }
  return kept.replace(/<\/((?:\w+:)?)Types>/, `${overrides.join('')}</$1Types>`);
}

/**
 * docProps/app.xml with the worksheet names after the patch (see appxml.ts).
 * @example rewriteAppXml(appXml, plan)
 * @throws PatchError when the part is not well-formed
 */
export function rewriteAppXml(xml: string, plan: PatchPlan, part = 'docProps/app.xml'): string {
  checkWellFormed(xml, part);
  const { sheets } = plan.wb;
  const before = sheets.filter((s) => s.worksheet).map((s) => s.name);
  const after = [...sheets.filter((s, i) => s.worksheet && !plan.dropped.sheetIndices.includes(i)).map((s) => s.name), ...plan.newSheets.map((s) => s.table.sheetName)];
  return appXmlWithSheets(xml, before, after);
}
