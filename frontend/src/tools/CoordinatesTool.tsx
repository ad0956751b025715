import proj4 from 'proj4'
import { createSignal, For, onCleanup, Show } from 'solid-js'
import { sridFor } from '../geometry/measure.ts'
import { t } from '../i18n/locale.ts'
import type { LonLat } from '../map/map-tools.ts'
import type { MapHandle } from '../map/map-view.ts'
import { toolsText as tt } from './tools-messages.ts'
import './tools.css'

type Props = { map: MapHandle; srid: number | null; onClose: () => void }
type Line = { crs: string; text: string }

// geometry/measure.ts defines EPSG:25832 and 25833 for proj4 (the same definitions PostGIS uses).

/** The coordinates of the last point clicked on the map, in the city's official CRS and WGS 84. */
export default function CoordinatesTool(props: Props) {
  const [point, setPoint] = createSignal<LonLat | null>(null)
  const [copied, setCopied] = createSignal<string | null>(null)
  props.map.setDrawing(true)
  const stop = props.map.tools.onPointClick(setPoint)
  onCleanup(() => {
    stop()
    props.map.setDrawing(false)
  })

  const lines = (at: LonLat): Line[] => {
    const srid =
      props.srid === 25832 || props.srid === 25833
        ? props.srid
        : sridFor(undefined, { type: 'Point', coordinates: at })
    const [east, north] = proj4('EPSG:4326', `EPSG:${srid}`).forward(at)
    const metres = (value: number) => value.toFixed(2)
    const degrees = (value: number) => value.toFixed(7)
    return [
      { crs: `EPSG:${srid}`, text: `E ${metres(east ?? 0)} N ${metres(north ?? 0)}` },
      { crs: 'WGS 84 (EPSG:4326)', text: `${degrees(at[1])}° N ${degrees(at[0])}° E` },
    ]
  }
  const copy = async (line: Line) => {
    await navigator.clipboard?.writeText(line.text).catch(() => undefined)
    setCopied(line.crs)
  }
  return (
    <section class="tool-card sheet" aria-label={tt('coordinatesTitle')}>
      <div class="sheet-head">
        <h2>{tt('coordinatesTitle')}</h2>
        <button type="button" class="close" aria-label={t('close')} onClick={() => props.onClose()}>
          ×
        </button>
      </div>
      <Show when={point()} fallback={<p class="hint">{tt('coordinatesHint')}</p>}>
        {(at) => (
          <dl class="coordinates" data-lon={at()[0]} data-lat={at()[1]}>
            <For each={lines(at())}>
              {(line) => (
                <div>
                  <dt>{line.crs}</dt>
                  <dd>
                    <output data-crs={line.crs}>{line.text}</output>
                    <button type="button" onClick={() => copy(line)}>
                      {copied() === line.crs ? tt('copied') : tt('copy')}
                    </button>
                  </dd>
                </div>
              )}
            </For>
          </dl>
        )}
      </Show>
    </section>
  )
}
