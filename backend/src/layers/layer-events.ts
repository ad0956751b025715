import type { Layer } from '../contract/layers.ts'

// Changes of layers reach derived state (the tile cache) through here. Every change the database
// commits arrives from the change feed (change-feed.ts), whoever wrote it. The app's own write
// paths announce their change here too, after their commit and before their response leaves: a
// shortcut to the same invalidation, kept so that a user's next read after their own write is
// fresh at once instead of once the notification has come back (read-your-writes). One
// LayerEvents per app; listeners run synchronously and must be quick.

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number]

export type LayerChange = {
  layer: Layer
  /** The written feature, when one write path announces it (the change feed names none). */
  featureId?: number
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
