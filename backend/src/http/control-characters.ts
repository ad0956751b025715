import { z } from 'zod'
import { Problem } from './problem.ts'

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

/**
 * The path (a.b.0) and character of the first key or string in parsed JSON that holds a control
 * character other than tab and line breaks, or undefined when there is none.
 */
export function controlCharacterInJson(
  value: unknown,
  path: readonly (string | number)[] = [],
): { path: string; character: string } | undefined {
  if (typeof value === 'string') {
    const character = controlCharacterIn(value, true)
    return character ? { path: path.join('.') || '(body)', character } : undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value)
  for (const [key, item] of entries) {
    const keyCharacter = typeof key === 'string' ? controlCharacterIn(key, true) : undefined
    if (keyCharacter) return { path: [...path, '(name)'].join('.'), character: keyCharacter }
    const found = controlCharacterInJson(item, [...path, key])
    if (found) return found
  }
  return undefined
}

/** A trimmed one-line text (chain .min/.max): no tab, line break or other control character. */
export const oneLine = z
  .string()
  .trim()
  .refine((text) => controlCharacterIn(text) === undefined, {
    message: 'must be one line without control characters',
  })

/** 422 naming the first field of a parsed JSON body that holds a control character. */
export function refuseControlCharactersInJson(body: unknown): void {
  const found = controlCharacterInJson(body)
  if (!found) return
  throw new Problem(
    422,
    'control-character',
    'Control character in the body',
    `${found.path}: ${found.character} is not allowed; only long texts may hold tabs and line breaks`,
    { errors: [{ field: found.path, message: `control character ${found.character}` }] },
  )
}
