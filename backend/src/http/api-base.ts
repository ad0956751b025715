import type { Context } from 'hono'

/** The absolute URL of the API root (…/api) as the client reached it, for links. */
export function apiBase(c: Context): string {
  return `${new URL(c.req.url).origin}/api`
}
