// npm run manifest: writes manifest.xml (the development manifest, for https://localhost:3000)
// from scripts/manifest/addin.js. The build writes dist/manifest.xml and dist/manifest.json for
// the address it is given; test/manifest.test.ts fails when this file is not up to date.
const fs = require('node:fs');
const path = require('node:path');
const { DEV_URL } = require('../manifest-url');
const { xmlManifest } = require('./xml');

const file = path.resolve(__dirname, '..', '..', 'manifest.xml');
fs.writeFileSync(file, xmlManifest(DEV_URL));
process.stdout.write(`${file} written\n`);
