// Writes geodata/indicators_demo.csv: INVENTED demo values of seven indicators for the 63
// official Leipzig Ortsteile (keys from leipzig_ortsteile.geojson), 2019 and 2024. Not statistics:
// a seeded pseudo-random base per district, raised in a few western (Lindenau, Grünau) and
// eastern (Volkmarsdorf, Neustadt-Neuschönefeld) districts so that they stand out on the map.
// Usage: node geodata/derive-demo-indicators.mjs (deterministic; the same file every run).
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const { features } = JSON.parse(readFileSync(join(here, 'leipzig_ortsteile.geojson'), 'utf8'))

// How much each district stands out (0: not at all, 1: most); every other district is 0.
const standOut = {
  Volkmarsdorf: 1,
  'Neustadt-Neuschönefeld': 0.9,
  'Grünau-Mitte': 0.85,
  'Grünau-Nord': 0.75,
  'Lausen-Grünau': 0.6,
  'Grünau-Ost': 0.55,
  'Grünau-Siedlung': 0.3,
  Lindenau: 0.5,
  Altlindenau: 0.35,
  'Anger-Crottendorf': 0.3,
}
// Grünau's estates are older than the inner east, which is younger and more migrant.
const grünau = (name) => name.includes('Grünau')
const east = (name) => name === 'Volkmarsdorf' || name === 'Neustadt-Neuschönefeld'

// Linear congruential generator seeded by the key: the same values on every run.
function random(seed) {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const columns = [
  'arbeitslosenquote',
  'sgb2_quote',
  'kinderarmut',
  'migrationshintergrund',
  'leerstand',
  'anteil_ueber_65',
  'bevoelkerung_veraenderung',
]
const comma = (value) => (Math.abs(value) < 0.05 ? 0 : value).toFixed(1).replace('.', ',')
const lines = [['key', 'name', 'year', ...columns].join(';')]
for (const { properties } of features.sort((a, b) => a.properties.OT.localeCompare(b.properties.OT))) {
  const { OT: key, Name: name } = properties
  const draw = random(Number(key) * 7919 + 17)
  const base = columns.map(() => draw())
  const s = standOut[name] ?? 0
  for (const year of [2019, 2024]) {
    // The same base for both years, moved a little by year.
    let column = 0
    const next = () => Math.min(1, Math.max(0, (base[column++] ?? 0) + (draw() - 0.5) * 0.2))
    // Between 2019 and 2024 the standing-out districts improve a little, the rest barely.
    const trend = year === 2019 ? 1.12 : 1
    const values = [
      (3 + next() * 3 + s * 9) * trend,
      (5 + next() * 6 + s * 20) * trend,
      (8 + next() * 10 + s * 35) * trend,
      4 + next() * 10 + s * (east(name) ? 40 : 14) + (year === 2024 ? 2 : 0),
      (2 + next() * 5 + s * (grünau(name) ? 12 : 6)) * trend,
      14 + next() * 12 + (grünau(name) ? s * 22 : 0),
      (next() * 6 - 1 - (grünau(name) ? s * 8 : 0)) * (year === 2019 ? 0.8 : 1),
    ]
    lines.push([key, name, year, ...values.map(comma)].join(';'))
  }
}
writeFileSync(join(here, 'indicators_demo.csv'), `${lines.join('\n')}\n`)
console.log(`indicators_demo.csv: ${lines.length - 1} rows`)
