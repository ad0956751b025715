import { lang } from '../i18n/locale.ts'
import { xm } from './accessibility-messages.ts'
import { easyLanguageText } from './easy-language-text.ts'
import { InfoPage } from './InfoPage.tsx'

/** Quartiersatlas explained in Leichte Sprache (in English: easy to read). */
export default function EasyLanguage(props: { onClose: () => void }) {
  return (
    <InfoPage
      id="easy"
      title={xm('easyLanguage')}
      sections={easyLanguageText[lang()]}
      onClose={props.onClose}
    />
  )
}
