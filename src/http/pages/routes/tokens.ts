import type { FastifyInstance } from 'fastify';
import { invoke } from '../../../actions/invoke.js';
import { requireActor } from '../../../actions/policies.js';
import type { TokenView } from '../../../actions/user.js';
import { isKotakError } from '../../../errors.js';
import type { PageKit } from '../kit.js';
import { tokensPage } from '../views/workspace.js';
import { one, type FormBody as Form } from '../form.js';

/** /ruang-kerja/token: list, create (shown once) and revoke one's API tokens (token.list/create/revoke). */
export function tokenRoutes(server: FastifyInstance, kit: PageKit): void {
  server.get('/ruang-kerja/token', async (req, reply) => {
    const { page, action } = await kit.begin(req, reply);
    const actor = requireActor(action);
    reply.header('cache-control', 'no-store');
    const tokens = await invoke<TokenView[]>(action, 'token.list', { user: actor.name });
    return kit.send(reply, tokensPage(page, { tokens }));
  });

  server.post<{ Body: Form }>('/ruang-kerja/token', async (req, reply) => {
    kit.checkCsrf(req, req.body);
    const { page, action } = await kit.begin(req, reply);
    const actor = requireActor(action);
    reply.header('cache-control', 'no-store');
    const days = Number.parseInt(one(req.body?.expires_in_days), 10);
    try {
      const created = await invoke<{ token: string }>(action, 'token.create', {
        user: actor.name,
        name: one(req.body?.name).trim() || 'web',
        ...(Number.isFinite(days) && days > 0 ? { expires_in_days: days } : {}),
      });
      const tokens = await invoke<TokenView[]>(action, 'token.list', { user: actor.name });
      // Rendered directly (not redirected) so the secret is never in an address or a later page.
      return kit.send(reply, tokensPage(page, { tokens, created: created.token }), 201);
    } catch (e) {
      if (!isKotakError(e) || e.code !== 'validation') throw e;
      const tokens = await invoke<TokenView[]>(action, 'token.list', { user: actor.name });
      return kit.send(reply, tokensPage(page, { tokens }), 409);
    }
  });

  server.post<{ Body: Form }>('/ruang-kerja/token/cabut', async (req, reply) => {
    kit.checkCsrf(req, req.body);
    const { action } = await kit.begin(req, reply);
    requireActor(action);
    await invoke(action, 'token.revoke', { jti: one(req.body?.jti) });
    return reply.redirect('/ruang-kerja/token', 303);
  });
}
