import type { Locale } from './locale.js';

/**
 * Number and date formatting per locale with Intl (Node ships full ICU). Indonesian groups thousands with a dot and
 * uses a decimal comma (1.234.567; 56,2 %). Dates are shown in WIB (Asia/Jakarta), the time zone of Banten, whatever
 * the server's zone, so a page reads the same wherever it is rendered.
 */
const TAGS: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };
const TIME_ZONE = 'Asia/Jakarta';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** @example formatNumber('id', 1234567) // '1.234.567' */
export function formatNumber(locale: Locale, value: number, fractionDigits = 0): string {
  return cached(`n:${locale}:${fractionDigits}`, () =>
    new Intl.NumberFormat(TAGS[locale], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }),
  ).format(value);
}

/** A ratio 0..1 as a percentage. @example formatPercent('id', 0.5623, 1) // '56,2%' */
export function formatPercent(locale: Locale, ratio: number, fractionDigits = 1): string {
  return cached(`p:${locale}:${fractionDigits}`, () =>
    new Intl.NumberFormat(TAGS[locale], {
      style: 'percent',
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    }),
  ).format(ratio);
}

/** Bytes as B/KB/MB (1 KB = 1,000 B, as SI and most download UIs). */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${formatNumber(locale, value, unit === 0 || value >= 100 ? 0 : 1)} ${units[unit]}`;
}

function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** @example formatDate('id', '2024-02-14') // '14 Februari 2024' */
export function formatDate(locale: Locale, value: string | Date): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return cached(`d:${locale}`, () =>
    new Intl.DateTimeFormat(TAGS[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }),
  ).format(d);
}

/** Date and time in WIB. @example formatDateTime('id', '2024-02-14T03:00:00Z') // '14 Februari 2024 10.00 WIB' */
export function formatDateTime(locale: Locale, value: string | Date): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const date = formatDate(locale, d);
  const time = cached(`t:${locale}`, () =>
    new Intl.DateTimeFormat(TAGS[locale], { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: TIME_ZONE }),
  ).format(d);
  return `${date} ${time} WIB`;
}
