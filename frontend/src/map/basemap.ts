import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl'

// An external vector basemap (BASEMAP_STYLE_URL, e.g. basemap.de) goes under our layers when it is
// configured and answers in time; otherwise the map keeps its quiet offline background. Basemap
// labels are drawn locally like ours (the style's glyph server is not used), so a glyph server
// that is down cannot break text either.

const prefix = 'basemap:'

/** Fetches a style JSON, or null when it is unreachable, slow, or not a MapLibre style. */
export async function fetchBasemapStyle(url: string, timeoutMs = 4000): Promise<StyleSpecification | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    if (!response.ok) return null
    const style = (await response.json()) as Partial<StyleSpecification>
    if (style.version !== 8 || !Array.isArray(style.layers) || typeof style.sources !== 'object') return null
    return style as StyleSpecification
  } catch {
    return null
  }
}

/** Adds the basemap's sources and layers beneath `beforeLayerId`; a layer MapLibre refuses is skipped. */
export function addBasemap(map: MapLibreMap, style: StyleSpecification, beforeLayerId: string): void {
  for (const [id, source] of Object.entries(style.sources)) {
    if (!map.getSource(prefix + id)) map.addSource(prefix + id, source)
  }
  if (typeof style.sprite === 'string') map.setSprite(style.sprite)
  for (const layer of style.layers) {
    const renamed = 'source' in layer ? { ...layer, source: prefix + layer.source } : layer
    try {
      map.addLayer({ ...renamed, id: prefix + layer.id }, beforeLayerId)
    } catch (error) {
      console.warn(`basemap layer ${layer.id} skipped:`, error)
    }
  }
}
