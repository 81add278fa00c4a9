/**
 * The unified manifest (manifest.json + language files) and manifest.xml, both written from
 * scripts/manifest/addin.js, declare the same functions, pages, icons, requirement sets and
 * languages; each language's texts fit the unified manifest's limits; and the build ships what
 * both point at: the help pages every helpUrl names, the support, privacy and terms pages, the
 * app package with its icons. The XML side is read from the XML text, not from the source, so a
 * renderer that drops or changes something fails here.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
/* eslint-disable @typescript-eslint/no-require-imports */
const { xmlManifest } = require('../scripts/manifest/xml.js') as { xmlManifest: (base: string) => string };
const { unifiedManifest, unifiedLanguage, languageFile } = require('../scripts/manifest/unified.js') as {
  unifiedManifest: (base: string) => Unified; unifiedLanguage: (locale: string) => Record<string, string>; languageFile: (locale: string) => string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface Capability { name: string; minVersion: string }
interface Unified {
  id: string; version: string;
  name: { short: string; full: string }; description: { short: string; full: string };
  icons: { outline: string; color: string }; developer: Record<string, string>;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  validDomains: string[];
  extensions: {
    requirements: { capabilities: Capability[] };
    runtimes: { requirements: { capabilities: Capability[] }; code: { page: string; script: string }; customFunctions: { namespace: { id: string }; metadataUrl: string } }[];
    ribbons: { tabs: { groups: { label: string; icons: { url: string }[]; controls: { label: string; supertip: { description: string } }[] }[] }[] }[];
    alternates: { alternateIcons: { icon: { url: string }; highResolutionIcon: { url: string } } }[];
    getStartedMessages: { learnMoreUrl: string; title: string }[];
  }[];
}

const BASE = 'https://cdn.example.com/crm';
const XML = xmlManifest(BASE);
const JSON_MANIFEST = unifiedManifest(BASE);
const EXT = JSON_MANIFEST.extensions[0];

/** The value of resource `id` in the XML, by locale ('' for the default). */
function resource(id: string): Record<string, string> {
  const m = new RegExp(`<bt:(?:Url|String|Image) id="${id.replace('.', '\\.')}"[^>]*DefaultValue="([^"]*)"(?:/>|>([\\s\\S]*?)</bt:(?:Url|String)>)`).exec(XML);
  if (!m) throw new Error(`no resource ${id}`);
  const out: Record<string, string> = { '': m[1] as string };
  for (const o of (m[2] ?? '').matchAll(/Locale="([^"]+)" Value="([^"]*)"/g)) out[o[1] as string] = o[2] as string;
  return out;
}
function element(tag: string): Record<string, string> {
  const m = new RegExp(`<${tag} DefaultValue="([^"]*)"(?:/>|>([\\s\\S]*?)</${tag}>)`).exec(XML);
  if (!m) throw new Error(`no <${tag}>`);
  const out: Record<string, string> = { '': m[1] as string };
  for (const o of (m[2] ?? '').matchAll(/Locale="([^"]+)" Value="([^"]*)"/g)) out[o[1] as string] = o[2] as string;
  return out;
}
const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const XML_LOCALES = Object.keys(element('DisplayName')).filter((l) => l !== '');
const DEFAULT = /<DefaultLocale>([^<]+)<\/DefaultLocale>/.exec(XML)?.[1] as string;

describe('manifest.json and manifest.xml declare the same', () => {
  test('add-in id and version', () => {
    expect(JSON_MANIFEST.id).toBe(/<Id>([^<]+)<\/Id>/.exec(XML)?.[1]);
    expect(`${JSON_MANIFEST.version}.0`).toBe(/<Version>([^<]+)<\/Version>/.exec(XML)?.[1]);
  });

  test('functions: the same script, page, namespace and metadata', () => {
    const runtime = EXT?.runtimes[0];
    expect(runtime?.code.script).toBe(resource('Functions.Script.Url')['']);
    expect(runtime?.code.page).toBe(resource('Taskpane.Url')['']);
    expect(runtime?.customFunctions.namespace.id).toBe(resource('Functions.Namespace')['']);
    expect(runtime?.customFunctions.metadataUrl).toBe(resource('Functions.Metadata.Url')['']);
    expect(runtime?.customFunctions.metadataUrl).toBe(`${BASE}/functions.json`);
  });

  test('pages: task pane, help (support / learn more), and the domain', () => {
    expect(element('SourceLocation')['']).toBe(EXT?.runtimes[0]?.code.page);
    expect(element('SupportUrl')['']).toBe(EXT?.getStartedMessages[0]?.learnMoreUrl);
    expect(resource('GetStarted.LearnMoreUrl')['']).toBe(EXT?.getStartedMessages[0]?.learnMoreUrl);
    expect(JSON_MANIFEST.validDomains).toEqual([/<AppDomain>([^<]+)<\/AppDomain>/.exec(XML)?.[1]]);
  });

  test('icons: ribbon images, icon and high-resolution icon', () => {
    const ribbonIcons = [16, 32, 80].map((s) => resource(`Icon.${s}x${s}`)['']);
    const group = EXT?.ribbons[0]?.tabs[0]?.groups[0];
    expect(group?.icons.map((i) => i.url)).toEqual(ribbonIcons);
    expect(EXT?.alternates[0]?.alternateIcons.icon.url).toBe(element('IconUrl')['']);
    expect(EXT?.alternates[0]?.alternateIcons.highResolutionIcon.url).toBe(element('HighResolutionIconUrl')['']);
  });

  test('requirement sets', () => {
    const xmlSets = Object.fromEntries([...XML.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]));
    const jsonSets = Object.fromEntries([...EXT?.requirements.capabilities ?? [], ...EXT?.runtimes[0]?.requirements.capabilities ?? []].map((c) => [c.name, c.minVersion]));
    expect(jsonSets).toEqual(xmlSets);
    expect(Object.keys(xmlSets).sort()).toEqual(['CustomFunctionsRuntime', 'ExcelApi', 'SharedRuntime']);
  });

  test('languages, each with the same name, description, ribbon texts and get-started title', () => {
    expect(JSON_MANIFEST.localizationInfo.defaultLanguageTag).toBe(DEFAULT.toLowerCase());
    expect(JSON_MANIFEST.localizationInfo.additionalLanguages.map((l) => l.languageTag)).toEqual(XML_LOCALES.map((l) => l.toLowerCase()));
    expect(JSON_MANIFEST.name.full).toBe(unescape(element('DisplayName')[''] as string));
    for (const locale of XML_LOCALES) {
      const texts = unifiedLanguage(locale);
      expect(JSON_MANIFEST.localizationInfo.additionalLanguages.find((l) => l.languageTag === locale.toLowerCase())?.file).toBe(languageFile(locale));
      expect(texts['name.full']).toBe(unescape(element('DisplayName')[locale] as string));
      expect(texts['description.short']).toBe(unescape(element('Description')[locale] as string));
      expect(texts['extensions[0].ribbons[0].tabs[0].groups[0].label']).toBe(resource('Group.Label')[locale]);
      expect(texts['extensions[0].ribbons[0].tabs[0].groups[0].controls[0].label']).toBe(resource('Button.Label')[locale]);
      expect(texts['extensions[0].ribbons[0].tabs[0].groups[0].controls[0].supertip.description']).toBe(resource('Button.Tooltip')[locale]);
      expect(texts['extensions[0].getStartedMessages[0].title']).toBe(resource('GetStarted.Title')[locale]);
    }
  });
});

