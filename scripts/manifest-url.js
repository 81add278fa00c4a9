// Writes the production address of the add-in into manifest.xml at build time, so the file in
// dist/ can be deployed as is (the manifest in the repository points at the dev server).
//   npm run build -- --env url=https://example.com/addin     or   ADDIN_URL=https://example.com/addin npm run build

const { URL } = require('node:url');

/** Where the development manifest says the add-in lives (npm start serves it there). */
const DEV_URL = 'https://localhost:3000';

/**
 * The add-in's base address, checked: https (Office loads add-ins only over https), no query or
 * fragment, no trailing slash, so `${base}/taskpane.html` is the page.
 * @example normalizeAddinUrl('https://example.com/addin/') // 'https://example.com/addin'
 */
function normalizeAddinUrl(raw) {
  let url;
  try {
    url = new URL(String(raw).trim());
  } catch {
    throw new Error(`The add-in URL "${raw}" is not a URL; give its https address, e.g. https://example.com/addin`);
  }
  if (url.protocol !== 'https:') throw new Error(`The add-in URL "${raw}" must use https: Office loads add-ins only over https.`);
  if (url.search || url.hash || url.username || url.password) throw new Error(`The add-in URL "${raw}" must be a plain base address (no query, fragment or credentials).`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * The manifest with every address of the dev server replaced by the add-in's base address
 * (source files, icons, help page, app domain). Throws when nothing was replaced, so a manifest
 * that stopped using the dev address is noticed instead of shipping unchanged.
 * @example manifestWithUrl(xml, 'https://example.com/addin') // "...https://example.com/addin/taskpane.html..."
 */
function manifestWithUrl(xml, rawUrl) {
  const base = normalizeAddinUrl(rawUrl);
  const text = String(xml);
  if (!text.includes(DEV_URL)) throw new Error(`manifest.xml does not mention ${DEV_URL}; nothing to replace.`);
  // The app domain is an origin, not a path: Office compares domains.
  const origin = new URL(base).origin;
  return text
    .replace(/<AppDomain>https:\/\/localhost:3000\/?<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .split(DEV_URL).join(base);
}

module.exports = { DEV_URL, normalizeAddinUrl, manifestWithUrl };
