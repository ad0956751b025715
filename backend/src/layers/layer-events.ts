import type { Layer } from '../contract/layers.ts'

// Writes announce what they changed so that derived state (the tile cache) follows before the
// write's response leaves. One LayerEvents per app; listeners run synchronously and must be quick.

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number]

export type LayerChange = {
  layer: Layer
  featureId: number
  /** Extent of the geometry before the write (null for an insert). */
  before: Bbox | null
  /** Extent after the write (null for a delete). */
  after: Bbox | null
}

type Listener = (change: LayerChange) => void

export class LayerEvents {
  readonly #listeners = new Set<Listener>()

  /** Subscribes to layer changes; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Tells every listener about a change; every write path calls it after its commit. */
  announce(change: LayerChange): void {
    for (const listener of this.#listeners) listener(change)
  }
}
