import type { LayerSpecification } from 'maplibre-gl'
import { describe, expect, it } from 'vitest'
import { type LayerStyle, type LegendEntry, layerStyles } from './map-style.ts'

// Issue 21: legend colours and map symbols never carry meaning by colour alone. Every legend
// entry must have a cue a reader without colour vision can use, and the map must draw that cue
// too: a fill's outline and a line's dash pattern as the swatch shows them, and for a point
// marker its name written beside it. Each entry's own text label is checked as well.

const dashArrays = { dashed: [3, 2], dotted: [0.1, 2] } as const

type Paint = Record<string, unknown>
const paintOf = (layer: LayerSpecification): Paint => ('paint' in layer ? ((layer.paint ?? {}) as Paint) : {})
const sourceLayerOf = (layer: LayerSpecification) =>
  'source-layer' in layer ? (layer['source-layer'] as string | undefined) : undefined

/** The map layers that draw an entry's shape: lines for lines and outlines, circles for points. */
function drawnBy(style: LayerStyle, entry: LegendEntry): LayerSpecification[] {
  const kind = entry.swatch.kind
  return style.layers.filter((layer) =>
    kind === 'circle' ? layer.type === 'circle' : layer.type === 'line' || layer.type === 'fill',
  )
}

function nonColourCue(style: LayerStyle, entry: LegendEntry): string | undefined {
  const swatch = entry.swatch
  const layers = drawnBy(style, entry)
  if (swatch.kind === 'circle') {
    const sources = new Set(layers.map(sourceLayerOf))
    const named = style.labels.some(
      (label) =>
        label.type === 'symbol' &&
        sources.has(sourceLayerOf(label)) &&
        JSON.stringify(label.layout?.['text-field']) === JSON.stringify(['get', 'name']),
    )
    return named ? 'name beside the marker' : undefined
  }
  if (swatch.kind === 'fill' && !swatch.outline) return undefined
  if (swatch.dash === 'solid') {
    // A solid outline or line is a cue only where the map draws it: a line layer or the fill's outline.
    const drawn = layers.some(
      (layer) =>
        (layer.type === 'line' && !paintOf(layer)['line-dasharray']) ||
        (layer.type === 'fill' && paintOf(layer)['fill-outline-color']),
    )
    return drawn ? 'solid outline' : undefined
  }
  const pattern = dashArrays[swatch.dash]
  const dashed = layers.some(
    (layer) =>
      layer.type === 'line' && JSON.stringify(paintOf(layer)['line-dasharray']) === JSON.stringify(pattern),
  )
  return dashed ? `${swatch.dash} line` : undefined
}

describe('legend entries', () => {
  const entries = layerStyles.flatMap((style) => style.legend.map((entry) => ({ style, entry })))

  it('exist for every collection', () => {
    expect(entries.length).toBeGreaterThan(30)
    for (const style of layerStyles) expect(style.legend.length, style.id).toBeGreaterThan(0)
  })

  it.each(entries.map(({ style, entry }) => [`${style.id}: ${entry.label.en}`, style, entry] as const))(
    '%s has a text label and a cue besides its colour, in the swatch and on the map',
    (_, style, entry) => {
      expect(entry.label.de.trim()).not.toBe('')
      expect(entry.label.en.trim()).not.toBe('')
      expect(nonColourCue(style, entry)).toBeDefined()
    },
  )
})
