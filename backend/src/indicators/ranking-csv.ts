import type { CompositeIndex } from '../contract/indicators.schema.ts'

// The composite index's ranking as CSV, in the conventions of the overlay's CSV: German with ";"
// and a decimal comma, English with "," and a point; a byte order mark and CRLF line ends.

type Lang = 'de' | 'en'

/** One row per district, best-ranked (most need) first, with each indicator's standardised score. */
export function rankingCsv(ranking: CompositeIndex['ranking'], indicators: readonly string[], lang: Lang) {
  const separator = lang === 'de' ? ';' : ','
  const number = (value: number) => {
    const text = String(Math.round(value * 1e4) / 1e4)
    return lang === 'de' ? text.replace('.', ',') : text
  }
  const quote = (text: string) =>
    text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  const header =
    lang === 'de' ? ['Rang', 'Schlüssel', 'Ortsteil', 'Index'] : ['Rank', 'Key', 'District', 'Index']
  const lines = [
    [...header, ...indicators].map(quote).join(separator),
    ...ranking.map((row) =>
      [
        String(row.rank),
        quote(row.key),
        quote(row.name),
        number(row.index),
        ...indicators.map((key) => (row.scores[key] === undefined ? '' : number(row.scores[key]))),
      ].join(separator),
    ),
  ]
  return `\ufeff${lines.join('\r\n')}\r\n`
}
