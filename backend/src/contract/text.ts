import { z } from 'zod'

// Control characters (Unicode category Cc: C0, DEL, C1) are refused at the boundary, before any
// SQL: PostgreSQL cannot store NUL in text (22021) or jsonb (22P05), and its error log would quote
// the offending value. Long texts keep tab and line breaks (CR too, since a form's CRLF is one
// line break); one-line fields, query parameters and paths allow none.

const anyControl = /\p{Cc}/u
const controlBesideLineBreaks = /[^\P{Cc}\t\n\r]/u

/** The first control character in `text` as U+XXXX, or undefined; `lineBreaks` lets tab, LF and CR pass. */
export function controlCharacterIn(text: string, lineBreaks = false): string | undefined {
  const match = (lineBreaks ? controlBesideLineBreaks : anyControl).exec(text)
  return match ? `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : undefined
}

/** A trimmed one-line text (chain .min/.max): no tab, line break or other control character. */
export const oneLine = z
  .string()
  .trim()
  .refine((text) => controlCharacterIn(text) === undefined, {
    message: 'must be one line without control characters',
  })
