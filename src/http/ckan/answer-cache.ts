/**
 * Exact answers for anonymous catalogue reads. A package_search or package_show asked by GET without credentials
 * depends only on the URL and on the catalogue version (every dataset write bumps it in its transaction, see
 * store/catalog/mirror.ts), so its encoded body can be served again until the version moves — the role nginx or
 * Varnish micro-caching plays in front of CKAN, but never stale. Relative dates (`NOW`) are not cached.
 */
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../store/db.js';
import { mirrorOf } from '../../store/catalog/mirror.js';

const CACHEABLE = new Set(['package_search', 'package_show']);
const MAX_ENTRIES = 2048;
const MAX_BODY = 512 * 1024;

export class AnswerCache {
  private entries = new Map<string, Buffer>();
  private version = -1;

  constructor(private readonly database: Database) {}

  /** The cache key of a request, or null when its answer must be computed (credentials, POST, NOW, other actions). */
  keyOf(req: FastifyRequest, action: string): string | null {
    if (req.method !== 'GET' || !CACHEABLE.has(action)) return null;
    if (req.headers.authorization || req.headers['x-ckan-api-key'] || req.headers.cookie) return null;
    if (req.url.includes('NOW')) return null;
    return req.url;
  }

  /** The cached answer, if any, and the catalogue version it was looked up at (pass it back to `set`). */
  async get(key: string): Promise<{ hit: Buffer | undefined; version: number }> {
    const v = await mirrorOf(this.database).databaseVersion();
    if (v !== this.version) {
      this.entries.clear();
      this.version = v;
      return { hit: undefined, version: v };
    }
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return { hit, version: v };
  }

  /**
   * Stores an answer computed after `get` saw `version`. If the cache has moved on to a newer version meanwhile, the
   * answer may predate it and is dropped.
   */
  set(key: string, body: Buffer, version: number): void {
    if (body.length > MAX_BODY || version !== this.version) return;
    this.entries.set(key, body);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
