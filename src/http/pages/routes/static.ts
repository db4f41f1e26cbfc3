import type { FastifyInstance } from 'fastify';
import { invoke } from '../../../actions/invoke.js';
import type { OrganizationSummary } from '../../../actions/organization.js';
import type { PageKit } from '../kit.js';
import { aboutPage, apiPage, contactPage, licencePage } from '../views/static.js';

/** /tentang, /lisensi, /kontak, /api — addresses in Indonesian, the same in both languages (issue 6 §4). */
export function staticRoutes(server: FastifyInstance, kit: PageKit): void {
  server.get('/tentang', async (req, reply) => {
    const { page } = await kit.begin(req, reply);
    return kit.send(reply, aboutPage(page));
  });
  server.get('/lisensi', async (req, reply) => {
    const { page } = await kit.begin(req, reply);
    return kit.send(reply, licencePage(page));
  });
  server.get('/kontak', async (req, reply) => {
    const { page, action } = await kit.begin(req, reply);
    const orgs = await invoke<OrganizationSummary[]>(action, 'organization.list', { all_fields: true });
    return kit.send(reply, contactPage(page, orgs));
  });
  server.get('/api', async (req, reply) => {
    const { page } = await kit.begin(req, reply);
    return kit.send(reply, apiPage(page, kit.app.services.config.baseUrl));
  });
}
