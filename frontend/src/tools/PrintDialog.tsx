import { createSignal, For, Show } from 'solid-js'
import { formatDate, label, t } from '../i18n/locale.ts'
import { layerStyles } from '../map/map-style.ts'
import type { MapHandle } from '../map/map-view.ts'
import type { LayerId } from '../registry.ts'
import type { Orientation, Paper, PrintLegend } from './print-pdf.ts'
import { toolsText as tt } from './tools-messages.ts'
import './tools.css'

type Props = { map: MapHandle; visible: Record<LayerId, boolean>; onClose: () => void }

/** The legend of the layers that are switched on and drawn in the view, top layer first. */
export function printLegend(map: MapHandle, visible: Record<LayerId, boolean>): PrintLegend {
  const inView = new Set(map.tools.collectionsInView())
  return [...layerStyles]
    .reverse()
    .filter((style) => visible[style.id] && inView.has(style.id))
    .map((style) => ({
      title: label(style.title),
      entries: style.legend.map((entry) => ({ label: label(entry.label), swatch: entry.swatch })),
    }))
}

/** Title, paper and orientation, then a PDF of the current view. */
export default function PrintDialog(props: Props) {
  const [title, setTitle] = createSignal(tt('defaultTitle'))
  const [paper, setPaper] = createSignal<Paper>('a4')
  const [orientation, setOrientation] = createSignal<Orientation>('landscape')
  const [busy, setBusy] = createSignal(false)
  const [failed, setFailed] = createSignal(false)

  const print = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    setFailed(false)
    try {
      const [{ makePdf }, snapshot] = await Promise.all([
        import('./print-pdf.ts'),
        props.map.tools.snapshot(),
      ])
      await makePdf({
        title: title().trim() || tt('defaultTitle'),
        paper: paper(),
        orientation: orientation(),
        snapshot,
        legend: printLegend(props.map, props.visible),
        words: {
          legend: tt('pdfLegend'),
          date: tt('pdfDate'),
          source: tt('pdfSource'),
          scale: tt('pdfScale'),
        },
        date: formatDate(new Date().toISOString()),
        url: location.href,
      })
    } catch (error) {
      console.warn('print failed:', error)
      setFailed(true)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="tool-card sheet" aria-label={tt('printTitle')}>
      <div class="sheet-head">
        <h2>{tt('printTitle')}</h2>
        <button type="button" class="close" aria-label={t('close')} onClick={() => props.onClose()}>
          ×
        </button>
      </div>
      <form class="print-form" onSubmit={print}>
        <label>
          <span>{tt('pdfTitle')}</span>
          <input
            type="text"
            value={title()}
            maxLength={120}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </label>
        <fieldset>
          <legend>{tt('paper')}</legend>
          <For each={['a4', 'a3'] as const}>
            {(size) => (
              <label class="choice">
                <input type="radio" name="paper" checked={paper() === size} onChange={() => setPaper(size)} />
                <span>{size.toUpperCase()}</span>
              </label>
            )}
          </For>
        </fieldset>
        <fieldset>
          <legend>{tt('orientation')}</legend>
          <For each={['portrait', 'landscape'] as const}>
            {(which) => (
              <label class="choice">
                <input
                  type="radio"
                  name="orientation"
                  checked={orientation() === which}
                  onChange={() => setOrientation(which)}
                />
                <span>{tt(which)}</span>
              </label>
            )}
          </For>
        </fieldset>
        <button type="submit" disabled={busy()}>
          {busy() ? tt('making') : tt('makePdf')}
        </button>
        <Show when={failed()}>
          <p role="alert">{tt('printFailed')}</p>
        </Show>
      </form>
    </section>
  )
}
