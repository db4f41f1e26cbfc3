/** One error shape per surface (STYLE.md §6): every code maps to its status and CKAN __type; 500s carry a logged id. */
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { registerActions } from '../../src/actions/registry.js';
import { defineAction } from '../../src/actions/types.js';
import { anyone } from '../../src/actions/policies.js';
import { ERROR_CODES, KotakError, type ErrorCode } from '../../src/errors.js';
import { sendError } from '../../src/http/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';

const boom = defineAction({
  name: 'test.boom',
  ckan: 'test_boom',
  summary: 'Throws an unexpected error (test only).',
  input: Type.Object({}),
  readOnly: true,
  policy: anyone,
  async run(): Promise<never> {
    throw new Error('secret database detail');
  },
});

describe('error shape', () => {
  let t: TestApp;
  const logged: unknown[] = [];
  beforeAll(async () => {
    registerActions([boom]);
    t = await createTestApp('sqlite', { logger: { info() {}, warn() {}, error: (o: unknown) => logged.push(o) } });
  });
  afterAll(async () => t?.close());

  it('turns an unexpected error into a 500 with an id that is in the log, without its text', async () => {
    const r = await t.server.inject({ method: 'GET', url: '/api/3/action/test_boom' });
    expect(r.statusCode).toBe(500);
    const err = r.json().error;
    expect(err.__type).toBe('Internal Server Error');
    expect(err.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body).not.toContain('secret database detail');
    expect(JSON.stringify(logged)).toContain(err.id);
    expect(JSON.stringify(logged)).toContain('secret database detail');
  });

  it.each(Object.keys(ERROR_CODES) as ErrorCode[])('maps %s to its status on both surfaces', async (code) => {
    const server = Fastify();
    server.get('/api/3/action/x', async () => {
      throw new KotakError(code, `a ${code} error`, code === 'validation' ? { fields: { f: ['bad'] } } : {});
    });
    server.get('/api/v1/x', async () => {
      throw new KotakError(code, `a ${code} error`);
    });
    server.setErrorHandler((e, req, reply) => sendError(req, reply, e, { info() {}, warn() {}, error() {} }, 'http://kotak.test'));
    const ckan = await server.inject({ url: '/api/3/action/x' });
    const rest = await server.inject({ url: '/api/v1/x' });
    const spec = ERROR_CODES[code];
    expect(ckan.statusCode).toBe(spec.status);
    expect(ckan.json()).toMatchObject({ success: false, help: expect.any(String), error: { __type: spec.ckanType, message: expect.any(String) } });
    if (code === 'validation') expect(ckan.json().error.f).toEqual(['bad']);
    expect(rest.statusCode).toBe(spec.status);
    expect(Object.keys(rest.json())).toEqual(['error']);
    expect(rest.json().error.code).toBe(code);
    await server.close();
  });
});
