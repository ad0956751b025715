import { lang } from './lang.ts'

// One way to hold interface texts: a German and an English catalogue with the same keys (the type
// refuses a key in one language only), looked up in the current language.

/** A lookup `text(key)` in the current language, carrying both catalogues. */
export type Messages<K extends string> = ((key: K) => string) & {
  readonly de: Readonly<Record<K, string>>
  readonly en: Readonly<Record<K, string>>
}

/** The messages of one part of the interface, German first. */
export function makeMessages<K extends string>(
  de: Readonly<Record<K, string>>,
  en: Readonly<Record<NoInfer<K>, string>>,
): Messages<K> {
  return Object.assign((key: K) => (lang() === 'en' ? en : de)[key], { de, en })
}
