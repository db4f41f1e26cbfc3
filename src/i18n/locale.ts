/**
 * Which language a request is served in. Order (issue 6 §1): an explicit switch (`?lang=` on this request, then the
 * `kotak_lang` cookie that the switch sets), then the browser's Accept-Language (RFC 9110 §12.5.4, q-values), then
 * Indonesian. Addresses stay the same in both languages; only the text changes.
 */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';
export const LOCALE_COOKIE = 'kotak_lang';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first supported language of an Accept-Language header by q-value (ties keep header order), or null. */
export function fromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: (tag ?? '').trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const range of ranges) {
    // "in" is the pre-1989 ISO 639 code for Indonesian that some old browsers still send.
    const primary = range.tag.split('-')[0];
    if (primary === 'id' || primary === 'in') return 'id';
    if (primary === 'en') return 'en';
  }
  return null;
}

export interface LocaleSources {
  query?: unknown;
  cookie?: string | undefined;
  acceptLanguage?: string | undefined;
}

/**
 * @example
 * negotiateLocale({ query: undefined, cookie: undefined, acceptLanguage: 'en-GB,en;q=0.9' }) // 'en'
 */
export function negotiateLocale(sources: LocaleSources): Locale {
  if (isLocale(sources.query)) return sources.query;
  if (isLocale(sources.cookie)) return sources.cookie;
  return fromAcceptLanguage(sources.acceptLanguage) ?? DEFAULT_LOCALE;
}
