import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { mapHasFeature, screenshotDir, useBrowserApp, waitForMapIdle } from './browser-app.ts'
import { drawPolygon, openSignedIn, pixelOf } from './editing.testing.ts'

// Corners: a feature chosen for editing shows its vertex handles at once, and a vertex snapped
// to a neighbour's corner is that corner, so neighbouring plots touch without slivers.

const app = useBrowserApp()

/** Terra Draw's guidance points on the map (vertex handles, the snapping point). */
function guidancePoints(page: Page, property: 'selectionPoint' | 'snappingPoint') {
  return page.evaluate(async (wanted) => {
    const source = window.__quartiersatlas?.map.getSource('td-point') as
      | {
          getData(): Promise<{
            features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[]
          }>
        }
      | undefined
    const data = await source?.getData()
    return (data?.features ?? []).filter((f) => f.properties[wanted]).map((f) => f.geometry.coordinates)
  }, property)
}

async function saveAs(page: Page, name: string): Promise<number> {
  await page.getByLabel('Name').fill(name)
  await page.getByRole('button', { name: 'Speichern' }).click()
  await page.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor()
  const [row] = await app().db.sql<{ id: number }[]>`select id from plots where name = ${name}`
  if (!row) throw new Error(`no plot ${name}`)
  await page.getByRole('button', { name: 'Verwerfen' }).click()
  return Number(row.id)
}

describe('editing corners', () => {
  it('shows the vertex handles of a plot chosen for editing without another click', async () => {
    const [row] = await app().db.sql<{ id: number; corners: number }[]>`
      select id, st_npoints(geom) - st_numgeometries(geom) as corners from plots
       where external_id = 'demo:plot:lindenau-luetzner-strasse-baulucke'`
    const page = await app().newPage({ width: 1440, height: 900 })
    await openSignedIn(page, app().baseUrl, `/plots/${row?.id}`)
    await page.getByRole('button', { name: 'Ausgewähltes Objekt bearbeiten' }).click()
    await expect.poll(async () => (await guidancePoints(page, 'selectionPoint')).length).toBe(row?.corners)
    await page.screenshot({ path: join(screenshotDir, 'editing-vertices.png') })
  })

  it("snaps the corners of a new plot onto its neighbour's: they touch in PostGIS, with no overlap", async () => {
    const page = await app().newPage({ width: 1440, height: 900 })
    await openSignedIn(page, app().baseUrl, '/#map=18.50/51.33660/12.33500')
    await waitForMapIdle(page)
    const west = [
      [12.3344, 51.3363],
      [12.335, 51.3363],
      [12.335, 51.3368],
      [12.3344, 51.3368],
    ] as const
    await drawPolygon(page, west)
    const first = await saveAs(page, 'Eckentest West')
    await expect.poll(() => mapHasFeature(page, 'plots', first)).toBe(true)
    const [stored] = await app().db.sql<{ corners: number[][][][] }[]>`
      select (st_asgeojson(geom) ::json -> 'coordinates') as corners from plots where id = ${first}`
    const ring = stored?.corners[0]?.[0] ?? []
    // The stored corners on the east side (largest longitude), south and north.
    const east = ring.filter(([lon]) => lon === Math.max(...ring.map(([x]) => x ?? 0)))
    const [southEast, northEast] = [...new Map(east.map((p) => [p.join(), p])).values()].sort(
      (a, b) => (a[1] ?? 0) - (b[1] ?? 0),
    )
    if (!southEast || !northEast) throw new Error('no east corners')

    await page.getByRole('button', { name: 'Fläche zeichnen' }).click()
    /** Clicks 6 pixels off `corner` once the snapping point shows on the stored corner itself. */
    const clickOnto = async (corner: number[], dx: number, dy: number) => {
      const c = await pixelOf(page, corner[0] ?? 0, corner[1] ?? 0)
      let jitter = 0
      await expect
        .poll(
          async () => {
            jitter = 1 - jitter
            await page.mouse.move(c.x + dx + jitter, c.y + dy, { steps: 2 })
            return guidancePoints(page, 'snappingPoint')
          },
          { timeout: 15_000 },
        )
        .toContainEqual(corner)
      await page.mouse.click(c.x + dx + jitter, c.y + dy)
    }
    const clickAt = async (lon: number, lat: number) => {
      const p = await pixelOf(page, lon, lat)
      await page.mouse.move(p.x, p.y, { steps: 4 })
      await page.mouse.click(p.x, p.y)
    }
    await clickOnto(southEast, 6, 4)
    await clickAt(12.3356, 51.33632)
    await clickAt(12.3356, 51.33678)
    await clickOnto(northEast, 6, -4)
    // Closing on the first vertex, which is the neighbour's corner already.
    const start = await pixelOf(page, southEast[0] ?? 0, southEast[1] ?? 0)
    await page.mouse.move(start.x + 2, start.y + 1, { steps: 4 })
    await page.mouse.click(start.x + 2, start.y + 1)
    await expect.poll(() => page.locator('.measurement').getAttribute('data-area-m2')).not.toBe('')
    const second = await saveAs(page, 'Eckentest Ost')
    await page.screenshot({ path: join(screenshotDir, 'editing-snapped-corners.png') })

    const [relation] = await app().db.sql<{ touches: boolean; overlap: number; shared: number }[]>`
      select st_touches(a.geom, b.geom) as touches,
             st_area(st_intersection(a.geom, b.geom)::geography) as overlap,
             (select count(*) from st_dumppoints(b.geom) as d
               where exists (select 1 from st_dumppoints(a.geom) as e where st_equals(d.geom, e.geom)))::int as shared
        from plots as a, plots as b where a.id = ${first} and b.id = ${second}`
    expect(relation?.touches).toBe(true)
    expect(Number(relation?.overlap)).toBe(0)
    expect(relation?.shared).toBeGreaterThanOrEqual(2)
  })
})
