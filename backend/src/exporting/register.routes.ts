import { Hono } from 'hono'
import { requireRoleOf } from '../auth/require-role.ts'
import { contaminations, plotStatuses } from '../contract/vocabulary.ts'
import { checkParameters } from '../features/request.ts'
import type { AppEnv } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'
import { type RegisterRow, readRegister } from './register.queries.ts'
import { type CsvStyle, writeCsv } from './write-csv.ts'

// GET /api/collections/plots/register: the brownfield register as CSV, for planners and admins
// (it lists retired plots and ownership, which the public map does not show). German headers
// and labels, as the city's register reads; German CSV (dates as 31.12.2026) unless
// ?csv=rfc4180 (ISO dates).

const ownership = { public: 'öffentlich', private: 'privat', unknown: 'unbekannt' } as const

const columns: [header: string, value: (row: RegisterRow) => string | null][] = [
  ['Kennung', (row) => row.reference],
  ['Bezeichnung', (row) => row.name],
  ['Adresse', (row) => row.address],
  ['Gemarkung', (row) => row.gemarkung],
  ['Flur', (row) => row.flur],
  ['Flurstück', (row) => row.flurstueck],
  ['Fläche (ha)', (row) => row.hectares],
  ['Eigentum', (row) => ownership[row.ownership]],
  ['Planungsstand', (row) => plotStatuses[row.status as keyof typeof plotStatuses]?.de ?? row.status],
  ['Vornutzung', (row) => row.previous_use],
  [
    'Altlasten',
    (row) => contaminations[row.contamination as keyof typeof contaminations]?.de ?? row.contamination,
  ],
  ['Ortsteil', (row) => row.district_key],
  ['Erfasst am', (row) => row.recorded_on],
  ['Geändert am', (row) => row.changed_on],
  ['Aufgegeben am', (row) => row.ended_on],
]

const germanDate = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3.$2.$1')

export const registerRoutes = new Hono<AppEnv>().get('/collections/plots/register', async (c) => {
  requireRoleOf(c.get('user'), ['planner', 'admin'])
  checkParameters(c, ['csv'], ['csv'])
  const style = c.req.query('csv') ?? 'de'
  if (style !== 'de' && style !== 'rfc4180') {
    throw new Problem(
      400,
      'invalid-parameter',
      'Invalid parameter csv',
      `csv must be de or rfc4180, not "${style}"`,
      {
        parameter: 'csv',
      },
    )
  }
  const rows = await readRegister(c.get('reads'))
  const cell = (header: string, value: string | null): string | null => {
    if (value === null || style === 'rfc4180') return value
    if (header === 'Fläche (ha)') return value.replace('.', ',')
    return header.endsWith(' am') ? germanDate(value) : value
  }
  const body = writeCsv(
    columns.map(([header]) => header),
    rows.map((row) => columns.map(([header, value]) => cell(header, value(row)))),
    style satisfies CsvStyle,
  )
  c.header('Cache-Control', 'private, no-store')
  return c.body(Buffer.from(body), 200, {
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': 'attachment; filename="brachflaechenkataster.csv"',
  })
})
