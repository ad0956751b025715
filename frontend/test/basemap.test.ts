import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { renderedCollections, useBrowserApp, waitForMapIdle } from './browser-app.ts'

const app = useBrowserApp()
let styleServer: Server
let styleOrigin = ''

// A stand-in for an external basemap: one background layer in a colour our style never uses.
beforeAll(async () => {
  styleServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
    response.end(
      JSON.stringify({
        version: 8,
        sources: {},
        layers: [{ id: 'land', type: 'background', paint: { 'background-color': '#abcdef' } }],
      }),
    )
  })
  await new Promise<void>((resolve) => styleServer.listen(0, '127.0.0.1', resolve))
  styleOrigin = `http://127.0.0.1:${(styleServer.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => styleServer.close(() => resolve())))
const saved = process.env.BASEMAP_STYLE_URL
afterEach(() => {
  if (saved === undefined) delete process.env.BASEMAP_STYLE_URL
  else process.env.BASEMAP_STYLE_URL = saved
})

const leipzig = '#map=12.00/51.3250/12.3500'
const layerIds = (page: Awaited<ReturnType<ReturnType<typeof app>['newPage']>>) =>
  page.evaluate(() => window.__quartiersatlas?.map.getStyle().layers.map((layer) => layer.id) ?? [])

describe('the basemap', () => {
  it('puts a configured basemap under our layers', async () => {
    process.env.BASEMAP_STYLE_URL = `${styleOrigin}/style.json`
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/${leipzig}`)
    await waitForMapIdle(page)
    await expect.poll(() => layerIds(page)).toContain('basemap:land')
    const ids = await layerIds(page)
    expect(ids.indexOf('basemap:land')).toBeLessThan(ids.indexOf('plots-fill'))
    expect(await renderedCollections(page)).toEqual(
      expect.arrayContaining(['plots', 'links', 'programme-areas']),
    )
    expect(page.errors).toEqual([])
  })

  it('keeps the offline map when the configured basemap cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const closedPort = (probe.address() as AddressInfo).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    process.env.BASEMAP_STYLE_URL = `http://127.0.0.1:${closedPort}/unreachable-style.json`
    const page = await app().newPage()
    await page.goto(`${app().baseUrl}/${leipzig}`)
    await waitForMapIdle(page)
    expect(await renderedCollections(page)).toEqual(
      expect.arrayContaining(['plots', 'links', 'programme-areas']),
    )
    expect((await layerIds(page)).some((id) => id.startsWith('basemap:'))).toBe(false)
    // The browser itself reports the refused connection; nothing else may fail.
    expect(page.errors.filter((error) => !error.includes('ERR_CONNECTION_REFUSED'))).toEqual([])
  })
})
