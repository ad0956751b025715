import { type Route, routePath } from '../state/url-state.ts'
import './accessibility.css'
import { xm } from './accessibility-messages.ts'

type Page = Extract<Route, { kind: 'accessibility' | 'easy-language' }>

/**
 * The links to the accessibility statement and the easy-language page, in a strip under the header
 * on every screen (at the foot, the phone's bottom sheets would cover them).
 */
export function LegalLinks(props: { onOpen: (page: Page) => void }) {
  const link = (page: Page, text: () => string) => (
    <a
      href={`${routePath(page)}${location.search}`}
      onClick={(event) => {
        event.preventDefault()
        props.onOpen(page)
      }}
    >
      {text()}
    </a>
  )
  return (
    <nav class="legal-links" aria-label={xm('legalLinks')}>
      {link({ kind: 'accessibility' }, () => xm('statement'))}
      {link({ kind: 'easy-language' }, () => xm('easyLanguage'))}
    </nav>
  )
}
