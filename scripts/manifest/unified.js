// The unified manifest for Microsoft 365 (manifest.json and one language file per other
// language) written from scripts/manifest/addin.js, beside manifest.xml. Custom functions in the
// unified manifest are a preview feature (Microsoft's shared-runtime sample declares them with
// manifestVersion "devPreview" and runtimes[].customFunctions.metadataUrl), so the add-in only
// manifest stays the one for production and for perpetual Office.
const { URL } = require('node:url');
const { ADDIN } = require('./addin');

const SCHEMA = 'https://developer.microsoft.com/json-schemas/teams/vDevPreview/MicrosoftTeams.schema.json';
const LOCALIZATION_SCHEMA = 'https://developer.microsoft.com/json-schemas/teams/vDevPreview/MicrosoftTeams.Localization.schema.json';
const GROUP = 'extensions[0].ribbons[0].tabs[0].groups[0]';

/** The file of a language's strings, e.g. manifest.pt-BR.json. */
function languageFile(locale) {
  return `manifest.${locale}.json`;
}

function icons(base) {
  return [16, 32, 80].map((size) => ({ size, url: `${base}/${ADDIN.icons[size]}` }));
}

function ribbons(base) {
  const { ribbon } = ADDIN;
  const en = ADDIN.defaultLocale;
  const button = {
    id: ribbon.buttonId, type: 'button', label: ribbon.button[en], icons: icons(base),
    supertip: { title: ribbon.button[en], description: ribbon.tooltip[en] },
    actionId: 'ShowTaskpane',
  };
  return [{
    requirements: { scopes: ['workbook'], formFactors: ['desktop'] },
    contexts: ['default'],
    tabs: [{ builtInTabId: ribbon.tab, groups: [{ id: ribbon.groupId, label: ribbon.group[en], icons: icons(base), controls: [button] }] }],
  }];
}

function runtimes(base) {
  const shared = ADDIN.requirements.find((r) => r.name === 'SharedRuntime');
  return [{
    requirements: { capabilities: [{ name: shared.name, minVersion: shared.minVersion }] },
    id: 'SharedRuntime',
    type: 'general',
    code: { page: `${base}/${ADDIN.pages.taskpane}`, script: `${base}/${ADDIN.functions.script}` },
    lifetime: 'long',
    actions: [{ id: 'ShowTaskpane', type: 'openPage', pinnable: false }],
    customFunctions: {
      namespace: { id: ADDIN.functions.namespace, name: ADDIN.functions.namespace },
      allowCustomDataForDataTypeAny: true,
      metadataUrl: `${base}/${ADDIN.functions.metadata[ADDIN.defaultLocale]}`,
    },
  }];
}

function extension(base) {
  const en = ADDIN.defaultLocale;
  return {
    requirements: {
      scopes: ['workbook'],
      capabilities: ADDIN.requirements.filter((r) => r.name !== 'SharedRuntime').map((r) => ({ name: r.name, minVersion: r.minVersion })),
    },
    runtimes: runtimes(base),
    ribbons: ribbons(base),
    alternates: [{ alternateIcons: { icon: { size: 32, url: `${base}/${ADDIN.icons[32]}` }, highResolutionIcon: { size: 64, url: `${base}/${ADDIN.icons[64]}` } } }],
    getStartedMessages: [{
      requirements: { scopes: ['workbook'], formFactors: ['desktop'] },
      title: ADDIN.getStarted.title[en], description: ADDIN.getStarted.description[en], learnMoreUrl: `${base}/${ADDIN.pages.help}`,
    }],
  };
}

/**
 * manifest.json for the add-in served at `base` (https, no trailing slash).
 * @example unifiedManifest('https://localhost:3000').manifestVersion // 'devPreview'
 * @throws TypeError when base is not an absolute URL.
 */
function unifiedManifest(base) {
  const en = ADDIN.defaultLocale;
  return {
    $schema: SCHEMA,
    id: ADDIN.id,
    manifestVersion: 'devPreview',
    version: ADDIN.version,
    name: { short: ADDIN.shortName[en], full: ADDIN.name[en] },
    description: { short: ADDIN.description[en], full: `${ADDIN.description[en]} ${ADDIN.getStarted.description[en]}` },
    developer: {
      name: ADDIN.provider,
      websiteUrl: `${base}/${ADDIN.pages.help}`,
      privacyUrl: `${base}/${ADDIN.pages.privacy}`,
      termsOfUseUrl: `${base}/${ADDIN.pages.terms}`,
    },
    icons: { outline: ADDIN.packageIcons.outline, color: ADDIN.packageIcons.color },
    accentColor: ADDIN.accentColor,
    localizationInfo: {
      defaultLanguageTag: en.toLowerCase(),
      additionalLanguages: ADDIN.locales.filter((l) => l !== en).map((l) => ({ languageTag: l.toLowerCase(), file: languageFile(l) })),
    },
    authorization: { permissions: { resourceSpecific: [{ name: 'Document.ReadWrite.User', type: 'Delegated' }] } },
    validDomains: [new URL(base).origin],
    extensions: [extension(base)],
  };
}

/**
 * The strings of one language for the unified manifest (its localization file).
 * @example unifiedLanguage('de-DE')['name.short'] // 'Cloud CRM-Kompetenz-Tracker'
 * @throws Error for a language the add-in does not have.
 */
function unifiedLanguage(locale) {
  if (!ADDIN.locales.includes(locale)) throw new Error(`No texts in ${locale}`);
  const { ribbon, getStarted } = ADDIN;
  return {
    $schema: LOCALIZATION_SCHEMA,
    'name.short': ADDIN.shortName[locale],
    'name.full': ADDIN.name[locale],
    'description.short': ADDIN.description[locale],
    'description.full': `${ADDIN.description[locale]} ${getStarted.description[locale]}`,
    [`${GROUP}.label`]: ribbon.group[locale],
    [`${GROUP}.controls[0].label`]: ribbon.button[locale],
    [`${GROUP}.controls[0].supertip.title`]: ribbon.button[locale],
    [`${GROUP}.controls[0].supertip.description`]: ribbon.tooltip[locale],
    'extensions[0].getStartedMessages[0].title': getStarted.title[locale],
    'extensions[0].getStartedMessages[0].description': getStarted.description[locale],
  };
}

/**
 * Every file of the unified manifest's app package: manifest.json, the language files and the
 * two package icons (relative paths inside the package), as name -> content.
 * @example Object.keys(unifiedFiles('https://localhost:3000', read)) // ['manifest.json', 'manifest.pt-BR.json', ...]
 * @throws whatever readIcon throws for a missing icon.
 */
function unifiedFiles(base, readIcon) {
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  const files = { 'manifest.json': json(unifiedManifest(base)) };
  for (const l of ADDIN.locales.filter((x) => x !== ADDIN.defaultLocale)) files[languageFile(l)] = json(unifiedLanguage(l));
  for (const icon of Object.values(ADDIN.packageIcons)) files[icon] = readIcon(icon);
  return files;
}

module.exports = { unifiedManifest, unifiedLanguage, unifiedFiles, languageFile };
