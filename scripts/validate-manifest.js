// npm run validate [-- path/to/manifest.xml]: runs `office-addin-manifest validate`, which sends the
// manifest to Microsoft's validation service, and says plainly which of three things happened.
// Exit codes: 0 valid, 1 not valid (the service's errors are printed), 2 no such manifest,
// 3 the validation service could not be reached or did not answer (nothing was validated).
// Without an argument it validates dist/manifest.xml (what gets deployed; npm run build makes it,
// with --env url=... for production) or, before a build, manifest.xml.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const EXIT = { valid: 0, invalid: 1, missing: 2, unreachable: 3 };

/**
 * What the office-addin-manifest CLI's output and exit code mean.
 * @example classify('Error: Unable to contact the manifest validation service.', 1) // 'unreachable'
 */
function classify(output, code) {
  const text = String(output);
  // The CLI prints these when the request fails (DNS, proxy, offline) or the service answers an
  // HTTP error, and exits 1 either way, as it does for an invalid manifest.
  if (/Unable to contact the manifest validation service/i.test(text)) return 'unreachable';
  if (/Unable to validate the manifest/i.test(text)) return 'unreachable';
  if (code === 0 && /The manifest is valid/i.test(text)) return 'valid';
  if (/The manifest is not valid/i.test(text)) return 'invalid';
  // Anything else (a crash, no verdict printed) did not validate the manifest either.
  return 'unreachable';
}

function main(argv) {
  const given = argv[0];
  const dist = path.join(ROOT, 'dist', 'manifest.xml');
  const manifest = given ? path.resolve(given) : fs.existsSync(dist) ? dist : path.join(ROOT, 'manifest.xml');
  if (!fs.existsSync(manifest)) {
    process.stderr.write(`No manifest at ${manifest}.\n`);
    return EXIT.missing;
  }
  const cli = require.resolve('office-addin-manifest/cli.js', { paths: [ROOT] });
  process.stdout.write(`Validating ${path.relative(process.cwd(), manifest) || manifest} with Microsoft's manifest validation service...\n`);
  const run = spawnSync(process.execPath, [cli, 'validate', manifest], { encoding: 'utf8', timeout: 120_000 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const verdict = run.error ? 'unreachable' : classify(output, run.status);
  if (verdict === 'unreachable') {
    process.stderr.write(
      'The manifest was NOT validated: Microsoft\'s validation service (validationgateway.omex.office.net) could not be reached\n' +
      'or did not answer. This says nothing about the manifest. Run `npm run validate` again with internet access.\n' +
      `Details: ${(run.error ? String(run.error) : output).trim().split('\n').slice(0, 3).join(' | ')}\n`,
    );
    return EXIT.unreachable;
  }
  process.stdout.write(output);
  return EXIT[verdict];
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { classify, EXIT };
