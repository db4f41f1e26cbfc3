/**
 * Validation of ERR JSON against the NIST v2 JSON Schema (draft-07, fixtures/results/nist-err/, copied from
 * usnistgov/cdf-test-method with its licence note). The schema uses a non-standard `refTypes` keyword, so Ajv runs
 * with `strict: false`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

// ajv and ajv-formats are CommonJS with a default export; under NodeNext the class sits on `.default`.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

export const NIST_SCHEMA_PATH = fileURLToPath(new URL('../../../fixtures/results/nist-err/NIST_V2_election_results_reporting.json', import.meta.url));

let validator: ValidateFunction | null = null;

/** Returns the schema errors of a document as `path: message` lines (empty = valid). */
export function validateErr(doc: unknown): string[] {
  if (!validator) {
    const ajv = new (Ajv as unknown as new (o: object) => import('ajv').default)({ strict: false, allErrors: true });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(NIST_SCHEMA_PATH, 'utf8')));
  }
  if (validator(doc)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}
