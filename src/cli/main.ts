/**
 * competency: the command-line tool (docs/rules.md 14).
 *
 *   competency evaluate <workbooks.xlsx and/or files.csv/.tsv ...> [--as-of YYYY-MM-DD]
 *     [--market developed|developing] [--rulebook ID] [--locale xx-XX] [--json] [--out result.xlsx]
 *     [--products mapping.csv] [--partner ID]... [--format table|csv] [--wide] [--issues]
 *     [--assume-pass ...]... [--assume-revenue ...]...
 *   competency --version
 *
 * Exit 0 when it evaluated (data issues included), 1 when the input cannot be used, 2 on bad
 * usage. Thin: reading files and printing; every decision is made in sheets and core.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { builtInRulebooks, dayFromIso, isoFromLocalDate, type Market } from '../core';
import { isLocale, resolveLocale, t, type Locale } from '../i18n';
import { isOutputSheet, openRun, readWorkbook, type DataIssue, type Run, type RunOptions, type SheetInput, type TimelineLayout } from '../sheets';
import type { ProductMapping } from '../core';
import { WriteError, XlsxError } from '../xlsx/errors';
import { KeptParts, readInputs } from './files';
import { InputError, LOCALE_LIST, UsageError, failure, oneLine, terminalSafe } from './errors';
import { jsonDocument, summary, whatIfSummary, type WhatIfReport } from './report';
import { newPersonWarnings, parseAssumptions, resolvePartners, type PersonLookup } from './assume';
import { partnerView, statusCsv } from './select';

/** Where the CLI writes; tests pass their own. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal (then long reads show progress). */
  readonly stderrIsTty: boolean;
  /** Today, "YYYY-MM-DD", for the default as-of date. */
  readonly today: () => string;
  /** The terminal's width for the summary (COLUMNS); undefined: 100. */
  readonly columns?: (() => number | undefined) | undefined;
}

/** Commander's way to let an option repeat. */
const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface EvaluateFlags {
  asOf?: string; market?: Market; rulebook?: string; locale?: string; json?: boolean; out?: string; products?: string;
  assumePass?: string[]; assumeRevenue?: string[]; wide?: boolean; issues?: boolean; timeline?: TimelineLayout;
  partner?: string[]; format?: 'table' | 'csv';
}

/**
 * The language of a run from --locale: a supported tag or one close to it (de-AT is de-DE);
 * without the flag, en-US. Throws UsageError for a language we do not speak.
 * @example localeOf("pt-PT") === "pt-BR"; localeOf(undefined) === "en-US"
 * @throws UsageError (cli.error.locale) for a --locale that is not one of LOCALES
 */
export function localeOf(flag: string | undefined): Locale {
  if (flag !== undefined && !isLocale(flag) && resolveLocale(flag) === 'en-US' && !flag.toLowerCase().startsWith('en')) {
    throw new UsageError('cli.error.locale', { value: flag, locales: LOCALE_LIST });
  }
  return resolveLocale(flag ?? 'en-US');
}

/** The language failures are printed in: English until a run's --locale is known and valid. */
let failureLocale: Locale = 'en-US';

/**
 * Runs one evaluation: read, evaluate, print or write. Returns the exit code.
 * @example await evaluateCommand(["sample.xlsx"], { asOf: "2018-03-15", json: true }, io) === 0
 * @throws UsageError for a bad --as-of or --rulebook (and the assumption flags); InputError when the inputs cannot be read or hold no table, or --out cannot be written from them; OutputError when --out cannot be written
 */
