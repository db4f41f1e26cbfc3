/**
 * The shape of the message catalogue. Each entry holds its Indonesian and English text side by side, so a key cannot
 * exist in one language only (the type forbids it; test/pages/i18n.test.ts also checks that both texts use the same
 * `{placeholders}`).
 *
 * A text is either a string or, where English needs it, plural forms selected with Intl.PluralRules (Indonesian has
 * no grammatical plural, so its entries are usually plain strings).
 */
export type Plural = { one: string; other: string };
export type Text = string | Plural;
export interface Entry {
  id: Text;
  en: Text;
}

/**
 * Identity function that keeps the literal keys of a catalogue section for the `MessageKey` type.
 * @example
 * export const common = defineMessages({ 'nav.dataset': { id: 'Dataset', en: 'Datasets' } });
 */
export function defineMessages<const T extends Record<string, Entry>>(entries: T): T {
  return entries;
}
