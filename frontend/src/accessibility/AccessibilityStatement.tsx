import { lang } from '../i18n/locale.ts'
import { xm } from './accessibility-messages.ts'
import { FeedbackForm } from './FeedbackForm.tsx'
import { InfoPage } from './InfoPage.tsx'
import { statementText } from './statement-text.ts'

/** The accessibility statement BITV 2.0 asks for, with its feedback form. */
export default function AccessibilityStatement(props: { onClose: () => void }) {
  return (
    <InfoPage id="statement" title={xm('statement')} sections={statementText[lang()]} onClose={props.onClose}>
      <FeedbackForm />
    </InfoPage>
  )
}
