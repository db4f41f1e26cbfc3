/**
 * Loads and validates `config/maturity.json`, the one file holding every weight, band, gate and threshold of the
 * maturity assessment (issue 5 §4; STYLE.md §10). A malformed file fails at start-up with the path of each problem.
 *
 * @example
 *   const config = loadMaturityConfig();          // config/maturity.json
 *   config.indicators['mqa.keywords'];            // 30
 */
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { KotakError } from '../errors.js';

const Text = Type.Object({ id: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) });
const Weight = Type.Number({ minimum: 0 });
const Fraction = Type.Number({ minimum: 0, maximum: 1 });

const Dimension = Type.Object({ weight: Weight, source: Type.String({ minLength: 1 }) });

export const MaturityConfigSchema = Type.Object({
  $comment: Type.Optional(Type.String()),
  version: Type.String({ minLength: 1 }),
  sources: Type.Record(Type.String(), Type.String()),
  dimensions: Type.Object({ policy: Dimension, publication: Dimension, quality: Dimension, impact: Dimension }),
  levels: Type.Array(
    Type.Object({ level: Type.Integer({ minimum: 1, maximum: 5 }), minScore: Type.Number({ minimum: 0, maximum: 100 }), name: Text }),
    { minItems: 5, maxItems: 5 },
  ),
  levelsSource: Type.String(),
  gates: Type.Array(
    Type.Object({
      id: Type.String({ minLength: 1 }),
      level: Type.Integer({ minimum: 2, maximum: 5 }),
      metric: Type.String({ minLength: 1 }),
      op: Type.Union([Type.Literal('>='), Type.Literal('>')]),
      value: Type.Number(),
      title: Text,
      source: Type.String({ minLength: 1 }),
    }),
  ),
  disagreementThreshold: Type.Number({ minimum: 0, maximum: 100 }),
  disagreementSource: Type.String(),
  answers: Type.Object({ yes: Fraction, partial: Fraction, no: Fraction, source: Type.String() }),
  indicators: Type.Record(Type.String(), Weight),
  indicatorsSource: Type.String(),
  mqaBands: Type.Array(Type.Object({ min: Type.Number({ minimum: 0 }), name: Text }), { minItems: 1 }),
  timeliness: Type.Object({
    tolerance: Type.Number({ minimum: 0 }),
    resultsFullWithinDays: Type.Number({ minimum: 0 }),
    resultsZeroAfterDays: Type.Number({ minimum: 0 }),
    source: Type.String(),
  }),
  granularity: Type.Object({
    tps: Fraction, desa: Fraction, kecamatan: Fraction, kabkota: Fraction, provinsi: Fraction, source: Type.String(),
  }),
  usage: Type.Object({
    windowDays: Type.Integer({ minimum: 1 }),
    downloadsPerDataset: Type.Number({ minimum: 1 }),
    apiCallsPerDataset: Type.Number({ minimum: 1 }),
    source: Type.String(),
  }),
  godi: Type.Object({
    online: Weight, free: Weight, bulk: Weight, upToDate: Weight, openLicence: Weight, openMachineReadable: Weight,
    upToDateDays: Type.Number({ minimum: 0 }),
    source: Type.String(),
  }),
  coreDatasets: Type.Array(Type.Object({ group: Type.String({ minLength: 1 }), title: Text })),
  coreDatasetsSource: Type.String(),
});

export type MaturityConfig = Static<typeof MaturityConfigSchema>;
export type Gate = MaturityConfig['gates'][number];

export const DEFAULT_CONFIG_PATH = new URL('../../config/maturity.json', import.meta.url);

/** Validate a parsed configuration object; throws KotakError('validation') naming each bad path. */
export function parseMaturityConfig(raw: unknown): MaturityConfig {
  if (!Value.Check(MaturityConfigSchema, raw)) {
    const fields: Record<string, string[]> = {};
    for (const e of Value.Errors(MaturityConfigSchema, raw)) (fields[e.path || '/'] ??= []).push(e.message);
    throw KotakError.validation(fields, 'config/maturity.json is invalid');
  }
  const cfg = raw as MaturityConfig;
  const fields: Record<string, string[]> = {};
  const mins = cfg.levels.map((l) => l.minScore);
  if (cfg.levels.some((l, i) => l.level !== i + 1) || mins[0] !== 0 || mins.some((m, i) => i > 0 && m <= mins[i - 1]!)) {
    fields['/levels'] = ['levels must be 1..5 in order, starting at 0 with rising minScore'];
  }
  const dimSum = Object.values(cfg.dimensions).reduce((s, d) => s + d.weight, 0);
  if (Math.abs(dimSum - 1) > 1e-9) fields['/dimensions'] = [`dimension weights must add up to 1, not ${dimSum}`];
  if (Object.keys(fields).length) throw KotakError.validation(fields, 'config/maturity.json is invalid');
  return cfg;
}

const cache = new Map<string, MaturityConfig>();

/** Read (once per path) and validate the configuration file. */
export function loadMaturityConfig(path: URL | string = DEFAULT_CONFIG_PATH): MaturityConfig {
  const key = String(path);
  let cfg = cache.get(key);
  if (!cfg) {
    cfg = parseMaturityConfig(JSON.parse(readFileSync(path, 'utf8')) as unknown);
    cache.set(key, cfg);
  }
  return cfg;
}
