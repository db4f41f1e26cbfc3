/**
 * Every setting of Kotak, read from environment variables and validated at start-up.
 * Each setting has a name, a default and a description; `docs/configuration.md` is checked against this list by a test.
 *
 * @example
 *   const config = loadConfig(process.env);
 *   config.port; // 8080
 */
import { resolve, join } from 'node:path';

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl: string;
  maxUploadBytes: number;
  siteTitle: string;
  logOrigin: string;
  logKeyFile: string | null;
  seed: boolean;
  loadDemoResults: boolean;
  sessionSecret: string | null;
  sqlTimeoutMs: number;
  logLevel: string;
  searchEngine: 'memory' | 'sql';
}

export interface Setting {
  env: string;
  key: keyof Config;
  description: string;
  default: string;
  secret?: boolean;
  parse: (raw: string, env: Record<string, string | undefined>) => unknown;
}

export class ConfigError extends Error {
  constructor(public readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
  }
}

const int = (min: number, max: number) => (raw: string): number => {
  if (!/^\d+$/.test(raw)) throw new Error(`expected a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new Error(`expected a number from ${min} to ${max}, got ${n}`);
  return n;
};
const bool = (raw: string): boolean => {
  const v = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new Error(`expected true or false, got "${raw}"`);
};
const text = (raw: string): string => raw;
const url = (raw: string): string => {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`expected an absolute http(s) URL, got "${raw}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`expected http or https, got "${u.protocol}"`);
  return raw.replace(/\/+$/, '');
};
const databaseUrl = (raw: string): string => {
  if (/^postgres(ql)?:\/\//.test(raw) || /^sqlite:/.test(raw)) return raw;
  throw new Error(`expected sqlite:PATH or postgres://…, got "${raw}"`);
};

/** The declaration of every setting, in the order the docs list them. */
export const SETTINGS: Setting[] = [
  { env: 'KOTAK_PORT', key: 'port', default: '8080', description: 'TCP port the portal listens on.', parse: int(0, 65535) },
  { env: 'KOTAK_HOST', key: 'host', default: '0.0.0.0', description: 'Interface to listen on.', parse: text },
  {
    env: 'KOTAK_BASE_URL',
    key: 'baseUrl',
    default: 'http://localhost:{KOTAK_PORT}',
    description: 'Public address of the portal, used in links, download URLs, DCAT URIs and the CKAN `help` field.',
    parse: url,
  },
  {
    env: 'KOTAK_DATA_DIR',
    key: 'dataDir',
    default: './data',
    description: 'Directory for the SQLite database, uploaded files (blobs) and the log signing key.',
    parse: (raw) => resolve(raw),
  },
  {
    env: 'KOTAK_DATABASE_URL',
    key: 'databaseUrl',
    default: 'sqlite:{KOTAK_DATA_DIR}/kotak.db',
    description: 'Database: `sqlite:PATH` (embedded default) or `postgres://user@host:port/db` (production).',
    secret: true,
    parse: databaseUrl,
  },
  {
    env: 'KOTAK_MAX_UPLOAD_BYTES',
    key: 'maxUploadBytes',
    default: String(200 * 1024 * 1024),
    description: 'Largest accepted upload in bytes; larger requests get 413.',
    parse: int(1, 16 * 1024 ** 3),
  },
  { env: 'KOTAK_SITE_TITLE', key: 'siteTitle', default: 'Kotak — Portal Data Terbuka KPU Banten', description: 'Title of the portal.', parse: text },
  {
    env: 'KOTAK_LOG_ORIGIN',
    key: 'logOrigin',
    default: '{host of KOTAK_BASE_URL}/log',
    description: 'Origin line of the publication log checkpoints (C2SP tlog-checkpoint) and the key name.',
    parse: text,
  },
  {
    env: 'KOTAK_LOG_KEY_FILE',
    key: 'logKeyFile',
    default: '',
    description: 'Signer key file for the log; empty = generated on first start in {KOTAK_DATA_DIR}/keys/ (mode 0600).',
    secret: true,
    parse: (raw) => (raw === '' ? null : resolve(raw)),
  },
  { env: 'KOTAK_SEED', key: 'seed', default: 'true', description: 'Create the Banten organisations, groups and first dataset when the database is empty.', parse: bool },
  {
    env: 'KOTAK_DEMO_RESULTS',
    key: 'loadDemoResults',
    default: 'true',
    description: 'Load the real Banten PPWP 2024 TPS results when no results exist yet.',
    parse: bool,
  },
  {
    env: 'KOTAK_SESSION_SECRET',
    key: 'sessionSecret',
    default: '',
    description: 'Secret for signing session cookies and CSRF tokens; empty = generated into the data dir.',
    secret: true,
    parse: (raw) => (raw === '' ? null : raw),
  },
  {
    env: 'KOTAK_SQL_TIMEOUT_MS',
    key: 'sqlTimeoutMs',
    default: '5000',
    description: 'Time limit of user-supplied read-only SQL (DataStore SQL, analytics).',
    parse: int(10, 600_000),
  },
  {
    env: 'KOTAK_SEARCH_ENGINE',
    key: 'searchEngine',
    default: 'memory',
    description: 'Dataset search: `memory` (in-process index mirrored from the database, fastest) or `sql` (SQLite FTS5 / PostgreSQL full-text queries).',
    parse: (raw) => {
      if (raw !== 'memory' && raw !== 'sql') throw new Error(`expected memory or sql, got "${raw}"`);
      return raw;
    },
  },
  { env: 'KOTAK_LOG_LEVEL', key: 'logLevel', default: 'info', description: 'Server log level (fatal, error, warn, info, debug, silent).', parse: (raw) => {
    if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(raw)) throw new Error(`unknown level "${raw}"`);
    return raw;
  } },
];

/** Reads and validates every setting; throws ConfigError naming the variable on the first invalid value. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const out: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const raw = env[s.env];
    if (raw === undefined || raw === '') {
      if (s.default.includes('{')) continue; // derived below
      out[s.key] = s.parse(s.default, env);
      continue;
    }
    try {
      out[s.key] = s.parse(raw, env);
    } catch (e) {
      throw new ConfigError(s.env, (e as Error).message);
    }
  }
  const c = { ...out, ...overrides } as Config;
  if (!c.baseUrl) c.baseUrl = `http://localhost:${c.port}`;
  if (!c.databaseUrl) c.databaseUrl = `sqlite:${join(c.dataDir, 'kotak.db')}`;
  if (!c.logOrigin) c.logOrigin = `${new URL(c.baseUrl).host}/log`;
  return c;
}
