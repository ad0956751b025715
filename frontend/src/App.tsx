import { onMount } from 'solid-js'
import { createMapView } from './map/map-view.ts'

/** The Quartiersatlas screen: the map fills the window. */
export function App() {
  let container!: HTMLDivElement
  onMount(() => createMapView(container))
  return <div ref={container} style={{ position: 'absolute', inset: '0' }} />
}
