import type { Context } from 'hono'
import { Problem } from '../http/problem.ts'

// What every OGC API – Features handler reads from a request besides its own parameters: the
// language of titles and descriptions, the base URL for links, and the rule that a query
// parameter the endpoint does not know is an error rather than silently ignored.

export type Lang = 'de' | 'en'

/** Parameters every endpoint accepts: `f` (only JSON is served) and `lang`. */
export const commonParameters = ['f', 'lang'] as const

/**
 * German unless `?lang=en` or an `Accept-Language` whose first language is English: the city's
 * staff read German, desktop GIS users abroad can ask for English.
 */
export function chooseLang(c: Context): Lang {
  const asked = c.req.query('lang')
  if (asked !== undefined) {
    if (asked === 'de' || asked === 'en') return asked
    throw new Problem(
      400,
      'invalid-parameter',
      'Invalid parameter lang',
      `lang must be de or en, not "${asked}"`,
      {
        parameter: 'lang',
      },
    )
  }
  const first = (c.req.header('accept-language') ?? '').split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('en') ? 'en' : 'de'
}

const jsonFormats: readonly string[] = ['json', 'geojson', 'application/json', 'application/geo+json']

/**
 * Refuses query parameters not in `allowed` with a 400 problem naming them, and checks `f`:
 * a typo such as `?limt=5` must not quietly return the default page.
 */
export function checkParameters(c: Context, allowed: readonly string[], formats = jsonFormats): void {
  const names = [...new URL(c.req.url).searchParams.keys()]
  const unknown = [
    ...new Set(names.filter((name) => !allowed.includes(name) && !commonParameters.includes(name as never))),
  ]
  if (unknown.length > 0) {
    throw new Problem(
      400,
      'unknown-parameter',
      'Unknown query parameter',
      `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a parameter here; allowed: ${[...commonParameters, ...allowed].join(', ')}`,
      { parameters: unknown },
    )
  }
  const repeated = [...new Set(names.filter((name, i) => names.indexOf(name) !== i))]
  if (repeated.length > 0) {
    throw new Problem(
      400,
      'repeated-parameter',
      'Repeated query parameter',
      `${repeated.join(', ')} may be given once`,
    )
  }
  const f = c.req.query('f')
  if (f !== undefined && !formats.includes(f)) {
    throw new Problem(
      400,
      'invalid-parameter',
      'Unsupported format',
      formats === jsonFormats
        ? `f=${f} is not offered; this API serves JSON (f=json)`
        : `f=${f} is not offered; use one of ${formats.join(', ')}`,
      {
        parameter: 'f',
      },
    )
  }
}
