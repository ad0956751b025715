import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { featureCollections } from '../contract/layers.ts'
import { programmeOutline } from '../contract/palette.ts'
import { useTestDatabase } from '../test/test-database.ts'
import { dataSource } from './qgis-project.ts'
import { rgba } from './qgis-symbols.ts'

// The QGIS project as a planner downloads it; qgis-acceptance.test.ts opens it in QGIS itself.

const db = useTestDatabase()

async function project(query = '') {
  const response = await createApp(db()).request(`/api/qgis/project.qgs${query}`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-disposition')).toContain('quartiersatlas.qgs')
  return response.text()
}

describe('GET /api/qgis/project.qgs', () => {
  it('has every public collection as an OGC API – Features layer of this server, styled', async () => {
    const qgs = await project()
    for (const collection of featureCollections) {
      const source = dataSource('http://localhost/api', collection.id).replaceAll("'", '&apos;')
      expect(qgs, collection.id).toContain(`<datasource>${source}</datasource>`)
      expect(qgs, collection.id).toContain(`<layername>${collection.title.de}</layername>`)
    }
    expect(qgs.match(/<provider encoding="UTF-8">oapif<\/provider>/g)).toHaveLength(featureCollections.length)
    expect(qgs.match(/<renderer-v2 /g)).toHaveLength(featureCollections.length)
    expect(qgs).not.toContain('measures&apos; ')
  })

  it('draws programme areas with the blue dotted outline of the web map', async () => {
    const qgs = await project()
    const layer = qgs.slice(qgs.indexOf('<id>quartiersatlas_programme_areas</id>'))
    const renderer = layer.slice(0, layer.indexOf('</renderer-v2>'))
    expect(renderer).toContain('<Option name="outline_style" type="QString" value="dot"/>')
    expect(renderer).toContain(
      `<Option name="outline_color" type="QString" value="${rgba(programmeOutline)}"/>`,
    )
    expect(renderer).toContain('attr="programme"')
  })

  it("is in the default municipality's official CRS: EPSG:25833 for Leipzig, EPSG:25832 for Dortmund", async () => {
    const leipzig = await project()
    expect(leipzig).toContain(
      '<projectCrs><spatialrefsys nativeFormat="Wkt"><srsid>2106</srsid><authid>EPSG:25833</authid>',
    )
    const xmin = Number(/<xmin>([\d.]+)<\/xmin>/.exec(leipzig)?.[1])
    expect(xmin).toBeGreaterThan(300_000)
    expect(xmin).toBeLessThan(330_000)
    await db().sql`update municipalities set is_default = false where ags = '14713000'`
    await db().sql`update municipalities set is_default = true where ags = '05913000'`
    try {
      expect(await project('?lang=en')).toContain('<authid>EPSG:25832</authid>')
    } finally {
      await db().sql`update municipalities set is_default = false where ags = '05913000'`
      await db().sql`update municipalities set is_default = true where ags = '14713000'`
    }
  })
})
