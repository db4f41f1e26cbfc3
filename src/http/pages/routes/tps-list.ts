import type { FastifyInstance } from 'fastify';
import { invoke } from '../../../actions/invoke.js';
import { requireActor } from '../../../actions/policies.js';
import { getAction } from '../../../actions/registry.js';
import type { ActionContext } from '../../../actions/types.js';
import { KotakError, isKotakError } from '../../../errors.js';
import { readMultipart } from '../../upload.js';
import { one, type FormBody } from '../form.js';
import type { PageKit } from '../kit.js';
import type { ContestSummary, ElectionSummary, TpsListImportSummary } from '../results-model.js';
import { tpsListFormPage, tpsListReportPage } from '../views/tps-list.js';
import { refusalMessages } from './results-import.js';

/** The page exists once the list import and the election list do (as hasImport() for results files). */
export function hasTpsListImport(): boolean {
  return getAction('results.tpsListImport') !== undefined && getAction('election.list') !== undefined;
}

/**
 * /ruang-kerja/daftar-tps: upload an election's TPS list (results.tpsListImport) with upload progress; the answer is
 * the list report; /ruang-kerja/daftar-tps/hapus removes a region's list (results.tpsListRemove) with the same report.
 * Who may do either is the action's policy (an editor of the KPU office owning the region).
 */
export function tpsListRoutes(server: FastifyInstance, kit: PageKit): void {
  const elections = (action: ActionContext) => invoke<ElectionSummary[]>(action, 'election.list', {});
  const maxBytes = () => kit.app.services.config.maxUploadBytes;

  server.get('/ruang-kerja/daftar-tps', async (req, reply) => {
    if (!hasTpsListImport()) throw KotakError.notFound('Page');
    const { page, action } = await kit.begin(req, reply);
    requireActor(action); // anonymous → unauthorized → the error handler sends GETs to /masuk
    reply.header('cache-control', 'no-store');
    return kit.send(reply, tpsListFormPage(page, { elections: await elections(action), maxBytes: maxBytes() }));
  });

  server.post('/ruang-kerja/daftar-tps', async (req, reply) => {
    if (!hasTpsListImport()) throw KotakError.notFound('Page');
    kit.checkCsrf(req); // token in the address: checked before the file is read
    const { page, action } = await kit.begin(req, reply);
    requireActor(action);
    reply.header('cache-control', 'no-store');
    const { fields, upload } = await readMultipart(kit.app, req);
    const election = String(fields.election ?? '');
    const again = async (errors: string[], status: number) =>
      kit.send(reply, tpsListFormPage(page, { elections: await elections(action), maxBytes: maxBytes(), values: { election }, errors }), status);
    if (!upload || upload.size === 0) return again([page.t('upload.missing')], 400);
    try {
      const summary = await invoke<TpsListImportSummary>(action, 'results.tpsListImport', { election }, { extra: { upload } });
      const contests = await invoke<ContestSummary[]>(action, 'contest.list', { election });
      return kit.send(reply, tpsListReportPage(page, summary, contests));
    } catch (e) {
      return again(refusalMessages(e), isKotakError(e) ? e.status : 400);
    }
  });

  server.post<{ Body: FormBody }>('/ruang-kerja/daftar-tps/hapus', async (req, reply) => {
    if (!hasTpsListImport()) throw KotakError.notFound('Page');
    kit.checkCsrf(req, req.body);
    const { page, action } = await kit.begin(req, reply);
    requireActor(action);
    reply.header('cache-control', 'no-store');
    const election = one(req.body?.election).trim();
    const region = one(req.body?.region).trim();
    try {
      const summary = await invoke<TpsListImportSummary>(action, 'results.tpsListRemove', { election, region });
      const contests = await invoke<ContestSummary[]>(action, 'contest.list', { election });
      return kit.send(reply, tpsListReportPage(page, summary, contests, true));
    } catch (e) {
      const removeErrors = refusalMessages(e);
      return kit.send(reply, tpsListFormPage(page, { elections: await elections(action), maxBytes: maxBytes(), values: { election, region }, removeErrors }), isKotakError(e) ? e.status : 400);
    }
  });
}
