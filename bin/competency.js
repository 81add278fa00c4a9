#!/usr/bin/env node
// Entry point of the installed `competency` command: runs the TypeScript CLI through tsx.
require('tsx/cjs/api').register();
const { main } = require('../src/cli/main.ts');

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`competency: unexpected error: ${e && e.stack ? e.stack : String(e)}\n`); process.exitCode = 1; },
);
