import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import { repoRoot } from '../config.ts'
import type { indicatorDefinition } from '../contract/indicators.schema.ts'
import type { Sql } from '../db/sql-client.ts'
import { readIndicatorCsv } from './indicator-csv.ts'
import { importValues, putIndicator } from './indicators.queries.ts'

// The demo indicators: INVENTED values for Leipzig's 63 Ortsteile (geodata/indicators_demo.csv,
// written by geodata/derive-demo-indicators.mjs; SOURCES.md), marked so in every name and source,
// so that nobody mistakes them for the city's statistics.

const source = 'Erfundene Demo-Werte / invented demo values (geodata/indicators_demo.csv), keine Statistik'

const demo = (name_de: string, name_en: string, unit: string, higher_is: 'worse' | 'better') => ({
  name_de: `${name_de} (Demo)`,
  name_en: `${name_en} (demo)`,
  unit,
  higher_is,
  source,
})

/** The demo indicators by key, in the CSV's column order. */
export const demoIndicators: Record<string, z.infer<typeof indicatorDefinition>> = {
  arbeitslosenquote: demo('Arbeitslosenquote', 'Unemployment rate', '%', 'worse'),
  sgb2_quote: demo('SGB-II-Quote', 'SGB II rate', '%', 'worse'),
  kinderarmut: demo('Kinderarmut', 'Child poverty', '%', 'worse'),
  migrationshintergrund: demo('Anteil mit Migrationshintergrund', 'Migration background', '%', 'worse'),
  leerstand: demo('Leerstandsquote', 'Vacancy rate', '%', 'worse'),
  anteil_ueber_65: demo('Anteil über 65-Jährige', 'Share aged over 65', '%', 'worse'),
  bevoelkerung_veraenderung: demo('Bevölkerungsveränderung', 'Population change', '% in 5 years', 'better'),
}

/**
 * Defines the demo indicators and imports their values (again: updates them). The values are
 * Leipzig's: where another city is the default, only the definitions are added.
 */
export async function seedDemoIndicators(sql: Sql): Promise<number> {
  for (const [key, definition] of Object.entries(demoIndicators)) await putIndicator(sql, key, definition)
  const [leipzig]: [{ is: boolean }?] = await sql`select default_municipality() = '14713000' as is`
  if (!leipzig?.is) return 0
  const text = readFileSync(join(repoRoot, 'geodata', 'indicators_demo.csv'), 'utf8')
  return (await importValues(sql, readIndicatorCsv(text))).imported
}
