/**
 * Which Office requirement sets the add-in's code needs, read from the code itself: every
 * property access, call and `new` in the given files is resolved by the TypeScript checker to its
 * declaration, and the declaration's `[Api set: Name x.y]` note in the Office type definitions
 * gives the set. Used by test/manifest.test.ts against the sets manifest.xml declares.
 */
import * as path from 'node:path';
import * as ts from 'typescript';

/** One use of an Office API member that belongs to a requirement set. */
export interface ApiUse { readonly member: string; readonly set: string; readonly version: string; readonly at: string }

const TYPE_FILES = /node_modules\/@types\/(office-js|custom-functions-runtime|office-runtime)\//;

/** "1.10" > "1.9": versions compared number by number. */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number), y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The `[Api set: ...]` notes of a declaration's JSDoc: "ExcelApi 1.7" -> { set, version }. */
function apiSets(decl: ts.Node): { set: string; version: string }[] {
  const text = ts.getJSDocCommentsAndTags(decl).map((d) => d.getText()).join('\n');
  return [...text.matchAll(/\[Api set: ([A-Za-z]+) (\d+(?:\.\d+)*)/g)].map((m) => ({ set: m[1] as string, version: m[2] as string }));
}

/**
 * Every Office API member used in the source files, with the requirement set its declaration
 * names (members without a set, like Office.onReady, are left out).
 * @example apiUses(['src/office/excel.ts']) // [{ member: 'Excel.Worksheet.getRangeByIndexes', set: 'ExcelApi', version: '1.7', at: 'src/office/excel.ts:88' }, ...]
 */
export function apiUses(files: readonly string[], tsconfig = path.resolve(__dirname, '../../tsconfig.json')): ApiUse[] {
  const config = ts.readConfigFile(tsconfig, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(tsconfig));
  const program = ts.createProgram({ rootNames: [...files], options: { ...parsed.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const uses: ApiUse[] = [];
  const root = path.dirname(tsconfig);
  const record = (decl: ts.Node | undefined, node: ts.Node, source: ts.SourceFile): void => {
    if (!decl || !TYPE_FILES.test(decl.getSourceFile().fileName.replace(/\\/g, '/'))) return;
    const member = memberName(decl);
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    for (const { set, version } of apiSets(decl)) uses.push({ member, set, version, at: `${path.relative(root, source.fileName)}:${line + 1}` });
  };
  for (const file of files) {
    const source = program.getSourceFile(path.resolve(file));
    if (!source) throw new Error(`not in the program: ${file}`);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
        const name = ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
        // A call resolves to the overload actually used; anything else to the member itself.
        const call = node.parent && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent)) && node.parent.expression === node ? node.parent : undefined;
        const signature = call ? checker.getResolvedSignature(call)?.declaration : undefined;
        const symbol = checker.getSymbolAtLocation(name);
        const resolved = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        const own = resolved?.declarations ?? [];
        // A call counts the overload used; `new` also counts the class itself, whose note carries the
        // set (new CustomFunctions.Error: CustomFunctionsRuntime 1.2).
        const decls = signature && !ts.isJSDocSignature(signature) ? (call && ts.isNewExpression(call) ? [signature, ...own] : [signature]) : own;
        for (const decl of decls) record(decl, name, source);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

function memberName(decl: ts.Node): string {
  const parts: string[] = [];
  for (let n: ts.Node | undefined = decl; n && !ts.isSourceFile(n); n = n.parent) {
    const name = (n as { name?: ts.Node }).name;
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) parts.unshift(name.text);
  }
  return parts.join('.');
}

/**
 * The requirement sets a manifest declares: { ExcelApi: '1.7', ... }.
 * @example declaredSets(readFileSync('manifest.xml', 'utf8')) // { ExcelApi: '1.7', SharedRuntime: '1.1', CustomFunctionsRuntime: '1.3' }
 */
export function declaredSets(manifestXml: string): Record<string, string> {
  const sets = /<Sets\b([^>]*)>([\s\S]*?)<\/Sets>/.exec(manifestXml);
  if (!sets) return {};
  const fallback = /DefaultMinVersion="([^"]+)"/.exec(sets[1] as string)?.[1] ?? '1.1';
  const out: Record<string, string> = {};
  for (const m of (sets[2] as string).matchAll(/<Set\b([^>]*)\/?>/g)) {
    const attrs = m[1] as string;
    const name = /Name="([^"]+)"/.exec(attrs)?.[1];
    if (name) out[name] = /MinVersion="([^"]+)"/.exec(attrs)?.[1] ?? fallback;
  }
  return out;
}

/**
 * The uses whose set the manifest does not declare, or declares at a lower version, as messages.
 * @example undeclared(uses, { ExcelApi: '1.4' }) // ['src/office/excel.ts:88: Excel.Worksheet.getRangeByIndexes needs ExcelApi 1.7, the manifest declares ExcelApi 1.4']
 */
export function undeclared(uses: readonly ApiUse[], declared: Record<string, string>): string[] {
  const out = uses
    .filter((u) => declared[u.set] === undefined || compareVersions(u.version, declared[u.set] as string) > 0)
    .map((u) => `${u.at}: ${u.member} needs ${u.set} ${u.version}, the manifest declares ${declared[u.set] ? `${u.set} ${declared[u.set]}` : `no ${u.set}`}`);
  return [...new Set(out)];
}
