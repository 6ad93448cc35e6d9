import type { Lang } from './i18n/catalogue.js';

/** Words for each code of a vocabulary (states, kinds, actions) in every language the platform speaks. */
export type Labels<K extends string> = Record<K, Record<Lang, string>>;

/**
 * A code's words in one language. An unknown code (a value newer than this
 * build, or a cast string) shows as itself rather than breaking the page or
 * the message it appears in.
 */
export function labelOf<K extends string>(table: Labels<K>, code: K, lang: Lang): string {
  return table[code]?.[lang] ?? code;
}
