// QGIS symbols and renderers as .qgs XML, drawn like the web map (map-style.ts): the same
// palette, fill opacities, dashes and the blue dotted outline of programme areas.

export type Dash = 'solid' | 'dash' | 'dot'

/** Text and attribute values for XML. */
export function xml(value: string | number): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
}

/** '#a9784a' and an opacity as QGIS writes colours: "169,120,74,140". */
export function rgba(hex: string, opacity = 1): string {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, Math.round(opacity * 255)].join(',')
}

function options(values: Record<string, string | number>): string {
  const entries = Object.entries(values)
    .map(([name, value]) => `<Option name="${xml(name)}" type="QString" value="${xml(value)}"/>`)
    .join('')
  return `<Option type="Map">${entries}</Option>`
}

function symbol(
  type: 'fill' | 'line' | 'marker',
  name: string,
  layerClass: string,
  values: Record<string, string | number>,
) {
  return `<symbol type="${type}" name="${xml(name)}" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="${layerClass}" enabled="1" locked="0" pass="0">${options(values)}</layer></symbol>`
}

/** A polygon fill with an outline (sizes in millimetres). */
export function fillSymbol(
  name: string,
  fill: string,
  fillOpacity: number,
  outline: string,
  width: number,
  dash: Dash = 'solid',
) {
  return symbol('fill', name, 'SimpleFill', {
    color: rgba(fill, fillOpacity),
    style: fillOpacity === 0 ? 'no' : 'solid',
    outline_color: rgba(outline),
    outline_style: dash,
    outline_width: width,
    outline_width_unit: 'MM',
    joinstyle: 'round',
  })
}

/** A line (width in millimetres). */
export function lineSymbol(name: string, colour: string, width: number, dash: Dash = 'solid', opacity = 1) {
  return symbol('line', name, 'SimpleLine', {
    line_color: rgba(colour, opacity),
    line_style: dash,
    line_width: width,
    line_width_unit: 'MM',
    capstyle: 'round',
    joinstyle: 'round',
  })
}

/** A circle with a white ring (size in millimetres). */
export function circleSymbol(name: string, colour: string, size: number) {
  return symbol('marker', name, 'SimpleMarker', {
    name: 'circle',
    color: rgba(colour),
    outline_color: '255,255,255,255',
    outline_width: 0.4,
    outline_width_unit: 'MM',
    size,
    size_unit: 'MM',
  })
}

export type Category = { value: string; label: string }

/** Colours by the values of `attribute`, one symbol per category, labelled in the legend. */
export function categorizedRenderer(
  attribute: string,
  categories: readonly Category[],
  symbolOf: (name: string, value: string) => string,
) {
  const cats = categories
    .map(
      (category, i) =>
        `<category symbol="${i}" value="${xml(category.value)}" label="${xml(category.label)}" render="true"/>`,
    )
    .join('')
  const symbols = categories.map((category, i) => symbolOf(String(i), category.value)).join('')
  return `<renderer-v2 type="categorizedSymbol" attr="${xml(attribute)}" symbollevels="0" enableorderby="0" forceraster="0"><categories>${cats}</categories><symbols>${symbols}</symbols></renderer-v2>`
}

/** One symbol for every feature. */
export function singleRenderer(symbolOf: (name: string) => string) {
  return `<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0"><symbols>${symbolOf('0')}</symbols></renderer-v2>`
}

export type Rule = { filter: string; label: string; symbol: (name: string) => string }

/** Symbols by QGIS expressions, first matching rule only. */
export function ruleRenderer(rules: readonly Rule[]) {
  const list = rules
    .map(
      (rule, i) =>
        `<rule key="r${i}" filter="${xml(rule.filter)}" symbol="${i}" label="${xml(rule.label)}"/>`,
    )
    .join('')
  const symbols = rules.map((rule, i) => rule.symbol(String(i))).join('')
  return `<renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" forceraster="0"><rules key="root">${list}</rules><symbols>${symbols}</symbols></renderer-v2>`
}
