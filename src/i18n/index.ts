import { catalog, type MessageKey } from './catalog.js';
import type { Text } from './define.js';
import type { Locale } from './locale.js';

export { catalog, type MessageKey } from './catalog.js';
export * from './locale.js';
export * from './format.js';

export type Params = Record<string, string | number>;

const pluralRules: Record<Locale, Intl.PluralRules> = {
  id: new Intl.PluralRules('id-ID'),
  en: new Intl.PluralRules('en-GB'),
};

function pick(text: Text, locale: Locale, params: Params | undefined): string {
  if (typeof text === 'string') return text;
  const count = Number(params?.count ?? 0);
  return pluralRules[locale].select(count) === 'one' ? text.one : text.other;
}

/**
 * The text of `key` in `locale`, with `{name}` placeholders filled from `params` (left as they are when missing, so
 * a forgotten parameter shows instead of vanishing). Numbers in params are inserted as given: format them first with
 * formatNumber when they are figures. The result is plain text; the HTML renderer escapes it.
 * @example
 * t('id', 'pager.status', { page: 2, pages: 9 }) // 'Halaman 2 dari 9'
 */
export function t(locale: Locale, key: MessageKey, params?: Params): string {
  const text = pick(catalog[key][locale], locale, params);
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A `t` bound to one locale, for templates. */
export type Translate = (key: MessageKey, params?: Params) => string;
export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
