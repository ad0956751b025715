import { describe, expect, it } from 'vitest'
import { findLayer, type Layer } from '../contract/layers.ts'
import type { Bbox } from '../layers/layer-events.ts'
import { combined, TileCache, tileKey } from './tile-cache.ts'
import { tileAt } from './tile-coordinates.ts'

// The cache's bookkeeping on its own: `render` stands for the database and counts its calls.

const plots = findLayer('plots') as Layer
const places = findLayer('places') as Layer
const lindenau = tileAt(12.3345, 51.3345, 14)
const gruenau = tileAt(12.255, 51.31, 14)
const gardenBox: Bbox = [12.3343, 51.3344, 12.3347, 51.3346]

function counting() {
  const calls: string[] = []
  const render =
    (name: string, bytes = 100) =>
    async () => {
      calls.push(name)
      return new Uint8Array(bytes).fill(calls.length)
    }
  return { calls, render }
}

describe('TileCache', () => {
  it('renders a tile once and serves it from memory after that', async () => {
    const cache = new TileCache(2 ** 20)
    const { calls, render } = counting()
    const [a, b] = await Promise.all([
      cache.tile('plots', lindenau, render('plots')),
      cache.tile('plots', lindenau, render('plots')),
    ])
    const c = await cache.tile('plots', lindenau, render('plots'))
    expect(calls).toEqual(['plots'])
    expect(a.hash).toBe(b.hash)
    expect(c).toBe(a)
  })

  it('drops exactly the tiles over the old or new extent in the layer, the layers derived from it and the combined tileset', async () => {
    const cache = new TileCache(2 ** 20)
    const { calls, render } = counting()
    const fill = async () => {
      for (const scope of ['plots', 'interim-uses', 'places', combined]) {
        for (const tile of [lindenau, gruenau]) await cache.tile(scope, tile, render(`${scope}@${tile.x}`))
      }
    }
    await fill()
    calls.length = 0
    cache.invalidate({ layer: plots, featureId: 1, before: gardenBox, after: null })
    await fill()
    expect(calls.sort()).toEqual([`*@${lindenau.x}`, `interim-uses@${lindenau.x}`, `plots@${lindenau.x}`])
    calls.length = 0
    cache.invalidate({ layer: places, featureId: 2, before: null, after: [12.25, 51.3, 12.26, 51.32] })
    await fill()
    expect(calls.sort()).toEqual([`*@${gruenau.x}`, `places@${gruenau.x}`])
  })

  it('serves but does not keep a tile rendered while a write happened', async () => {
    const cache = new TileCache(2 ** 20)
    const { calls, render } = counting()
    let release = () => {}
    const slow = cache.tile('plots', lindenau, async () => {
      await new Promise<void>((resolve) => {
        release = resolve
      })
      return render('before the write')()
    })
    await new Promise((resolve) => setTimeout(resolve, 0))
    cache.invalidate({ layer: plots, featureId: 1, before: gardenBox, after: gardenBox })
    release()
    await slow
    await cache.tile('plots', lindenau, render('after the write'))
    expect(calls).toEqual(['before the write', 'after the write'])
  })

  it('keeps within its byte budget by dropping the least recently used tiles', async () => {
    const cache = new TileCache(3 * 1200)
    const { calls, render } = counting()
    const tiles = [0, 1, 2, 3].map((i) => ({ z: 14, x: 8000 + i, y: 5000 }))
    // Random bytes do not compress, so each entry takes about 1000 bytes.
    const noise = (name: string) => async () => {
      calls.push(name)
      return crypto.getRandomValues(new Uint8Array(1000))
    }
    for (const [i, tile] of tiles.entries()) await cache.tile('plots', tile, noise(`t${i}`))
    expect(cache.bytes).toBeLessThanOrEqual(3 * 1200)
    await cache.tile('plots', tiles[3] ?? lindenau, render('t3 again'))
    await cache.tile('plots', tiles[0] ?? lindenau, noise('t0 again'))
    expect(calls).toEqual(['t0', 't1', 't2', 't3', 't0 again'])
  })

  it('answers and keeps nothing while distrusted, and starts empty when trusted again', async () => {
    const cache = new TileCache(2 ** 20)
    const { calls, render } = counting()
    await cache.tile('plots', lindenau, render('before'))
    cache.distrust()
    expect(cache.cached(tileKey('plots', lindenau))).toBeUndefined()
    await Promise.all([
      cache.tile('plots', lindenau, render('unknown 1')),
      cache.tile('plots', lindenau, render('unknown 2')),
    ])
    // A render under way when the cache is trusted again is served but not kept.
    let finish: (bytes: Uint8Array) => void = () => {}
    const late = cache.tile('plots', gruenau, () => new Promise<Uint8Array>((resolve) => (finish = resolve)))
    cache.trust()
    finish(new Uint8Array(10))
    await late
    expect(cache.cached(tileKey('plots', lindenau))).toBeUndefined()
    expect(cache.cached(tileKey('plots', gruenau))).toBeUndefined()
    await cache.tile('plots', lindenau, render('after'))
    await cache.tile('plots', lindenau, render('after'))
    expect(calls).toEqual(['before', 'unknown 1', 'unknown 2', 'after'])
  })

  it('decompresses a tile for clients without gzip once, keeps those bytes and counts them in its budget', async () => {
    const cache = new TileCache(2 ** 20)
    const { render } = counting()
    const entry = await cache.tile('plots', lindenau, render('plots', 5000))
    const compressed = cache.bytes
    const first = await cache.identity(entry)
    expect(Buffer.compare(first, new Uint8Array(5000).fill(1))).toBe(0)
    expect(await cache.identity(entry)).toBe(first)
    expect(cache.cached(entry.key)?.identity).toBe(first)
    expect(cache.bytes).toBe(compressed + 5000)
  })
})
