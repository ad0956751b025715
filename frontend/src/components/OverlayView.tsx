import { createEffect, createResource, createSignal, Match, onCleanup, Show, Switch } from 'solid-js'
import { t } from '../i18n/locale.ts'
import { IndexBuilder } from '../indicators/IndexBuilder.tsx'
import { IndicatorMap } from '../indicators/IndicatorMap.tsx'
import { im } from '../indicators/indicator-messages.ts'
import { fetchIndicators } from '../indicators/indicators-api.ts'
import { type ChoroplethLayer, makeChoroplethLayer } from '../map/choropleth-layer.ts'
import type { BBox, MapHandle } from '../map/map-view.ts'
import { OverlayCompare } from './OverlayCompare.tsx'
import './overlay-view.css'

type Props = { map: MapHandle | undefined; onClose: () => void }
type Tab = 'compare' | 'indicators' | 'index'

const tabs: readonly Tab[] = ['compare', 'indicators', 'index']
const tabLabels = { compare: 'tabCompare', indicators: 'tabIndicators', index: 'tabIndex' } as const

/**
 * The city's view beside the map: programme areas compared, indicators per district as a
 * choropleth, and the composite index to choose a pilot area. The map stays visible and shows
 * what the open tab is about (the compared areas outlined, or the districts filled by class).
 */
export default function OverlayView(props: Props) {
  const [tab, setTab] = createSignal<Tab>('compare')
  const [layer, setLayer] = createSignal<ChoroplethLayer>()
  createEffect(() => {
    const map = props.map
    if (!map) return
    const created = makeChoroplethLayer()
    const remove = map.addInteraction(created)
    setLayer(created)
    onCleanup(() => {
      setLayer(undefined)
      remove()
    })
  })
  const [indicators] = createResource(fetchIndicators)
  let panel!: HTMLElement
  // Areas shown are fitted into the part of the map the panel leaves free: beside it on a
  // desktop, above it on a phone.
  const fit = (bbox: BBox) => {
    const box = panel.getBoundingClientRect()
    const phone = matchMedia('(max-width: 700px)').matches
    props.map?.fitBounds(bbox, phone ? { bottom: box.height + 20 } : { left: box.width + 30 })
  }

  return (
    <section ref={panel} class="overlay-view sheet" aria-labelledby="overlay-title">
      <div class="sheet-head">
        <h2 id="overlay-title">{t('overlay')}</h2>
        <button type="button" class="close" aria-label={t('close')} onClick={() => props.onClose()}>
          ×
        </button>
      </div>
      <div class="overlay-tabs" role="tablist">
        {tabs.map((name) => (
          <button
            type="button"
            role="tab"
            aria-selected={tab() === name}
            classList={{ active: tab() === name }}
            onClick={() => setTab(name)}
          >
            {im(tabLabels[name])}
          </button>
        ))}
      </div>
      <Switch>
        <Match when={tab() === 'compare'}>
          <OverlayCompare layer={layer()} onFit={fit} />
        </Match>
        <Match when={tab() !== 'compare'}>
          <Show when={indicators.error}>
            <p role="alert">{t('loadFailed')}</p>
          </Show>
          <Show when={indicators()} fallback={<p>{t('loading')}</p>}>
            {(list) => (
              <Switch>
                <Match when={tab() === 'indicators'}>
                  <IndicatorMap indicators={list()} layer={layer()} />
                </Match>
                <Match when={tab() === 'index'}>
                  <IndexBuilder indicators={list()} layer={layer()} />
                </Match>
              </Switch>
            )}
          </Show>
        </Match>
      </Switch>
    </section>
  )
}
