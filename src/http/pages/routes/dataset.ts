import type { FastifyInstance } from 'fastify';
import { invoke } from '../../../actions/invoke.js';
import { hasRole } from '../../../actions/policies.js';
import type { Dataset } from '../../../catalog/types.js';
import type { Activity } from '../../../store/catalog/activities.js';
import type { Boundaries } from '../geo.js';
import type { PageKit } from '../kit.js';
import type { Preview } from '../../../actions/resource-preview.js';
import { datasetPage } from '../views/dataset.js';
import { hasLog } from './integrity.js';

/** Up to this many tabular resources get a preview on the dataset page (each reads at most 64 KB). */
const MAX_PREVIEWS = 3;

/** /dataset/{name}: metadata, resources with previews and downloads, API example, version history. */
export function datasetRoutes(server: FastifyInstance, kit: PageKit, boundaries: Boundaries): void {
  server.get<{ Params: { name: string } }>('/dataset/:name', async (req, reply) => {
    const { page, action } = await kit.begin(req, reply);
    const dataset = await invoke<Dataset>(action, 'dataset.show', { id: req.params.name });
    if (dataset.name !== req.params.name) return reply.redirect(`/dataset/${dataset.name}`, 301);
    const uploads = dataset.resources.filter((r) => r.urlType === 'upload' && r.sha256);
    // A receipt is offered for each file the publication log holds (log.entries by subject `resource:<id>`).
    const logged = hasLog()
      ? await Promise.all(uploads.map(async (r) => [r.id, (await invoke<{ count: number }>(action, 'log.entries', { subject: `resource:${r.id}`, limit: 1 })).count > 0] as const))
      : [];
    const inLog = new Set(logged.filter(([, ok]) => ok).map(([id]) => id));
    const [activities, ...previews] = await Promise.all([
      invoke<Activity[]>(action, 'dataset.activityList', { id: dataset.id, limit: 20 }),
      ...dataset.resources
        .filter((r) => r.urlType === 'upload')
        .slice(0, MAX_PREVIEWS)
        .map(async (r) => [r.id, await invoke<Preview | null>(action, 'resource.preview', { id: r.id, rows: 10 })] as const),
    ]);
    return kit.send(
      reply,
      datasetPage(page, {
        dataset,
        activities,
        previews: new Map(previews.filter((p): p is readonly [string, Preview] => p[1] !== null)),
        baseUrl: kit.app.services.config.baseUrl,
        canEdit: hasRole(action.actor, dataset.organizationId, 'editor'),
        regionName: (code) => boundaries.nameOf(code),
        receiptUrl: (r) => (inLog.has(r.id) ? `/api/v1/log/receipt?sha256=${r.sha256}` : null),
      }),
    );
  });
}
