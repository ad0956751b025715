import type { Context } from 'hono'
import { Problem } from '../http/problem.ts'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses an unsafe request that a browser may have sent from another site. A request that rides
 * on the session cookie must prove it comes from our own pages: `Sec-Fetch-Site: same-origin`, or
 * an `Origin` whose host is the request's host. Without a cookie, a foreign `Origin` is refused
 * too, so another site cannot sign a visitor in to an account of its choosing.
 */
export function checkSameOrigin(c: Context, viaCookie: boolean): void {
  if (safeMethods.has(c.req.method)) return
  const fetchSite = c.req.header('sec-fetch-site')
  const origin = c.req.header('origin')
  if (fetchSite === 'same-origin') return
  const host = c.req.header('host') ?? new URL(c.req.url).host
  if (origin !== undefined) {
    if (originHost(origin) === host) return
    throw crossSite(`the request comes from ${origin}, not from ${host}`)
  }
  if (fetchSite !== undefined && fetchSite !== 'none') {
    throw crossSite(`the browser reports a ${fetchSite} request`)
  }
  if (viaCookie) {
    throw crossSite('a request signed in by cookie must carry an Origin header')
  }
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host
  } catch {
    return undefined
  }
}

function crossSite(detail: string): Problem {
  return new Problem(
    403,
    'cross-site-request',
    'Cross-site request refused',
    `${detail}; send changes from Quartiersatlas's own pages, or use an API token (Authorization: Bearer …)`,
  )
}
