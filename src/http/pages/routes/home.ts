import type { FastifyInstance } from 'fastify';
import type { SearchResult } from '../../../actions/dataset.js';
import { invoke } from '../../../actions/invoke.js';
import type { OrganizationSummary } from '../../../actions/organization.js';
import type { PageKit } from '../kit.js';
import { homePage, type HeadlineFigure } from '../views/home.js';

/** Extra home-page parts contributed by the results and integrity pages once their actions exist. */
export interface HomeContribution {
  figures?: HeadlineFigure[];
  checkpoint?: import('../html.js').Html;
}
export type HomeContributor = (
  kit: PageKit,
  ctx: Awaited<ReturnType<PageKit['begin']>>,
) => Promise<HomeContribution | null>;

/** `/`: search, headline figures, latest datasets, latest checkpoint. */
export function homeRoutes(server: FastifyInstance, kit: PageKit, contributors: HomeContributor[]): void {
  server.get('/', async (req, reply) => {
    const begun = await kit.begin(req, reply);
    const { page, action } = begun;
    const [latest, orgs, ...extra] = await Promise.all([
      invoke<SearchResult>(action, 'dataset.search', { sort: 'metadata_modified desc', rows: 5, facet: false }),
      invoke<OrganizationSummary[]>(action, 'organization.list', { all_fields: true }),
      ...contributors.map((c) => c(kit, begun)),
    ]);
    const figures: HeadlineFigure[] = [
      { value: latest.count, label: page.t('home.fig.datasets'), href: '/dataset' },
      { value: orgs.length, label: page.t('home.fig.organizations'), href: '/organization' },
    ];
    let checkpoint;
    for (const e of extra) {
      if (!e) continue;
      figures.push(...(e.figures ?? []));
      checkpoint ??= e.checkpoint;
    }
    return kit.send(reply, homePage(page, { figures, latest: latest.results, checkpoint }));
  });
}
