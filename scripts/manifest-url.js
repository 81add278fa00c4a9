// The add-in's base address: the dev server's, or the production address the build is given
// (scripts/manifest writes both manifests for it, so the files in dist/ can be deployed as is).
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

module.exports = { DEV_URL, normalizeAddinUrl };
