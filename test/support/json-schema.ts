/**
 * The --json document's schema (docs/competency.schema.json, shipped with the package), compiled
 * once with ajv: runCli checks every --json output the CLI tests produce against it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

/** Where the schema lives in the repository (and in the package). */
export const SCHEMA_FILE = path.join(__dirname, '..', '..', 'docs', 'competency.schema.json');

let validate: ValidateFunction | undefined;

/**
 * Throws, naming the first places that do not fit, when `text` is not a --json document the
 * schema describes.
 * @example expectSchemaValid(run.stdout)
 */
export function expectSchemaValid(text: string): void {
  validate ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  const doc = JSON.parse(text) as unknown;
  if (!validate(doc)) {
    const where = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    throw new Error(`--json output does not fit docs/competency.schema.json:\n${where.join('\n')}`);
  }
}