export async function evaluateCommand(files: readonly string[], flags: EvaluateFlags, io: Io): Promise<number> {
  const asOf = flags.asOf ?? io.today();
  const locale = localeOf(flags.locale);
  if (dayFromIso(asOf) === undefined) throw new UsageError('cli.error.asOf', { value: asOf });
  if (flags.json && flags.format === 'csv') throw new UsageError('cli.error.formatJson', {});
  const ids = builtInRulebooks().map((b) => b.id);
  if (flags.rulebook !== undefined && !ids.includes(flags.rulebook)) throw new UsageError('cli.error.rulebook', { value: flags.rulebook, ids: ids.join(', ') });
  // --out is checked before the (possibly long) read: a target that is an input or a device is
  // refused at once, and nothing is ever written in place.
  // The writer is loaded only for --out: --json and the summary start without it.
  const outFile = flags.out === undefined ? undefined : await import('./out-file');
  const target = flags.out === undefined || !outFile ? undefined : await outFile.checkOutTarget(flags.out, flags.products === undefined ? files : [...files, flags.products], files.length);
  const rawAssumptions = { passes: flags.assumePass ?? [], revenue: flags.assumeRevenue ?? [] };
  const assumptions = parseAssumptions(rawAssumptions.passes, rawAssumptions.revenue);
  // --out patches the workbook's sheets: the reader keeps them inflated for the writer.
  const kept = target === undefined ? undefined : new KeptParts();
  const { run, csvSheets, bytes } = await openInputsRun(files, flags, { locale, asOf, kept }, io);
  if (run.read.missing.length > 0) {
    const first = run.issues.find((i) => i.code === `table.${run.read.missing[0]}-missing`);
    throw new InputError('cli.error.fileReason', { file: files.join(', '), reason: first?.message ?? t(locale, `issue.table.${run.read.missing[0] ?? 'revenue'}-missing`) });
  }

  // What-if: assumptions are counted in a timeline of their own; the evaluation, the printed
  // status and the --out workbook stay those of the real rows.
  let whatIfReport: WhatIfReport | undefined;
  if (rawAssumptions.passes.length + rawAssumptions.revenue.length > 0) {
    const partnerIds = run.evaluation.partners.map((p) => p.partnerId);
    const person: PersonLookup = (individual, partnerId) => run.person(individual, partnerId);
    const resolved = resolvePartners(assumptions, partnerIds, rawAssumptions, person);
    for (const w of newPersonWarnings(resolved, rawAssumptions, person, locale)) io.stderr(`competency: ${terminalSafe(t(locale, 'cli.warning', { message: w }))}\n`);
    const touched = [...new Set([...(resolved.passes ?? []), ...(resolved.revenue ?? [])].map((a) => a.partnerId ?? null))];
    whatIfReport = { assumptions: resolved, timeline: run.whatIf(resolved, touched) };
  }

  if (target !== undefined && outFile) {
    const { fileSink, nodeZip, writeAtomically } = outFile;
    const { patchXlsx, writeNewXlsx } = await import('../xlsx/patch');
    // The timeline sheet is written only with --out; the summary and --json do not show it.
    const outputs = run.outputs();
    // The input workbook is patched, not rebuilt: every part it has (formulas, formatting,
    // macros, the date system) is copied as it is, and memory stays bounded at any size.
    // CSV inputs become a new workbook through the same writer.
    await writeAtomically(target, async (tmp) => {
      const out = await fileSink(tmp);
      try {
        try {
          // The reader checked every part's CRC on these same bytes.
          if (bytes) await patchXlsx(bytes, outputs, out.sink, { isOurs: isOutputSheet, native: nodeZip, crcChecked: true, inflated: kept?.take });
          else await writeNewXlsx(csvSheets ?? [], outputs, out.sink, { isOurs: isOutputSheet, native: nodeZip });
        } catch (e) {
          // The writer's reasons (PatchError, ZipFormatError) and the reader's are translated alike.
          if (e instanceof WriteError || e instanceof XlsxError) throw new InputError('cli.error.notWritten', { file: target.given, reason: (l) => e.describe(l) });
          throw e;
        }
      } finally { await out.close(); }
    });
  }
  // --partner narrows what is printed (the --out workbook above holds every partner).
  const view = flags.partner !== undefined && flags.partner.length > 0 ? partnerView(run, flags.partner) : run;
  const steps = run.nextSteps(view === run ? undefined : view.evaluation.partners.map((p) => p.partnerId));
  if (flags.format === 'csv') io.stdout(statusCsv(view, steps, locale));
  else if (flags.json) io.stdout(`${JSON.stringify(jsonDocument(view, steps, locale, whatIfReport), null, 2)}\n`);
  else {
    // Names come from the user's cells: escape sequences in them must not act on the terminal.
    io.stdout(terminalSafe(summary(view, steps, locale, { width: io.columns?.(), wide: flags.wide, allIssues: flags.issues })));
    if (whatIfReport) io.stdout(terminalSafe(whatIfSummary(whatIfReport, locale)));
    if (flags.out !== undefined) io.stdout(terminalSafe(`${t(locale, 'cli.wrote', { file: flags.out })}\n`));
  }
  return 0;
}

