import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants, gunzip, gzip } from 'node:zlib'
import { layers, type TileRules } from '../contract/layers.ts'
import type { Bbox, LayerChange, LayerEvents } from '../layers/layer-events.ts'
import { bufferedBounds, intersects, type Tile } from './tile-coordinates.ts'

// Compressed tiles in memory within a byte budget, least recently used out first. A write drops
// exactly the tiles whose buffered extent meets the changed feature's old or new bbox, in its
// layer, the layers derived from it (registry: tiles.derivedFrom) and the combined tileset. A
// render that was under way while a write committed is served but not kept, so no stale tile
// outlives the write's response. While the app cannot hear changes (the change feed's connection
// is down) the cache is distrusted: it answers nothing, keeps nothing and shares no render between
// requests, until it is trusted again, empty.

const gzipAsync = promisify(gzip)
// gzip level on a miss: level 1 (fastest) took about 1 ms on a 64 KB z14 tile against 2.5 ms at
// the default 6, for 5 % more bytes; the miss's latency is what a map user waits for.
const gzipLevel = constants.Z_BEST_SPEED
const brotliAsync = promisify(brotliCompress)
const gunzipAsync = promisify(gunzip)

/** The scope of the combined tileset; per-collection tiles use the collection id. */
export const combined = '*'

export type CachedTile = {
  key: string
  scope: string
  bounds: Bbox
  /** Hash of the MVT bytes: the same content always has the same ETag. */
  hash: string
  /** gzip bytes; empty for a tile without features. */
  gzip: Uint8Array
  brotli?: Uint8Array
  /** The MVT bytes, kept from the first request that accepted no compression. */
  identity?: Uint8Array
}

export class TileCache {
  readonly #entries = new Map<string, CachedTile>()
  readonly #pending = new Map<string, Promise<CachedTile>>()
  #bytes = 0
  #generation = 0
  #trusted = true
  /** Lookups answered from the cache, and tiles asked for that were not in it (for /metrics). */
  hits = 0
  misses = 0

  constructor(readonly budgetBytes: number) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.#bytes
  }

  /** The tile cached under `key` (see tileKey), marked as recently used; undefined on a miss. */
  cached(key: string): CachedTile | undefined {
    if (!this.#trusted) return undefined
    const hit = this.#entries.get(key)
    if (hit) {
      this.hits += 1
      this.#entries.delete(key)
      this.#entries.set(key, hit)
    }
    return hit
  }

  /** The cached tile, rendered and compressed by `render` on a miss (one render per tile at a time). */
  async tile(scope: string, tile: Tile, render: () => Promise<Uint8Array>): Promise<CachedTile> {
    const key = tileKey(scope, tile)
    const hit = this.cached(key)
    if (hit) return hit
    this.misses += 1
    if (!this.#trusted) return this.#fill(key, scope, tile, render)
    let pending = this.#pending.get(key)
    if (!pending) {
      pending = this.#fill(key, scope, tile, render).finally(() => {
        if (this.#pending.get(key) === pending) this.#pending.delete(key)
      })
      this.#pending.set(key, pending)
    }
    return pending
  }

  async #fill(
    key: string,
    scope: string,
    tile: Tile,
    render: () => Promise<Uint8Array>,
  ): Promise<CachedTile> {
    const generation = this.#generation
    const mvt = await render()
    const entry: CachedTile = {
      key,
      scope,
      bounds: bufferedBounds(tile),
      hash: createHash('sha256').update(mvt).digest('base64url').slice(0, 22),
      gzip: mvt.byteLength === 0 ? mvt : await gzipAsync(mvt, { level: gzipLevel }),
    }
    if (generation === this.#generation && this.#trusted) this.#store(key, entry)
    return entry
  }

  /** The tile's brotli bytes, compressed on first use and kept with it. */
  async brotli(entry: CachedTile): Promise<Uint8Array> {
    if (!entry.brotli) {
      const mvt = entry.identity ?? (await gunzipAsync(entry.gzip))
      entry.brotli = await brotliAsync(mvt, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } })
      if (this.#entries.get(entry.key) === entry) this.#grow(entry.brotli.byteLength)
    }
    return entry.brotli
  }

  /**
   * The tile's uncompressed MVT bytes, for clients that accept no compression: decompressed on
   * first use and kept with the tile within the byte budget, so that such a client costs no gunzip
   * per request (it made the server 0.09× of nginx). Kept only when asked for: most clients
   * accept gzip, and the MVT bytes are about 2.3× the gzip bytes.
   */
  async identity(entry: CachedTile): Promise<Uint8Array> {
    if (entry.gzip.byteLength === 0) return entry.gzip
    if (!entry.identity) {
      entry.identity = await gunzipAsync(entry.gzip)
      if (this.#entries.get(entry.key) === entry) this.#grow(entry.identity.byteLength)
    }
    return entry.identity
  }

  /** Drops the tiles a write changed (see above); the LayerEvents listener of an app. */
  invalidate(change: LayerChange): void {
    this.#generation++
    this.#pending.clear()
    const scopes = new Set([combined, change.layer.id])
    for (const layer of layers) {
      const rules: TileRules = layer.tiles
      if (rules.derivedFrom?.includes(change.layer.id)) scopes.add(layer.id)
    }
    const boxes = [change.before, change.after].filter((box): box is Bbox => box !== null)
    for (const [key, entry] of this.#entries) {
      if (scopes.has(entry.scope) && boxes.some((box) => intersects(entry.bounds, box)))
        this.#drop(key, entry)
    }
  }

  /** Whether the cache answers: false from distrust() until trust(). */
  get trusted(): boolean {
    return this.#trusted
  }

  /** Answers and keeps nothing from now on: changes may go unheard (the change feed is down). */
  distrust(): void {
    this.#trusted = false
    this.#flush()
  }

  /** Answers again, empty: whatever changed while it was distrusted is not in it. */
  trust(): void {
    this.#flush()
    this.#trusted = true
  }

  #flush(): void {
    this.#generation++
    this.#pending.clear()
    this.#entries.clear()
    this.#bytes = 0
  }

  #store(key: string, entry: CachedTile): void {
    const size = sizeOf(entry)
    if (size > this.budgetBytes) return
    this.#entries.set(key, entry)
    this.#grow(size)
  }

  #grow(size: number): void {
    this.#bytes += size
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.budgetBytes) break
      this.#drop(key, entry)
    }
  }

  #drop(key: string, entry: CachedTile): void {
    this.#entries.delete(key)
    this.#bytes -= sizeOf(entry)
  }
}

/** The cache key of `tile` in `scope` (a collection id or `combined`). */
export function tileKey(scope: string, tile: Tile): string {
  return `${scope}/${tile.z}/${tile.x}/${tile.y}`
}

// Bytes of a tile in the cache, with a rough allowance for the key and bookkeeping.
function sizeOf(entry: CachedTile): number {
  return entry.gzip.byteLength + (entry.brotli?.byteLength ?? 0) + (entry.identity?.byteLength ?? 0) + 200
}

/** A tile cache of `budgetBytes` that drops the tiles each change announced on `events` touches. */
export function tileCacheFor(events: LayerEvents, budgetBytes: number): TileCache {
  const cache = new TileCache(budgetBytes)
  events.subscribe((change) => cache.invalidate(change))
  return cache
}
