/**
 * A very small JSON-schema-like checker: enough to validate rulebooks on load and report the
 * exact path of the first problem. Why not a JSON Schema library: core ships inside the Excel
 * task pane bundle, and this covers the handful of shapes a rulebook has in ~80 lines.
 */
import { RulebookError } from './errors';

/** The shapes a schema can describe. */
export type Schema =
  | { readonly type: 'string'; readonly pattern?: RegExp; readonly enum?: readonly string[]; readonly minLength?: number }
  | { readonly type: 'number'; readonly integer?: boolean; readonly minimum?: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'array'; readonly items: Schema; readonly minItems?: number }
  | { readonly type: 'object'; readonly properties: Readonly<Record<string, Schema>>; readonly optional?: readonly string[] };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `"${value}"` : typeof value === 'object' ? 'an object' : String(value);
}

/**
 * Throws RulebookError naming the JSON path of the first value that does not fit the schema.
 * Unknown object properties are errors too, so a typo ("acceptedUntill") cannot pass silently.
 * @example checkSchema({ type: 'number' }, 'x', '$.gold') // throws "Invalid rulebook at $.gold: expected a number, got "x""
 */
export function checkSchema(schema: Schema, value: unknown, path = '$'): void {
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') throw new RulebookError(path, `expected a string, got ${describe(value)}`);
      if (schema.minLength !== undefined && value.length < schema.minLength) throw new RulebookError(path, 'must not be empty');
      if (schema.enum && !schema.enum.includes(value)) throw new RulebookError(path, `expected one of ${schema.enum.join(', ')}, got ${describe(value)}`);
      if (schema.pattern && !schema.pattern.test(value)) throw new RulebookError(path, `${describe(value)} does not match ${String(schema.pattern)}`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new RulebookError(path, `expected a number, got ${describe(value)}`);
      if (schema.integer && !Number.isInteger(value)) throw new RulebookError(path, `expected an integer, got ${value}`);
      if (schema.minimum !== undefined && value < schema.minimum) throw new RulebookError(path, `must be at least ${schema.minimum}, got ${value}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw new RulebookError(path, `expected true or false, got ${describe(value)}`);
      return;
    case 'array':
      if (!Array.isArray(value)) throw new RulebookError(path, `expected an array, got ${describe(value)}`);
      if (schema.minItems !== undefined && value.length < schema.minItems) throw new RulebookError(path, `expected at least ${schema.minItems} item(s)`);
      value.forEach((item, i) => checkSchema(schema.items, item, `${path}[${i}]`));
      return;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RulebookError(path, `expected an object, got ${describe(value)}`);
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!(key in schema.properties)) throw new RulebookError(`${path}.${key}`, 'unknown property');
      }
      for (const [key, sub] of Object.entries(schema.properties)) {
        if (record[key] === undefined) {
          if (schema.optional?.includes(key)) continue;
          throw new RulebookError(`${path}.${key}`, 'is required');
        }
        checkSchema(sub, record[key], `${path}.${key}`);
      }
      return;
    }
  }
}