/**
 * Reads the inputs (and the --products file) and opens their run. Only what the rest needs leaves
 * this function: a workbook's cells (hundreds of megabytes at a million rows) are dropped once
 * evaluated (the run keeps where the status columns go, not the cells), since the patching writer
 * streams the input's own XML; CSV sheets are kept, as they become the new workbook's sheets.
 */
async function openInputsRun(files: readonly string[], flags: EvaluateFlags, settings: { locale: Locale; asOf: string; kept?: KeptParts | undefined }, io: Io): Promise<{
  run: Run; csvSheets: readonly SheetInput[] | undefined; bytes: Uint8Array | undefined;
}> {
  const { locale, asOf } = settings;
  const progress = io.stderrIsTty ? (rows: number): void => io.stderr(`\r${t(locale, 'cli.progress', { count: rows })}`) : undefined;
  const { workbook, kind, warnings, bytes } = await readInputs(files, progress, locale, settings.kept);
  if (progress) io.stderr('\r\x1b[K');
  for (const w of warnings) io.stderr(`competency: ${terminalSafe(t(locale, 'cli.warning', { message: w }))}\n`);

  const products = flags.products === undefined ? undefined : await readProductsFile(flags.products, locale);
  const options: RunOptions = {
    locale, asOf, defaultMarket: flags.market, rulebook: flags.rulebook, productMapping: products?.mapping, productIssues: products?.issues,
    localeDecidesDates: flags.locale !== undefined, timelineLayout: flags.timeline ?? 'wide',
  };
  // Where status columns go is decided only when they are written.
  const run = openRun(workbook, options, flags.out !== undefined);
  const xlsx = kind === 'xlsx';
  return { run, csvSheets: xlsx ? undefined : workbook.sheets, bytes: xlsx ? bytes : undefined };
}

/**
 * The --products file: a workbook or CSV with a Products table (Product + Counts), found like any
 * table. Its rows override the rulebook's product catalogue and the workbook's own Products table.
 * @example (await readProductsFile("products.csv", "en-US")).mapping[0] // { product: "Contoso CRM Connector", counts: true }
 * @throws InputError (cli.error.noProductsTable, or the reading errors of readInputs)
 */
export async function readProductsFile(file: string, locale: Locale): Promise<{ mapping: readonly ProductMapping[]; issues: readonly DataIssue[] }> {
  const { workbook } = await readInputs([file], undefined, locale);
  const read = readWorkbook(workbook, { locale });
  if (!read.tables.some((tb) => tb.ref.kind === 'products')) {
    throw new InputError('cli.error.noProductsTable', { file });
  }
  return { mapping: read.productMapping, issues: read.issues.filter((i) => i.table === 'products') };
}

/** The package's folder: two up from src/cli (tests) and from lib/cli (the built and installed CLI). */
export const PACKAGE_ROOT = path.join(__dirname, '..', '..');

/**
 * The version in the package's package.json (what `competency --version` prints).
 * @example packageVersion() === "0.1.0"
 * @throws Error when package.json is missing or unreadable (a broken install)
 */
export function packageVersion(root: string = PACKAGE_ROOT): string {
  return String((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown }).version);
}

/**
 * What `competency evaluate --help` says after the options: exit codes and examples (docs/rules.md
 * 14). The sample and the rules are named by their absolute paths in the package, so the example
 * works from any folder (an installed package lives under node_modules, not in the user's folder).
 * @example evaluateHelpAfter("/usr/lib/node_modules/cloud-crm-competency-tracker")
 * @throws never
 */
export function evaluateHelpAfter(root: string = PACKAGE_ROOT): string {
  return `
Exit codes:
  0  evaluated (data issues included: see the summary, --json or the Competency Issues sheet)
  1  the input cannot be used (missing or unreadable file, no revenue or certification table)
  2  bad usage (unknown option, missing argument, bad --as-of date, market, rulebook or what-if value)

Examples:
  competency evaluate ${path.join(root, 'assets', 'sample-distributor.xlsx')} --as-of 2018-06-30
  competency evaluate revenue.csv certifications.csv --as-of 2018-06-30 --json > status.json
  competency evaluate workbook.xlsx --out result.xlsx

From a clone, run it as: npm run -s competency -- evaluate ... (-s keeps npm's own lines off stdout).
The rules: ${path.join(root, 'docs', 'rules.md')}.
`;
}

/**
 * The whole CLI: parses argv (without "node script"), runs, and returns the exit code.
 * @example process.exitCode = await main(process.argv.slice(2))
 * @throws never: every failure becomes one line on stderr and the exit code (failure)
 */
