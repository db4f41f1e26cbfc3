/**
 * The publication log over HTTP (issue 4):
 * - C2SP tlog-tiles static paths under `/log/`: `checkpoint` (mutable, cached a few seconds), `tile/<L>/<N>[.p/<W>]`
 *   and `tile/entries/<N>[.p/<W>]` (immutable: a tile path names fixed content forever), plus `key` (the verifier key)
 *   and `cosignature` (POST, witnesses).
 * - JSON under `/api/v1/log/`: proof by index or content hash, consistency, entries of a subject, checkpoint, keys;
 *   and `receipt`, a `.tlog-proof` file to download.
 * Every route is context → action → bytes or presenter; register with `{ name: 'log', register: logRoutes }`.
 */
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { invoke } from '../../actions/invoke.js';
import { registerActions } from '../../actions/registry.js';
import type { App } from '../../app.js';
import { KotakError } from '../../errors.js';
import { LOG_ACTIONS } from '../../integrity/actions.js';
import { parseTilePath } from '../../integrity/tiles.js';
import { contextOf } from '../context.js';
import { addRestRoute, type RestRoute } from '../v1/route.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

const REST: RestRoute[] = [
  { method: 'GET', url: '/api/v1/log/checkpoint', action: 'log.checkpoint', tag: 'log' },
  { method: 'GET', url: '/api/v1/log/key', action: 'log.key', tag: 'log' },
  { method: 'GET', url: '/api/v1/log/proof', action: 'log.proof', tag: 'log' },
  { method: 'GET', url: '/api/v1/log/consistency', action: 'log.consistency', tag: 'log' },
  { method: 'GET', url: '/api/v1/log/entries', action: 'log.entries', tag: 'log' },
  { method: 'POST', url: '/api/v1/log/cosignatures', action: 'log.cosign', tag: 'log', status: 200 },
  { method: 'POST', url: '/api/v1/log/witnesses', action: 'log.witnessTrust', tag: 'log' },
  { method: 'GET', url: '/api/v1/log/audit', action: 'log.audit', tag: 'log' },
];

function sendText(reply: FastifyReply, text: string, cache: string): FastifyReply {
  return reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', cache).send(text);
}

export async function logRoutes(server: FastifyInstance, opts: { app: App }): Promise<void> {
  const { app } = opts;
  registerActions(LOG_ACTIONS);
  for (const r of REST) addRestRoute(server, app, r);

  // tlog-checkpoint: "This endpoint is mutable, so its headers SHOULD prevent caching beyond a few seconds."
  server.get('/log/checkpoint', async (req, reply) => {
    const cp = await invoke<{ note: string }>(await contextOf(app, req, 'rest'), 'log.checkpoint', {});
    return sendText(reply, cp.note, 'public, max-age=5');
  });

  server.get('/log/key', async (req, reply) => {
    const k = await invoke<{ vkey: string }>(await contextOf(app, req, 'rest'), 'log.key', {});
    return sendText(reply, `${k.vkey}\n`, 'public, max-age=300');
  });

  server.get('/log/tile/*', async (req: FastifyRequest<{ Params: { '*': string } }>, reply) => {
    const ref = parseTilePath(`tile/${req.params['*']}`);
    if (!ref) throw KotakError.notFound(`Tile ${req.params['*']}`);
    const input = ref.kind === 'hash' ? ref : { ...ref, level: 0 };
    const body = await invoke<Uint8Array>(await contextOf(app, req, 'rest'), 'log.tile', input);
    reply.header('content-type', 'application/octet-stream').header('cache-control', IMMUTABLE);
    // tlog-tiles: entry bundles SHOULD be compressed; gzip is what every client accepts.
    if (ref.kind === 'entries' && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
      return reply.send(gzipSync(body));
    }
    return reply.send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  });

  // Witnesses POST the cosigned checkpoint note as text/plain (or JSON { note }).
  server.post('/log/cosignature', async (req, reply) => {
    const note = typeof req.body === 'string' ? req.body : (req.body as { note?: unknown } | null)?.note;
    const r = await invoke(await contextOf(app, req, 'rest'), 'log.cosign', { note });
    return reply.send({ data: r });
  });

  server.get(
    '/api/v1/log/receipt',
    {
      schema: {
        summary: 'Download a receipt (C2SP tlog-proof) for an entry, by index or content SHA-256.',
        operationId: 'log.receipt',
        tags: ['log'],
        querystring: Type.Object({ index: Type.Optional(Type.Integer()), sha256: Type.Optional(Type.String()) }),
      },
      validatorCompiler: () => () => true,
    },
    async (req, reply) => {
      const r = await invoke<{ filename: string; text: string }>(await contextOf(app, req, 'rest'), 'log.receipt', req.query, { coerce: true });
      reply.header('content-disposition', `attachment; filename="${r.filename}"`);
      return sendText(reply, r.text, 'public, max-age=5');
    },
  );
}
