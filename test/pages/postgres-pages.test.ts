import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { getAction, registerActions } from '../../src/actions/registry.js';
import { RESULTS_ACTIONS } from '../../src/actions/results.js';
import { loadDemoResults } from '../../src/actions/results-demo.js';
import { SYSTEM_ACTOR } from '../../src/actions/auth.js';
import { createPagesApp } from './support.js';

// The pages call actions only, but the actions run different SQL on PostgreSQL: every public page once there.
let t: TestApp;

beforeAll(async () => {
  if (!getAction('results.region')) registerActions(RESULTS_ACTIONS);
  t = await createPagesApp('postgres', { seed: true, config: { loadDemoResults: true } });
  await loadDemoResults(t.app.context(SYSTEM_ACTOR, 'system'));
}, 180_000);
afterAll(() => t?.close());

describe('pages on PostgreSQL', () => {
  it('renders every public page', async () => {
    const paths = [
      '/', '/dataset', '/dataset?q=wilayah&organization=kpu-provinsi-banten', '/dataset/wilayah-administrasi-banten',
      '/organization', '/organization/kpu-kota-serang', '/integritas', '/kematangan', '/kematangan/kpu-kota-serang',
      '/hasil', '/hasil/pemilu-2024/ppwp/36', '/hasil/pemilu-2024/ppwp/3673011002', '/hasil/pemilu-2024/ppwp/tps/3673011002001',
      '/hasil/pemilu-2024/ppwp/3673/tanda', '/hasil/pemilu-2024/ppwp/3673/forensik', '/api', '/tentang', '/masuk',
    ];
    for (const url of paths) {
      const res = await t.server.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
    }
  });
});
