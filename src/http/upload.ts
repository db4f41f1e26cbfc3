/**
 * Multipart uploads: the file part streams straight into the blob store (content-addressed, size-limited, nothing
 * kept on failure); the other parts become the action's input fields.
 */
import type { FastifyRequest } from 'fastify';
import { KotakError } from '../errors.js';
import type { App } from '../app.js';
import type { UploadedFile } from '../actions/resource-input.js';

export async function readMultipart(app: App, req: FastifyRequest): Promise<{ fields: Record<string, unknown>; upload: UploadedFile | null }> {
  const fields: Record<string, unknown> = {};
  let upload: UploadedFile | null = null;
  const max = app.services.config.maxUploadBytes;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (upload) {
        part.file.resume();
        throw KotakError.badRequest('Only one file may be uploaded per request');
      }
      const put = await app.services.blobs.put(part.file, { maxBytes: max });
      if ((part.file as unknown as { truncated?: boolean }).truncated) throw new KotakError('payload_too_large', `Upload exceeds the limit of ${max} bytes`);
      upload = { sha256: put.sha256, size: put.size, filename: part.filename || part.fieldname, mediaType: part.mimetype || null };
    } else {
      fields[part.fieldname] = part.value;
    }
  }
  return { fields, upload };
}
