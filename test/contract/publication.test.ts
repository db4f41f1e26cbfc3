/** What a dataset write puts into the publication log (issue 4 §1), on both databases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../support/app.js';
import { makeOrg, makeUser, type TestUser } from '../support/factories.js';
import { invoke } from '../../src/actions/invoke.js';
import type { Dataset } from '../../src/catalog/types.js';

describe.each(DIALECTS)('dataset publication on %s', (dialect) => {
  let t: TestApp;
  let editor: TestUser;
  const entries = async (subject: string) => (await invoke<{ count: number; entries: Array<{ kind: string; sha256: string }> }>(t.system, 'log.entries', { subject })).entries;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const org = await makeOrg(t, 'kpu-pub');
    editor = await makeUser(t, { org: org.id });
  });
  afterAll(async () => t?.close());

  it('logs a public dataset version and an uploaded file, and nothing for a private one until it is published', async () => {
    const ctx = t.as(editor.actor);
    const d = await invoke<Dataset>(ctx, 'dataset.create', { name: 'konsep-dulu', owner_org: 'kpu-pub', private: true });
    const put = await t.app.services.blobs.put(Buffer.from('a,b\n1,2\n'));
    const r = await invoke<{ id: string; sha256: string }>(ctx, 'resource.create', { package_id: d.id, name: 'x.csv' }, { extra: { upload: { ...put, filename: 'x.csv', mediaType: 'text/csv' } } });
    expect(await entries(`dataset:${d.id}`)).toEqual([]);
    expect(await entries(`resource:${r.id}`)).toEqual([]);

    await invoke(ctx, 'dataset.patch', { id: d.id, private: false });
    expect((await entries(`dataset:${d.id}`)).map((e) => e.kind)).toContain('dataset-version');
    const files = await entries(`resource:${r.id}`);
    expect(files.map((e) => [e.kind, e.sha256])).toEqual([['resource', put.sha256]]);

    // A later change of metadata adds a dataset version but does not log the same file again.
    await invoke(ctx, 'dataset.patch', { id: d.id, title: 'Judul baru' });
    expect(await entries(`resource:${r.id}`)).toHaveLength(1);
  });
});
