/**
 * File downloads at CKAN's address `/dataset/{name}/resource/{id}/download/{filename}`: the bytes come from the blob
 * store by their SHA-256, so what is served is exactly what the log committed to. Links (non-uploads) redirect.
 */
import type { FastifyInstance } from 'fastify';
import { invoke } from '../actions/invoke.js';
import type { Resource } from '../catalog/types.js';
import type { App } from '../app.js';
import { contextOf } from './context.js';
import { KotakError } from '../errors.js';

export async function downloadRoutes(server: FastifyInstance, opts: { app: App }): Promise<void> {
  const { app } = opts;
  server.get<{ Params: { name: string; id: string; filename?: string } }>('/dataset/:name/resource/:id/download/:filename', async (req, reply) => {
    const ctx = await contextOf(app, req, 'page');
    const r = await invoke<Resource & { datasetName: string }>(ctx, 'resource.show', { id: req.params.id });
    if (r.datasetName !== req.params.name && r.datasetId !== req.params.name) throw KotakError.notFound('Resource');
    if (r.urlType !== 'upload' || !r.sha256) return reply.redirect(r.url);
    const stream = await app.services.blobs.get(r.sha256);
    reply
      .header('content-type', r.mediaType ?? 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${(req.params.filename ?? r.name).replace(/["\\\r\n]/g, '_')}"`)
      .header('etag', `"sha256-${r.sha256}"`)
      .header('x-content-sha256', r.sha256);
    if (r.size !== null) reply.header('content-length', String(r.size));
    return reply.send(stream);
  });
}
