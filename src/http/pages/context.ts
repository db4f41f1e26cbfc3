import type { Locale, Translate } from '../../i18n/index.js';
import type { Assets } from './assets.js';

/** The signed-in person as the pages see them (a presenter, not a user row). */
export interface PageUser {
  name: string;
  displayName: string;
  sysadmin: boolean;
}

/**
 * What every page template receives: read-only, built once per request by the plugin (never mutated by templates).
 */
export interface PageContext {
  readonly locale: Locale;
  readonly t: Translate;
  /** Request path without the query string, e.g. `/dataset`. */
  readonly path: string;
  /** The query string parameters, to rebuild links (language switch, facets, pager). */
  readonly query: URLSearchParams;
  /** Token to put in every form (see csrf.ts). */
  readonly csrfToken: string;
  readonly user: PageUser | null;
  readonly assets: Assets;
}

/** The current address with some query parameters replaced (null removes one). Keeps the path. */
export function linkWith(ctx: Pick<PageContext, 'path' | 'query'>, changes: Record<string, string | null>): string {
  const q = new URLSearchParams(ctx.query);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  return s ? `${ctx.path}?${s}` : ctx.path;
}
