import { createSignal } from 'solid-js'
import { layerStyles } from '../map/map-style.ts'
import type { MapHandle } from '../map/map-view.ts'
import { layers } from '../registry.ts'
import { fetchAsOf } from './editing-api.ts'
import { et } from './editing-messages.ts'

// The map-wide "as of date" view: the editable layers as they were at the end of a chosen day,
// drawn from the history in place of today's tiles.

const historical: readonly string[] = layers.filter((layer) => layer.writable).map((layer) => layer.id)

type Props = { map: MapHandle; show(data: GeoJSON.FeatureCollection | undefined): void }

/** A date field; with a date, the map shows that day's state of the editable layers. */
export function AsOfControl(props: Props) {
  const [date, setDate] = createSignal('')
  const apply = async (next: string) => {
    setDate(next)
    if (!next) {
      props.show(undefined)
      for (const style of layerStyles) {
        if (historical.includes(style.id)) props.map.setLayerVisible(style.id, style.visibleByDefault)
      }
      return
    }
    const collections = await Promise.all(historical.map((id) => fetchAsOf(id, next)))
    for (const style of layerStyles)
      if (historical.includes(style.id)) props.map.setLayerVisible(style.id, false)
    props.show({ type: 'FeatureCollection', features: collections.flatMap((c) => c.features) })
  }
  return (
    <div class="as-of">
      <label>
        {et('asOf')}{' '}
        <input type="date" value={date()} onChange={(event) => void apply(event.currentTarget.value)} />
      </label>
      <button type="button" disabled={!date()} onClick={() => void apply('')}>
        {et('asOfOff')}
      </button>
    </div>
  )
}
