import { describe, expect, it } from 'vitest';
import { catalog, formatDate, formatDateTime, formatNumber, formatPercent, negotiateLocale, t } from '../../src/i18n/index.js';
import { sections } from '../../src/i18n/catalog.js';
import type { Text } from '../../src/i18n/define.js';

const placeholders = (text: Text) => {
  const all = typeof text === 'string' ? text : `${text.one} ${text.other}`;
  return [...new Set([...all.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
};
const strings = (text: Text) => (typeof text === 'string' ? [text] : [text.one, text.other]);

describe('i18n catalogue', () => {
  it('has a non-empty Indonesian and English text for every key', () => {
    for (const [key, entry] of Object.entries(catalog)) {
      for (const lang of ['id', 'en'] as const) {
        const texts = strings(entry[lang]);
        expect(texts.every((s) => typeof s === 'string' && s.trim().length > 0), `${key} (${lang})`).toBe(true);
      }
    }
  });

  it('uses the same placeholders in both languages for every key', () => {
    for (const [key, entry] of Object.entries(catalog)) {
      expect(placeholders(entry.en), key).toEqual(placeholders(entry.id));
    }
  });

  it('never defines the same key in two sections', () => {
    const seen = new Map<string, string>();
    for (const [section, entries] of Object.entries(sections)) {
      for (const key of Object.keys(entries)) {
        expect(seen.get(key), `${key} in ${section}`).toBeUndefined();
        seen.set(key, section);
      }
    }
    expect(seen.size).toBe(Object.keys(catalog).length);
  });
});

describe('t', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('id', 'pager.status', { page: 2, pages: 9 })).toBe('Halaman 2 dari 9');
    expect(t('en', 'pager.status', { page: 2 })).toBe('Page 2 of {pages}');
  });
});

describe('negotiateLocale', () => {
  it('prefers ?lang= over the cookie over Accept-Language, and defaults to Indonesian', () => {
    expect(negotiateLocale({ query: 'en', cookie: 'id', acceptLanguage: 'id' })).toBe('en');
    expect(negotiateLocale({ query: 'fr', cookie: 'en', acceptLanguage: 'id' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'fr-FR, en-GB;q=0.8, id;q=0.9' })).toBe('id');
    expect(negotiateLocale({ acceptLanguage: 'en-US,en;q=0.9' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'in' })).toBe('id');
    expect(negotiateLocale({ acceptLanguage: 'de, fr;q=0.5' })).toBe('id');
    expect(negotiateLocale({ acceptLanguage: 'en;q=0, id;q=0.1' })).toBe('id');
    expect(negotiateLocale({})).toBe('id');
  });
});

describe('formatting', () => {
  it('groups thousands with dots in Indonesian and commas in English', () => {
    expect(formatNumber('id', 1234567)).toBe('1.234.567');
    expect(formatNumber('en', 1234567)).toBe('1,234,567');
    expect(formatPercent('id', 0.5623)).toBe('56,2%');
    expect(formatPercent('en', 0.5623)).toBe('56.2%');
  });

  it('writes dates in WIB with month names of the locale', () => {
    expect(formatDate('id', '2024-02-14T00:00:00+07:00')).toBe('14 Februari 2024');
    expect(formatDate('en', '2024-02-14T00:00:00+07:00')).toBe('14 February 2024');
    // 20:30 UTC on the 13th is already 03:30 on the 14th in Jakarta.
    expect(formatDateTime('id', '2024-02-13T20:30:00Z')).toBe('14 Februari 2024 03.30 WIB');
    expect(formatDateTime('en', '2024-02-13T20:30:00Z')).toBe('14 February 2024 03:30 WIB');
  });
});
