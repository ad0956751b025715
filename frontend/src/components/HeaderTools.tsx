import { createSignal, type JSX, onCleanup } from 'solid-js'
import { lang, setLang, t } from '../i18n/locale.ts'
import type { Panel } from '../state/view-query.ts'
import { headerText as ht } from './header-messages.ts'
import './header-tools.css'

export type Tool = 'measure' | 'coordinates' | 'print'

type Props = {
  panel: Panel | null
  onPanel: (panel: Panel) => void
  overlayOpen: boolean
  onOverlay: () => void
  tool: Tool | null
  onTool: (tool: Tool) => void
}

/**
 * The header's buttons. On a phone the first two stay in the bar and the rest sit behind a menu
 * button, so nothing scrolls out of reach (app.css, max-width 700px).
 */
export function HeaderTools(props: Props) {
  const [open, setOpen] = createSignal(false)
  let nav!: HTMLElement
  const onOutside = (event: PointerEvent) => {
    if (open() && !nav.contains(event.target as Node)) setOpen(false)
  }
  document.addEventListener('pointerdown', onOutside)
  onCleanup(() => document.removeEventListener('pointerdown', onOutside))

  const item = (pressed: () => boolean, onClick: () => void, text: () => string): JSX.Element => (
    <button
      type="button"
      aria-pressed={pressed()}
      onClick={() => {
        setOpen(false)
        onClick()
      }}
    >
      {text()}
    </button>
  )
  return (
    <nav ref={nav} class="tools" classList={{ open: open() }} aria-label={t('map')}>
      {item(
        () => props.panel === 'layers',
        () => props.onPanel('layers'),
        () => t('layers'),
      )}
      {item(
        () => props.panel === 'filters',
        () => props.onPanel('filters'),
        () => t('filters'),
      )}
      <button
        type="button"
        class="more"
        aria-expanded={open()}
        aria-controls="more-tools"
        onClick={() => setOpen(!open())}
      >
        {ht('menu')}
      </button>
      <div id="more-tools" class="more-items">
        {item(
          () => props.panel === 'list',
          () => props.onPanel('list'),
          () => t('list'),
        )}
        {item(
          () => props.overlayOpen,
          props.onOverlay,
          () => t('overlay'),
        )}
        {item(
          () => props.tool === 'measure',
          () => props.onTool('measure'),
          () => ht('measure'),
        )}
        {item(
          () => props.tool === 'coordinates',
          () => props.onTool('coordinates'),
          () => ht('coordinates'),
        )}
        {item(
          () => props.tool === 'print',
          () => props.onTool('print'),
          () => ht('print'),
        )}
        <button
          type="button"
          lang={lang() === 'de' ? 'en' : 'de'}
          onClick={() => {
            setOpen(false)
            setLang(lang() === 'de' ? 'en' : 'de')
          }}
        >
          {t('switchLanguage')}
        </button>
      </div>
    </nav>
  )
}
