import type { FastifyInstance } from 'fastify';
import type { SearchResult } from '../../../actions/dataset.js';
import { invoke } from '../../../actions/invoke.js';
import type { OrganizationSummary } from '../../../actions/organization.js';
import type { PageKit } from '../kit.js';
import { fqTerm } from './datasets.js';
import { organizationListPage, organizationPage } from '../views/organization.js';
import type { ShownAssessment } from '../../../actions/maturity.js';
import { html } from '../html.js';
import { levelBadge } from '../views/maturity.js';
import { hasMaturity } from './maturity.js';

const ROWS = 20;

/** /organization and /organization/{name}: the publishing offices and their datasets. */
export function organizationRoutes(server: FastifyInstance, kit: PageKit): void {
  server.get('/organization', async (req, reply) => {
    const { page, action } = await kit.begin(req, reply);
    const orgs = await invoke<OrganizationSummary[]>(action, 'organization.list', { all_fields: true });
    return kit.send(reply, organizationListPage(page, orgs));
  });

  server.get<{ Params: { name: string } }>('/organization/:name', async (req, reply) => {
    const { page, action } = await kit.begin(req, reply);
    const organization = await invoke<OrganizationSummary>(action, 'organization.show', { id: req.params.name });
    const pageNo = Math.max(1, Number.parseInt(page.query.get('page') ?? '1', 10) || 1);
    const datasets = await invoke<SearchResult>(action, 'dataset.search', {
      fq: fqTerm('organization', organization.name),
      sort: 'metadata_modified desc',
      rows: ROWS,
      start: (pageNo - 1) * ROWS,
      facet: false,
      include_private: true,
    });
    const assessment = hasMaturity() ? await invoke<ShownAssessment>(action, 'maturity.show', { organization: organization.name }) : null;
    const maturity = assessment
      ? html`<p>${page.t('org.maturity')}: <a href="/kematangan/${organization.name}">${levelBadge(page, assessment.level.level, assessment.level.name)}</a></p>`
      : undefined;
    return kit.send(
      reply,
      organizationPage(page, { organization, datasets, page: pageNo, pages: Math.max(1, Math.ceil(datasets.count / ROWS)), maturity }),
    );
  });
}
