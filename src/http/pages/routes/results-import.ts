import type { FastifyInstance } from 'fastify';
import { invoke } from '../../../actions/invoke.js';
import { requireActor } from '../../../actions/policies.js';
import { getAction } from '../../../actions/registry.js';
import type { ImportSummary } from '../../../actions/results-import.js';
import type { ActionContext } from '../../../actions/types.js';
import { KotakError, isKotakError } from '../../../errors.js';
import { readMultipart } from '../../upload.js';
import type { PageKit } from '../kit.js';
import type { ContestSummary, ElectionSummary, FlagsResult } from '../results-model.js';
import { importFormPage, importReportPage } from '../views/results-import.js';

export function hasImport(): boolean {
  return getAction('results.import') !== undefined && getAction('election.list') !== undefined;
}

async function contests(action: ActionContext) {
  const elections = await invoke<ElectionSummary[]>(action, 'election.list', {});
  const lists = await Promise.all(elections.map(async (election) => (await invoke<ContestSummary[]>(action, 'contest.list', { election: election.id })).map((contest) => ({ election, contest }))));
  return lists.flat();
}

/**
 * A refused import in words: the message and each field's messages (the importer names row and column). Rethrows what
 * is not the file's fault (forbidden, not found, internal), for the error page.
 */
export function refusalMessages(e: unknown): string[] {
  if (!isKotakError(e)) throw e;
  if (e.code !== 'validation' && e.code !== 'bad_request' && e.code !== 'payload_too_large' && e.code !== 'unsupported_media_type') throw e;
  const out = Object.entries(e.fields ?? {}).map(([f, m]) => `${f}: ${m.join('; ')}`);
  const detail = e.detail ? Object.entries(e.detail).map(([k, v]) => `${k} ${String(v)}`).join(', ') : '';
  return out.length ? out : [`${e.message}${detail ? ` (${detail})` : ''}`];
}

/** /ruang-kerja/impor: import results (results.import) with upload progress and the check report as the answer. */
export function resultsImportRoutes(server: FastifyInstance, kit: PageKit): void {
  server.get('/ruang-kerja/impor', async (req, reply) => {
    if (!hasImport()) throw KotakError.notFound('Page');
    const { page, action } = await kit.begin(req, reply);
    requireActor(action);
    reply.header('cache-control', 'no-store');
    return kit.send(reply, importFormPage(page, { contests: await contests(action), maxBytes: kit.app.services.config.maxUploadBytes }));
  });

  server.post('/ruang-kerja/impor', async (req, reply) => {
    if (!hasImport()) throw KotakError.notFound('Page');
    kit.checkCsrf(req); // token in the address: checked before the file is read
    const { page, action } = await kit.begin(req, reply);
    requireActor(action);
    reply.header('cache-control', 'no-store');
    const { fields, upload } = await readMultipart(kit.app, req);
    const values = { target: String(fields.target ?? ''), layout: String(fields.layout ?? 'auto'), reason: String(fields.reason ?? '') };
    const [election, contest] = values.target.split('/');
    const again = async (errors: string[], status: number) =>
      kit.send(reply, importFormPage(page, { contests: await contests(action), maxBytes: kit.app.services.config.maxUploadBytes, values, errors }), status);
    if (!upload || upload.size === 0) return again([page.t('upload.missing')], 400);
    try {
      const summary = await invoke<Omit<ImportSummary, 'timings'>>(
        action,
        'results.import',
        { election, contest, layout: values.layout, ...(values.reason.trim() ? { reason: values.reason.trim() } : {}) },
        { extra: { upload } },
      );
      const rules = (await invoke<FlagsResult>(action, 'results.flags', { election, contest, limit: 1 })).rules;
      return kit.send(reply, importReportPage(page, summary, rules));
    } catch (e) {
      return again(refusalMessages(e), isKotakError(e) ? e.status : 400);
    }
  });
}
