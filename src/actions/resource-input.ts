/**
 * Reads a CKAN resource dict (or the fields of an upload) into a catalogue Resource. An uploaded file is referenced by
 * the blob the HTTP layer stored; only the upload route can attach one (actions receive it as `upload`).
 */
import { randomUUID } from 'node:crypto';
import { KotakError, type FieldErrors } from '../errors.js';
import { formatFromFilename, mediaTypeOf, normaliseFormat } from '../catalog/formats.js';
import type { Resource } from '../catalog/types.js';
import type { ActionContext } from './types.js';

/** A file already written to the blob store by the upload route. */
export interface UploadedFile {
  sha256: string;
  size: number;
  filename: string;
  mediaType: string | null;
}

type Raw = Record<string, unknown>;

export function downloadUrl(baseUrl: string, datasetName: string, resourceId: string, filename: string): string {
  return `${baseUrl}/dataset/${datasetName}/resource/${resourceId}/download/${encodeURIComponent(filename)}`;
}

export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  return base.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 200) || 'file';
}

export function readResourceInput(
  ctx: ActionContext,
  raw: Raw,
  opts: { datasetId: string; datasetName: string; position: number; base: Resource | null; now: string; path?: string; upload?: UploadedFile },
): Resource {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw KotakError.validation({ [opts.path ?? 'resource']: ['Must be an object'] });
  const errors: FieldErrors = {};
  const p = (f: string) => (opts.path ? `${opts.path}.${f}` : f);
  const s = (k: string): string | undefined => {
    const v = raw[k];
    if (v === undefined) return undefined;
    if (v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    (errors[p(k)] ??= []).push('Must be a string');
    return undefined;
  };
  const base = opts.base;
  const id = base?.id ?? randomUUID();
  const up = opts.upload;
  let url = s('url') ?? base?.url ?? '';
  let urlType: Resource['urlType'] = base?.urlType ?? null;
  let sha256 = base?.sha256 ?? null;
  let size = base?.size ?? null;
  let name = s('name') ?? base?.name ?? '';
  if (up) {
    const filename = safeFilename(up.filename);
    url = downloadUrl(ctx.services.config.baseUrl, opts.datasetName, id, filename);
    urlType = 'upload';
    sha256 = up.sha256;
    size = up.size;
    if (!name) name = filename;
  } else if (s('url') !== undefined && s('url') !== base?.url) {
    // A new link replaces an uploaded file: the hash and size no longer describe it.
    urlType = null;
    sha256 = null;
    size = null;
  }
  if (!up && urlType !== 'upload') {
    if (!url) (errors[p('url')] ??= []).push('A URL or an uploaded file is required');
    else if (!/^https?:\/\//i.test(url)) (errors[p('url')] ??= []).push('Must be an http(s) URL');
  }
  const rawSize = raw.size;
  if (!up && urlType !== 'upload' && rawSize !== undefined && rawSize !== null && rawSize !== '') {
    const n = Number(rawSize);
    if (!Number.isInteger(n) || n < 0) (errors[p('size')] ??= []).push('Must be a whole number of bytes');
    else size = n;
  }
  const fmtIn = s('format');
  const format = fmtIn ? normaliseFormat(fmtIn) : base?.format || formatFromFilename(up?.filename ?? url) || '';
  const mediaType = s('mimetype') || s('media_type') || (up?.mediaType && up.mediaType !== 'application/octet-stream' ? up.mediaType : null) || mediaTypeOf(format) || base?.mediaType || null;
  if (!name) name = url.split('/').pop()?.split('?')[0] || 'resource';
  if (name.length > 500) (errors[p('name')] ??= []).push('Must be at most 500 characters');
  if (Object.keys(errors).length) throw KotakError.validation(errors);
  return {
    id,
    datasetId: opts.datasetId,
    name,
    description: s('description') ?? base?.description ?? '',
    format,
    mediaType,
    size,
    sha256,
    url,
    urlType,
    linkStatus: base?.linkStatus ?? null,
    position: opts.position,
    created: base?.created ?? opts.now,
    lastModified: opts.now,
  };
}
