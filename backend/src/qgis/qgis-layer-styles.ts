import * as colours from '../contract/palette.ts'
import type { Labels, Vocabulary } from '../contract/vocabulary.ts'
import * as vocabulary from '../contract/vocabulary.ts'
import {
  type Category,
  categorizedRenderer,
  circleSymbol,
  fillSymbol,
  lineSymbol,
  ruleRenderer,
  singleRenderer,
} from './qgis-symbols.ts'

// The renderer of each collection in the QGIS project, after the web map's style
// (frontend/src/map/map-style.ts): same colours and opacities, line widths from pixels to
// millimetres (1 px ≈ 0.26 mm), drawn bottom to top in this order.

type Lang = keyof Labels

function categories(vocab: Vocabulary, lang: Lang, byKey: Record<string, string>): Category[] {
  return Object.keys(byKey).map((key) => ({ value: key, label: vocab[key]?.[lang] ?? key }))
}

const px = (pixels: number) => Math.round(pixels * 0.26 * 100) / 100

/** The renderer XML of each collection id, in drawing order (bottom first). */
export function layerRenderers(lang: Lang): { id: string; renderer: string }[] {
  const fields = categories(vocabulary.fieldsOfAction, lang, colours.fieldColours)
  const field = (value: string) => colours.fieldColours[value as keyof typeof colours.fieldColours]
  const modes = Object.entries(colours.linkModeColours)
  const modeLabel = (key: string) => vocabulary.linkModes[key as keyof typeof vocabulary.linkModes][lang]
  return [
    {
      id: 'buildings',
      renderer: singleRenderer((name) =>
        fillSymbol(name, colours.buildingFill, 1, colours.buildingLine, px(0.5)),
      ),
    },
    {
      id: 'districts',
      renderer: singleRenderer((name) =>
        fillSymbol(name, colours.districtColour, 0, colours.districtColour, px(0.8)),
      ),
    },
    {
      id: 'programme-areas',
      renderer: categorizedRenderer(
        'programme',
        categories(vocabulary.programmes, lang, colours.programmeColours),
        (name, value) =>
          fillSymbol(
            name,
            colours.programmeColours[value as keyof typeof colours.programmeColours],
            0.1,
            colours.programmeOutline,
            px(2.5),
            'dot',
          ),
      ),
    },
    {
      id: 'quarters',
      renderer: singleRenderer((name) =>
        fillSymbol(name, colours.quarterColour, 0, colours.quarterColour, px(1.5), 'dash'),
      ),
    },
    {
      id: 'plots',
      renderer: categorizedRenderer(
        'status',
        categories(vocabulary.plotStatuses, lang, colours.plotStatusColours),
        (name, value) => {
          const colour = colours.plotStatusColours[value as keyof typeof colours.plotStatusColours]
          return fillSymbol(name, colour, 0.55, colour, px(1.2))
        },
      ),
    },
    {
      id: 'interim-uses',
      renderer: categorizedRenderer(
        'use',
        categories(vocabulary.agreementUses, lang, colours.useColours),
        (name, value) => {
          const colour = colours.useColours[value as keyof typeof colours.useColours]
          return fillSymbol(name, colour, 0.35, colour, px(2.5), 'dash')
        },
      ),
    },
    {
      id: 'measures-areas',
      renderer: categorizedRenderer('field_of_action', fields, (name, value) =>
        fillSymbol(name, field(value), 0.3, field(value), px(1)),
      ),
    },
    {
      id: 'measures-lines',
      renderer: categorizedRenderer('field_of_action', fields, (name, value) =>
        lineSymbol(name, field(value), px(3), 'solid', 0.8),
      ),
    },
    {
      id: 'measures-points',
      renderer: categorizedRenderer('field_of_action', fields, (name, value) =>
        circleSymbol(name, field(value), px(12)),
      ),
    },
    {
      id: 'links',
      // Exclusive filters: a gap is red and dotted, planned links dashed, the rest solid, by mode.
      renderer: ruleRenderer([
        {
          filter: `"status" = 'gap'`,
          label: vocabulary.linkStatuses.gap[lang],
          symbol: (name) => lineSymbol(name, colours.gapColour, px(4), 'dot'),
        },
        ...modes.map(([mode, colour]) => ({
          filter: `"status" IN ('planned', 'under_construction') AND "mode" = '${mode}'`,
          label: `${modeLabel(mode)} (${vocabulary.linkStatuses.planned[lang]})`,
          symbol: (name: string) => lineSymbol(name, colour, px(3), 'dash'),
        })),
        ...modes.map(([mode, colour]) => ({
          filter: `"status" NOT IN ('gap', 'planned', 'under_construction') AND "mode" = '${mode}'`,
          label: modeLabel(mode),
          symbol: (name: string) => lineSymbol(name, colour, px(3)),
        })),
      ]),
    },
    {
      id: 'places',
      renderer: categorizedRenderer(
        'kind',
        categories(vocabulary.placeKinds, lang, colours.placeKindColours),
        (name, value) =>
          circleSymbol(
            name,
            colours.placeKindColours[value as keyof typeof colours.placeKindColours],
            px(14),
          ),
      ),
    },
    {
      id: 'stations',
      renderer: singleRenderer((name) => circleSymbol(name, colours.stationColour, px(6))),
    },
  ]
}
