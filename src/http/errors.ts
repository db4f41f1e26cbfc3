/**
 * The one place where errors become HTTP responses (STYLE.md §6). Two shapes, one vocabulary:
 * - CKAN Action API: `{help, success: false, error: {__type, message, <field>: [msgs]}}` (STANDARDS.md);
 * - everything else: `{error: {code, message, fields?, detail?, id?}}`.
 * Unexpected errors are 500s with an id that is also in the server log; their text is never sent.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, KotakError, isKotakError } from '../errors.js';
import type { Logger } from '../actions/types.js';

/** Maps fastify's and the multipart plugin's own errors into the vocabulary. */
export function normaliseError(e: unknown): KotakError | null {
  if (isKotakError(e)) return e;
  const fe = e as FastifyError & { part?: unknown };
  const code = fe?.code ?? '';
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fe instanceof SyntaxError && fe.statusCode === 400)) {
    return KotakError.badRequest(`Malformed JSON body: ${fe.message}`);
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || fe?.statusCode === 413) {
    return new KotakError('payload_too_large', 'The request body exceeds the size limit');
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe?.statusCode === 415) {
    return new KotakError('unsupported_media_type', fe.message || 'Unsupported content type');
  }
  if (code === 'FST_ERR_VALIDATION' && Array.isArray((fe as { validation?: unknown[] }).validation)) {
    const fields: Record<string, string[]> = {};
    for (const v of (fe as unknown as { validation: Array<{ instancePath: string; message?: string; params?: { missingProperty?: string } }> }).validation) {
      const f = (v.params?.missingProperty ?? v.instancePath.replace(/^\//, '').replace(/\//g, '.')) || '(request)';
      (fields[f] ??= []).push(v.message ?? 'invalid');
    }
    return KotakError.validation(fields);
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.statusCode === 404) return KotakError.notFound('Resource');
    return KotakError.badRequest(fe.message);
  }
  return null;
}

export function isCkanPath(url: string): boolean {
  return /^\/api\/(3\/)?action\//.test(url);
}

export function ckanHelp(baseUrl: string, name: string): string {
  return `${baseUrl}/api/3/action/help_show?name=${encodeURIComponent(name)}`;
}

export function sendError(req: FastifyRequest, reply: FastifyReply, e: unknown, logger: Logger, baseUrl: string): FastifyReply {
  const k = normaliseError(e);
  let id: string | undefined;
  if (!k) {
    id = randomUUID();
    logger.error({ id, url: req.url, method: req.method, err: (e as Error)?.stack ?? String(e) }, 'internal error');
  }
  const code = k?.code ?? 'internal';
  const spec = ERROR_CODES[code];
  const message = k ? k.message : `Internal Server Error (error id ${id})`;
  if (isCkanPath(req.url)) {
    const name = /action\/([^/?]+)/.exec(req.url)?.[1] ?? '';
    // CKAN puts field errors beside __type and message in `error` (ckan/views/api.py _finish_bad_request / ValidationError).
    const error: Record<string, unknown> = { __type: spec.ckanType, message, ...(k?.fields ?? {}), ...(k?.detail ? { detail: k.detail } : {}) };
    if (id) error.id = id;
    return reply.status(spec.status).type('application/json; charset=utf-8').send({ help: ckanHelp(baseUrl, name), success: false, error });
  }
  return reply
    .status(spec.status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, ...(k?.fields ? { fields: k.fields } : {}), ...(k?.detail ? { detail: k.detail } : {}), ...(id ? { id } : {}) } });
}