export async function main(argv: readonly string[], io: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTty: process.stderr.isTTY === true,
  today: () => isoFromLocalDate(new Date()),
  columns: () => (Number(process.env.COLUMNS) > 0 ? Number(process.env.COLUMNS) : undefined),
}): Promise<number> {
  let code = 0;
  failureLocale = 'en-US';
  const program = new Command('competency')
    .description('Evaluates the Microsoft Partner Network Cloud CRM competency (Silver/Gold) from revenue and certification sheets.')
    .exitOverride()
    // Commander's usage errors stay its own (English) words, on one line: its "(Did you mean
    // ...?)" suggestion would otherwise start a second one.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`${oneLine(text)}\n`) })
    .showHelpAfterError(false)
    .version(packageVersion(), '-V, --version', 'print the version');
  program
    .command('evaluate')
    .description('evaluate workbooks (.xlsx) and/or CSV/TSV files')
    .argument('<inputs...>', 'workbooks (.xlsx) and/or .csv/.tsv files, read as one set (each table recognised by its headers)')
    .option('--as-of <date>', 'as-of date, YYYY-MM-DD (default: today)')
    .addOption(new Option('--market <market>', 'market of partners the workbook does not place').choices(['developed', 'developing']))
    .option('--rulebook <id>', `force a rulebook (${builtInRulebooks().map((b) => b.id).join(', ')})`)
    // No default: without --locale the order of day and month is read from the data itself.
    .option('--locale <locale>', 'language and number/date conventions: en-US, pt-BR, de-DE, zh-TW, ko-KR, it-IT (default: en-US)')
    .option('--json', 'print one JSON document and nothing else on stdout')
    .addOption(new Option('--format <format>', 'table: the summary; csv: the Competency Status table (Next step column included) as CSV on stdout').choices(['table', 'csv']).default('table'))
    .option('--partner <id>', 'print only this partner (repeatable); --out still writes every partner', collect, [])
    .option('--wide', 'print the summary table in full, however wide (default: fitted to COLUMNS, else 100)')
    .option('--issues', 'list every data issue after the summary (default: the first 10)')
    .option('--out <file>', 'write a copy of the workbook with the status columns and sheets')
    .addOption(new Option('--timeline <layout>', 'the Competency Timeline sheet of --out: wide (a row per partner and measure, months as columns) or long (a row per partner and month, for pivot tables)').choices(['wide', 'long']).default('wide'))
    .option('--products <file>', 'your product mapping: a .csv/.xlsx with a Products table (Product, Counts yes/no); overrides the product catalogue')
    .option('--assume-pass <pass>', 'what-if: "[partner/]person:exam:YYYY-MM-DD" passes (repeatable; the partner is needed when the workbook has several)', collect, [])
    .option('--assume-revenue <revenue>', 'what-if: "[partner/]YYYY-MM:amount" of counted revenue in US$ that month (repeatable)', collect, [])
    .addHelpText('after', evaluateHelpAfter())
    .exitOverride()
    .action(async (inputs: string[], flags: EvaluateFlags) => {
      // From here on, failures speak the run's language (a bad --locale is refused in English).
      failureLocale = localeOf(flags.locale);
      code = await evaluateCommand(inputs, flags, io);
    });
  if (argv.length === 0) { io.stderr(program.helpInformation()); return 2; }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    const f = failure(e, { locale: failureLocale });
    io.stderr(`${f.line}\n`);
    if (f.stack !== undefined) io.stderr(`${f.stack}\n`);
    return f.code;
  }
  return code;
}

/**
 * Runs the CLI as a process: exit code from main, and any error that escapes it (an 'error' event
 * of a stream nobody listened to) still ends as one line and exit 1. A reader that closes stdout
 * early (`competency ... | head -1`) has what it wanted: the run ends quietly with exit 0.
 * @example runProcess(process.argv.slice(2))
 * @throws never: sets process.exitCode
 */
export function runProcess(argv: readonly string[]): void {
  const fail = (e: unknown): void => {
    const f = failure(e, { locale: failureLocale });
    process.stderr.write(`${f.line}\n${f.stack !== undefined ? `${f.stack}\n` : ''}`);
    process.exit(f.code);
  };
  process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(0) : fail(e)));
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  main(argv).then((code) => { process.exitCode = code; }, fail);
}

if (require.main === module) runProcess(process.argv.slice(2));
