import type { FastifyInstance } from 'fastify';
import type { Comparison, ShownAssessment } from '../../../actions/maturity.js';
import { invoke } from '../../../actions/invoke.js';
import { getAction } from '../../../actions/registry.js';
import { KotakError } from '../../../errors.js';
import type { PageKit } from '../kit.js';
import { maturityDashboard, maturityOfficePage } from '../views/maturity.js';
import { maturityReportPage } from '../views/maturity-report.js';

/** The maturity part's actions (src/actions/maturity.ts); without them the pages are left out. */
export function hasMaturity(): boolean {
  return getAction('maturity.compare') !== undefined && getAction('maturity.show') !== undefined;
}

/**
 * /kematangan (the nine offices compared), /kematangan/{organization} (level, evidence, recommendations) and
 * /kematangan/{organization}/laporan (the same assessment laid out for printing, issue 5 §6).
 */
export function maturityRoutes(server: FastifyInstance, kit: PageKit): void {
  server.get('/kematangan', async (req, reply) => {
    if (!hasMaturity()) throw KotakError.notFound('Page');
    const { page, action } = await kit.begin(req, reply);
    const round = page.query.get('putaran') ?? undefined;
    const comparison = await invoke<Comparison>(action, 'maturity.compare', round ? { round } : {});
    return kit.send(reply, maturityDashboard(page, comparison));
  });

  server.get<{ Params: { organization: string } }>('/kematangan/:organization', async (req, reply) => {
    if (!hasMaturity()) throw KotakError.notFound('Page');
    const { page, action } = await kit.begin(req, reply);
    const round = page.query.get('putaran') ?? undefined;
    const assessment = await invoke<ShownAssessment>(action, 'maturity.show', { organization: req.params.organization, ...(round ? { round } : {}) });
    return kit.send(reply, maturityOfficePage(page, assessment));
  });

  server.get<{ Params: { organization: string } }>('/kematangan/:organization/laporan', async (req, reply) => {
    if (!hasMaturity()) throw KotakError.notFound('Page');
    const { page, action } = await kit.begin(req, reply);
    const round = page.query.get('putaran') ?? undefined;
    const assessment = await invoke<ShownAssessment>(action, 'maturity.show', { organization: req.params.organization, ...(round ? { round } : {}) });
    const { config, now } = kit.app.services;
    return kit.send(reply, maturityReportPage(page, assessment, { baseUrl: config.baseUrl, printedAt: now() }));
  });
}
