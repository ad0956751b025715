import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { sessionMaxDays } from './sessions.queries.ts'

export const sessionCookieName = 'qa_session'

/** Whether the client reached us over https (directly or, as a reverse proxy reports, in front of us). */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
}

/** The session secret the browser sent, if any. */
export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, sessionCookieName) || undefined
}

/** Hands the browser its session: HttpOnly, SameSite=Lax, Path=/, Secure over https. */
export function writeSessionCookie(c: Context, secret: string): void {
  setCookie(c, sessionCookieName, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c),
    maxAge: sessionMaxDays * 24 * 60 * 60,
  })
}

/** Tells the browser to forget its session. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookieName, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c) })
}
