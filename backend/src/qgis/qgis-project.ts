import { featureCollections, type Layer } from '../contract/layers.ts'
import type { Labels } from '../contract/vocabulary.ts'
import { layerRenderers } from './qgis-layer-styles.ts'
import { xml } from './qgis-symbols.ts'

// A QGIS project (.qgs, XML) with every public collection as an OGC API – Features layer of this
// server, styled like the web map, in the municipality's official CRS. QGIS 3.22 reads it (the
// acceptance test, qgis/qgis-acceptance.test.ts, loads and renders it with PyQGIS).

type Lang = keyof Labels

export type ProjectSettings = {
  /** The API root the layers read from, e.g. https://atlas.example/api. */
  api: string
  /** The municipality's official CRS (EPSG code), e.g. 25833 for Leipzig. */
  srid: number
  /** The initial view in that CRS: [xmin, ymin, xmax, ymax], or null for QGIS to choose. */
  extent: [number, number, number, number] | null
  lang: Lang
}

const wkbTypes: Record<Layer['geometryType'], { geometry: string; wkb: string }> = {
  MultiPolygon: { geometry: 'Polygon', wkb: 'MultiPolygon' },
  MultiLineString: { geometry: 'Line', wkb: 'MultiLineString' },
  Point: { geometry: 'Point', wkb: 'Point' },
  Geometry: { geometry: 'Unknown geometry', wkb: 'Unknown' },
}

/**
 * QGIS's own ids (srs.db) of the CRSs a municipality may have: with one, QGIS 3.22 takes the CRS
 * from its authority id; without, it ignores the authority id and the CRS stays empty.
 */
const qgisSrsIds: Readonly<Record<number, number>> = {
  4326: 3452,
  25832: 2105,
  25833: 2106,
  31468: 2648,
  31469: 2649,
}

function crsXml(srid: number): string {
  return `<spatialrefsys nativeFormat="Wkt"><srsid>${qgisSrsIds[srid] ?? 0}</srsid><authid>EPSG:${srid}</authid></spatialrefsys>`
}

/** The OAPIF data source of a collection, as QGIS writes it (no credentials: see the README). */
export function dataSource(api: string, collection: string): string {
  return `pagingEnabled='true' preferCoordinatesForWfsT11='false' restrictToRequestBBOX='1' typename='${collection}' url='${api}' version='OGC_API_FEATURES'`
}

/** The .qgs document. */
export function qgisProject(settings: ProjectSettings): string {
  const renderers = layerRenderers(settings.lang)
  const layers = renderers.flatMap(({ id, renderer }) => {
    const layer = featureCollections.find((candidate) => candidate.id === id)
    return layer ? [{ layer, renderer, layerId: `quartiersatlas_${id.replaceAll('-', '_')}` }] : []
  })
  // The layer tree lists the top layer first; renderers come bottom first.
  const tree = [...layers]
    .reverse()
    .map(
      ({ layer, layerId }) =>
        `<layer-tree-layer id="${layerId}" name="${xml(layer.title[settings.lang])}" providerKey="oapif" source="${xml(dataSource(settings.api, layer.id))}" checked="Qt::Checked" expanded="0"/>`,
    )
    .join('\n    ')
  const mapLayers = layers
    .map(({ layer, renderer, layerId }) => {
      const type = wkbTypes[layer.geometryType]
      return `<maplayer type="vector" geometry="${type.geometry}" wkbType="${type.wkb}" hasScaleBasedVisibilityFlag="0" readOnly="0" autoRefreshEnabled="0" minScale="100000000" maxScale="0">
      <id>${layerId}</id>
      <datasource>${xml(dataSource(settings.api, layer.id))}</datasource>
      <layername>${xml(layer.title[settings.lang])}</layername>
      <abstract>${xml(layer.description[settings.lang])}</abstract>
      <srs>${crsXml(4326)}</srs>
      <provider encoding="UTF-8">oapif</provider>
      ${renderer}
    </maplayer>`
    })
    .join('\n    ')
  const order = [...layers]
    .reverse()
    .map(({ layerId }) => `<item>${layerId}</item>`)
    .join('')
  const [xmin, ymin, xmax, ymax] = settings.extent ?? []
  const extent = settings.extent
    ? `<extent><xmin>${xmin}</xmin><ymin>${ymin}</ymin><xmax>${xmax}</xmax><ymax>${ymax}</ymax></extent>`
    : ''
  // The view a project opens on (QGIS 3.22: ProjectViewSettings; the map canvas's own is older).
  const view = settings.extent
    ? `<ProjectViewSettings UseProjectScales="0"><Scales/><DefaultViewExtent xmin="${xmin}" ymin="${ymin}" xmax="${xmax}" ymax="${ymax}">${crsXml(settings.srid)}</DefaultViewExtent></ProjectViewSettings>`
    : ''
  // No basemap: BASEMAP_STYLE_URL names a MapLibre style, whose tile URLs QGIS would need to be
  // given one by one; planners add one themselves (e.g. basemap.de as a vector tile connection).
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis projectname="Quartiersatlas" version="3.22.0-Białowieża">
  <homePath path=""/>
  <title>Quartiersatlas</title>
  <projectCrs>${crsXml(settings.srid)}</projectCrs>
  <properties><SpatialRefSys><ProjectionsEnabled type="int">1</ProjectionsEnabled></SpatialRefSys></properties>
  <layer-tree-group>
    <customproperties/>
    ${tree}
    <custom-order enabled="0">${order}</custom-order>
  </layer-tree-group>
  <mapcanvas name="theMapCanvas" annotationsVisible="1">
    <units>meters</units>
    ${extent}
    <destinationsrs>${crsXml(settings.srid)}</destinationsrs>
    <rendermaptile>0</rendermaptile>
  </mapcanvas>
  ${view}
  <projectlayers>
    ${mapLayers}
  </projectlayers>
  <layerorder>${order}</layerorder>
</qgis>
`
}
