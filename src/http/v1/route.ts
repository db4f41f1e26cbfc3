/**
 * One REST route = one action: the route maps path, query and body to the action input, invokes the action and
 * sends the presented result as `{ data: … }`. The action's TypeBox schema documents the body in OpenAPI; validation
 * happens once, in the action (src/actions/invoke.ts).
 */
import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { getAction } from '../../actions/registry.js';
import { invoke } from '../../actions/invoke.js';
import type { ActionExtra } from '../../actions/types.js';
import type { App } from '../../app.js';
import { contextOf } from '../context.js';
import { readMultipart } from '../upload.js';
import { KotakError } from '../../errors.js';

export interface RestRoute {
  method: HTTPMethods;
  url: string;
  action: string;
  tag: string;
  /** Builds the action input from the request (default: params + query for GET, params + body otherwise). */
  input?: (req: FastifyRequest) => Record<string, unknown>;
  params?: TSchema;
  querystring?: TSchema;
  status?: number;
  present?: (result: any) => unknown;
}

const passThrough = () => () => true;

export function addRestRoute(server: FastifyInstance, app: App, r: RestRoute): void {
  const def = getAction(r.action);
  if (!def) throw new Error(`REST route ${r.method} ${r.url} names unknown action ${r.action}`);
  const hasBody = r.method !== 'GET' && r.method !== 'DELETE';
  server.route({
    method: r.method,
    url: r.url,
    schema: {
      summary: def.summary,
      operationId: def.name,
      tags: [r.tag],
      ...(r.params ? { params: r.params } : {}),
      ...(r.querystring ? { querystring: r.querystring } : r.method === 'GET' && !r.input ? { querystring: def.input } : {}),
      ...(hasBody && !r.input ? { body: def.input } : {}),
      ...(def.readOnly ? {} : { security: [{ apiToken: [] }] }),
    },
    validatorCompiler: passThrough,
    handler: async (req, reply) => {
      let input: Record<string, unknown>;
      let extra: ActionExtra | undefined;
      const params = (req.params ?? {}) as Record<string, unknown>;
      if (r.input) input = r.input(req);
      else if (!hasBody) input = { ...(req.query as Record<string, unknown>), ...params };
      else if (req.isMultipart()) {
        const { fields, upload } = await readMultipart(app, req);
        input = { ...fields, ...params };
        extra = upload ? { upload } : undefined;
      } else {
        const body = req.body ?? {};
        if (typeof body !== 'object' || Array.isArray(body)) throw KotakError.badRequest('The request body must be a JSON object');
        input = { ...(body as Record<string, unknown>), ...params };
      }
      const ctx = await contextOf(app, req, 'rest');
      const result = await invoke(ctx, def.name, input, { coerce: !hasBody || req.isMultipart(), extra });
      reply.status(r.status ?? (def.readOnly ? 200 : r.method === 'POST' ? 201 : 200));
      return { data: r.present ? r.present(result) : result };
    },
  });
}
