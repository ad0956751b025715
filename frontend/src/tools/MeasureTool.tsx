import type { Feature, Geometry } from 'geojson'
import { createEffect, createMemo, createSignal, onCleanup, Show } from 'solid-js'
import { measure, sridFor } from '../geometry/measure.ts'
import { formatArea, formatLength, t } from '../i18n/locale.ts'
import type { LonLat } from '../map/map-tools.ts'
import type { MapHandle } from '../map/map-view.ts'
import { makeMeasureLayer } from '../map/measure-layer.ts'
import { toolsText as tt } from './tools-messages.ts'
import './tools.css'

type Props = { map: MapHandle; srid: number | null; onClose: () => void }
type Mode = 'distance' | 'area'

/** Measures a distance or an area clicked on the map, as the server measures stored features. */
export default function MeasureTool(props: Props) {
  const [mode, setMode] = createSignal<Mode>('area')
  const [points, setPoints] = createSignal<LonLat[]>([])
  const layer = makeMeasureLayer()
  props.map.setDrawing(true)
  const removeLayer = props.map.addInteraction(layer)
  const stopListening = props.map.tools.onPointClick((point) => setPoints([...points(), point]))
  onCleanup(() => {
    stopListening()
    removeLayer()
    props.map.setDrawing(false)
  })

  const geometry = createMemo((): Geometry | null => {
    const at = points()
    if (mode() === 'area') {
      const first = at[0]
      return at.length >= 3 && first ? { type: 'Polygon', coordinates: [[...at, first]] } : null
    }
    return at.length >= 2 ? { type: 'LineString', coordinates: at } : null
  })
  // The server's sums: planar, in the municipality's official ETRS89 / UTM zone.
  const result = createMemo(() => {
    const shape = geometry()
    if (!shape) return null
    const srid = props.srid === 25832 || props.srid === 25833 ? props.srid : sridFor(undefined, shape)
    return measure(shape, srid)
  })
  const drawn = createMemo((): Feature[] => {
    const shape = geometry()
    const vertices: Feature[] = points().map((point) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: point },
      properties: {},
    }))
    const line: Feature[] =
      !shape && points().length >= 2
        ? [{ type: 'Feature', geometry: { type: 'LineString', coordinates: points() }, properties: {} }]
        : []
    return [
      ...(shape ? [{ type: 'Feature', geometry: shape, properties: {} } as Feature] : []),
      ...line,
      ...vertices,
    ]
  })
  createEffect(() => layer.show(drawn()))

  const choose = (next: Mode) => {
    setMode(next)
    setPoints([])
  }
  return (
    <section class="tool-card sheet" aria-label={tt('measureTitle')}>
      <div class="sheet-head">
        <h2>{tt('measureTitle')}</h2>
        <button type="button" class="close" aria-label={t('close')} onClick={() => props.onClose()}>
          ×
        </button>
      </div>
      <fieldset class="segmented">
        <legend class="visually-hidden">{tt('measureTitle')}</legend>
        <button type="button" aria-pressed={mode() === 'distance'} onClick={() => choose('distance')}>
          {tt('distance')}
        </button>
        <button type="button" aria-pressed={mode() === 'area'} onClick={() => choose('area')}>
          {tt('area')}
        </button>
      </fieldset>
      <Show
        when={result()}
        fallback={<p class="hint">{points().length === 0 ? tt('measureHint') : tt('measureMore')}</p>}
      >
        {(m) => (
          <output
            class="measure-result"
            data-area-m2={m().areaM2}
            data-geometry={JSON.stringify(geometry())}
            data-length-m={mode() === 'area' ? m().perimeterM : m().lengthM}
          >
            <Show when={mode() === 'area'} fallback={formatLength(m().lengthM)}>
              {formatArea(m().areaM2)}, {tt('perimeter')} {formatLength(m().perimeterM)}
            </Show>
          </output>
        )}
      </Show>
      <div class="tool-actions">
        <button
          type="button"
          disabled={points().length === 0}
          onClick={() => setPoints(points().slice(0, -1))}
        >
          {tt('undo')}
        </button>
        <button type="button" disabled={points().length === 0} onClick={() => setPoints([])}>
          {tt('reset')}
        </button>
      </div>
    </section>
  )
}
