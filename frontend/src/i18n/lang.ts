import { createSignal } from 'solid-js'

export type Lang = 'de' | 'en'

/** The language from `?lang=`, German unless English is asked for. */
export function langFromLocation(search = globalThis.location?.search ?? ''): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'de'
}

const [lang, setLangSignal] = createSignal<Lang>(langFromLocation())

/** The current language, a signal every text reads. */
export { lang, setLangSignal }
