/**
 * Runs an action: coerce and validate the input against its schema, apply its policy, run it. The one place where a
 * schema failure becomes `field: [messages]` (STYLE.md §4).
 */
import { Value } from '@sinclair/typebox/value';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { KotakError, type FieldErrors } from '../errors.js';
import { getAction } from './registry.js';
import type { ActionContext, ActionDef, ActionExtra } from './types.js';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checker(schema: TSchema): TypeCheck<TSchema> {
  let c = compiled.get(schema);
  if (!c) {
    c = TypeCompiler.Compile(schema);
    compiled.set(schema, c);
  }
  return c;
}

/** Validates `raw` against the action's schema. With `coerce`, strings from query strings become numbers/booleans. */
export function parseInput<T>(def: ActionDef, raw: unknown, coerce = false): T {
  let value: unknown = raw ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw KotakError.badRequest('The request body must be a JSON object');
  }
  value = Value.Default(def.input, Value.Clone(value));
  if (coerce) value = Value.Convert(def.input, value);
  const check = checker(def.input);
  if (!check.Check(value)) {
    const fields: FieldErrors = {};
    for (const err of check.Errors(value)) {
      const field = err.path.replace(/^\//, '').replace(/\//g, '.') || '(body)';
      (fields[field] ??= []).push(err.message);
    }
    throw KotakError.validation(fields);
  }
  return value as T;
}

export async function invoke<O = unknown>(
  ctx: ActionContext,
  name: string,
  raw: unknown,
  opts: { coerce?: boolean; extra?: ActionExtra } = {},
): Promise<O> {
  const def = getAction(name);
  if (!def) throw KotakError.badRequest(`Action name not known: ${name}`);
  const input = parseInput<never>(def, raw, opts.coerce);
  await def.policy(ctx, input);
  return (await def.run(ctx, input, opts.extra)) as O;
}
