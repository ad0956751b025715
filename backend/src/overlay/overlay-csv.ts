import { fieldsOfAction, keysOf, type Labels, plotStatuses, programmes } from '../contract/vocabulary.ts'
import type { OverlayArea } from './overlay.queries.ts'

// The overlay figures as CSV, one row per programme area. German (the default) writes what
// German spreadsheet programs read without an import dialog: ";" between fields and a decimal
// comma; English writes "," and a decimal point. Both start with a byte order mark so that
// umlauts survive being opened by double click, and end lines with CRLF (RFC 4180).

type Lang = 'de' | 'en'
type Column = { header: Labels; value: (area: OverlayArea, lang: Lang) => string | number | null }

const ha = (de: string, en: string): Labels => ({ de: `${de} (ha)`, en: `${en} (ha)` })

/** The CSV's columns in order, with their headers in both languages. */
export const overlayColumns: readonly Column[] = [
  { header: { de: 'ID', en: 'ID' }, value: (a) => a.id },
  { header: { de: 'Stadt', en: 'City' }, value: (a) => a.city },
  { header: { de: 'Fördergebiet', en: 'Programme area' }, value: (a) => a.name },
  {
    header: { de: 'Programm', en: 'Programme' },
    value: (a, lang) => programmes[a.programme as keyof typeof programmes]?.[lang] ?? a.programme,
  },
  { header: { de: 'Beginn', en: 'Start' }, value: (a) => a.period_start },
  { header: { de: 'Ende', en: 'End' }, value: (a) => a.period_end },
  { header: ha('Fläche', 'Area'), value: (a) => a.area_ha },
  ...keysOf(plotStatuses).flatMap((status): Column[] => {
    const name = plotStatuses[status]
    return [
      {
        header: { de: `Grundstücke ${name.de} (Anzahl)`, en: `Plots ${name.en} (count)` },
        value: (a) => a.plots[status]?.count ?? 0,
      },
      { header: ha(`Grundstücke ${name.de}`, `Plots ${name.en}`), value: (a) => a.plots[status]?.ha ?? 0 },
    ]
  }),
  { header: ha('Zwischennutzung', 'Interim use'), value: (a) => a.interim_use_ha },
  {
    header: { de: 'Anteil Zwischennutzung (%)', en: 'Share in interim use (%)' },
    value: (a) => Math.round(a.interim_use_share * 1e6) / 1e4,
  },
  {
    header: { de: 'Vereinbarungen, die in 12 Monaten enden', en: 'Agreements ending within 12 months' },
    value: (a) => a.agreements_ending_12m,
  },
  ...keysOf(fieldsOfAction).map(
    (field): Column => ({
      header: { de: `Maßnahmen: ${fieldsOfAction[field].de}`, en: `Measures: ${fieldsOfAction[field].en}` },
      value: (a) => a.measures[field] ?? 0,
    }),
  ),
  {
    header: { de: 'Überschneidungen (ha)', en: 'Overlaps (ha)' },
    value: (a, lang) =>
      a.overlaps.map((o) => `${o.name} (${formatNumber(o.overlap_ha, lang)})`).join('; ') || null,
  },
]

/** The figures as CSV text in `lang`'s conventions. */
export function overlayCsv(areas: readonly OverlayArea[], lang: Lang): string {
  const separator = lang === 'de' ? ';' : ','
  const line = (cells: (string | number | null)[]) =>
    cells
      .map((cell) => quote(typeof cell === 'number' ? formatNumber(cell, lang) : (cell ?? ''), separator))
      .join(separator)
  const lines = [
    line(overlayColumns.map((column) => column.header[lang])),
    ...areas.map((area) => line(overlayColumns.map((column) => column.value(area, lang)))),
  ]
  return `\ufeff${lines.join('\r\n')}\r\n`
}

function formatNumber(value: number, lang: Lang): string {
  const text = String(value)
  return lang === 'de' ? text.replace('.', ',') : text
}

// Quotes where needed, and defuses text a spreadsheet would run as a formula.
function quote(text: string, separator: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}
