/** The configuration module: defaults, derived values, and start-up errors that name the variable. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('config', () => {
  it('uses documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.baseUrl).toBe('http://localhost:8080');
    expect(c.databaseUrl).toMatch(/^sqlite:.*data\/kotak\.db$/);
    expect(c.logOrigin).toBe('localhost:8080/log');
  });

  it('selects PostgreSQL from a postgres:// URL', () => {
    expect(loadConfig({ KOTAK_DATABASE_URL: 'postgres://u@h:5432/db' }).databaseUrl).toBe('postgres://u@h:5432/db');
  });

  it.each([
    ['KOTAK_PORT', 'abc'],
    ['KOTAK_PORT', '70000'],
    ['KOTAK_BASE_URL', 'not a url'],
    ['KOTAK_DATABASE_URL', 'mysql://x'],
    ['KOTAK_SEED', 'perhaps'],
    ['KOTAK_MAX_UPLOAD_BYTES', '-1'],
    ['KOTAK_LOG_LEVEL', 'loud'],
  ])('stops with a message naming %s when it is %j', (env, value) => {
    let err: unknown;
    try {
      loadConfig({ [env]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(env);
    expect((err as Error).message).toContain(env);
  });
});