test('every language fits the unified manifest: name.short <= 30, description.short <= 80 characters', () => {
  const all = [{ 'name.short': JSON_MANIFEST.name.short, 'description.short': JSON_MANIFEST.description.short }, ...XML_LOCALES.map(unifiedLanguage)];
  for (const texts of all) {
    expect([...(texts['name.short'] ?? '')].length).toBeLessThanOrEqual(30);
    expect([...(texts['description.short'] ?? '')].length).toBeLessThanOrEqual(80);
  }
});

describe('the build ships what the manifests point at (npm run build first)', () => {
  const built = (file: string): string => {
    const full = path.join(DIST, file);
    if (!existsSync(full)) throw new Error(`${full} is missing: run npm run build first`);
    return readFileSync(full, 'utf8');
  };
  const LOCALES = [DEFAULT, ...XML_LOCALES];

  test('every function of every language has a helpUrl to its entry on a shipped help page', () => {
    for (const locale of LOCALES) {
      const metadata = JSON.parse(built(locale === DEFAULT ? 'functions.json' : `functions.${locale}.json`)) as { functions: { id: string; helpUrl?: string }[] };
      expect(metadata.functions.length).toBeGreaterThan(5);
      for (const fn of metadata.functions) {
        expect(fn.helpUrl).toBe(`https://localhost:3000/help/functions.${locale}.html#${fn.id}`);
        expect(built(`help/functions.${locale}.html`)).toContain(`<section id="${fn.id}">`);
      }
    }
  });

  test('the support, privacy and terms pages exist; the unified manifest and its package match the source', () => {
    for (const page of ['help.html', 'privacy.html', 'terms.html']) expect(built(page)).toMatch(/<html lang=/);
    expect(JSON.parse(built('manifest.json'))).toEqual(unifiedManifest('https://localhost:3000'));
    expect(built('manifest.xml')).toBe(xmlManifest('https://localhost:3000'));
    const zip = unzipSync(new Uint8Array(readFileSync(path.join(DIST, 'unified-manifest.zip'))));
    const manifest = JSON.parse(strFromU8(zip['manifest.json'] as Uint8Array)) as Unified;
    expect(Object.keys(zip)).toEqual(expect.arrayContaining([manifest.icons.color, manifest.icons.outline, ...manifest.localizationInfo.additionalLanguages.map((l) => l.file)]));
    // PNG signatures: the icons are real images, not placeholders.
    for (const icon of [manifest.icons.color, manifest.icons.outline]) expect([...(zip[icon] as Uint8Array).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });
});
