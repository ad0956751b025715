import { createHash } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { CommitHook, RolledBack, withCommitHook } from '../db/commit-hook.ts'
import type { AppEnv } from './app-types.ts'
import { findAnswer, type StoredAnswer, storeAnswer } from './idempotency.queries.ts'
import { Problem } from './problem.ts'

// Idempotency-Key on POST: a client that got no answer (a 503, a cut connection) sends the same
// request with the same key again and gets the first answer; nothing is created twice. The
// answer is stored in the transaction of the write itself (db/commit-hook.ts), so a write that
// committed always has its answer, and one that did not leaves no key behind. Keys belong to the
// signed-in caller and are kept 24 hours. Routes opt in by putting idempotent() before the handler.

const keyPattern = /^[\x21-\x7e]{1,200}$/

/** Replays the first answer to a request's Idempotency-Key, or stores it with the request's write. */
export function idempotent(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key')
    const user = c.get('user')
    if (key === undefined || !user) return next()
    if (!keyPattern.test(key)) {
      throw new Problem(
        400,
        'invalid-idempotency-key',
        'Invalid Idempotency-Key',
        'an Idempotency-Key is 1 to 200 visible ASCII characters, e.g. a UUID',
      )
    }
    const scope = `user:${user.id}`
    const fingerprint = await fingerprintOf(c)
    const { sql } = c.get('db')
    const first = await findAnswer(sql, scope, key)
    if (first) return replay(c, first, fingerprint)

    const hook = new CommitHook()
    try {
      await withCommitHook(hook, next)
    } finally {
      if (!hook.transaction) hook.finish(null)
    }
    if (!hook.transaction) return
    const response = c.res
    if (response.status >= 200 && response.status < 300) {
      const answer: StoredAnswer = {
        fingerprint,
        status: response.status,
        headers: storableHeaders(response.headers),
        body: new Uint8Array(await response.clone().arrayBuffer()),
      }
      hook.finish((tx) => storeAnswer(tx, scope, key, answer))
    } else hook.finish(null)
    try {
      await hook.transaction
    } catch (error) {
      if (error instanceof RolledBack) return
      // A retry raced the first request with the same key: that one committed, this one rolled back.
      if ((error as { code?: string }).code === '23505') {
        const winner = await findAnswer(sql, scope, key)
        if (winner) return replay(c, winner, fingerprint)
      }
      throw error
    }
  }
}

function replay(c: Context<AppEnv>, first: StoredAnswer, fingerprint: string): Response {
  if (first.fingerprint !== fingerprint) {
    throw new Problem(
      422,
      'idempotency-key-reused',
      'Idempotency-Key already used for another request',
      'send a new request with a new Idempotency-Key',
    )
  }
  const headers = new Headers(first.headers)
  headers.set('Idempotent-Replayed', 'true')
  c.res = new Response(new Uint8Array(first.body), { status: first.status, headers })
  return c.res
}

async function fingerprintOf(c: Context<AppEnv>): Promise<string> {
  const url = new URL(c.req.url)
  return (
    createHash('sha256')
      .update(`${c.req.method} ${url.pathname}${url.search}\n`)
      // Bytes, not text: a file upload decoded as UTF-8 would reach its route corrupted.
      .update(new Uint8Array(await c.req.arrayBuffer()))
      .digest('hex')
  )
}

function storableHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of headers) if (name !== 'set-cookie') kept[name] = value
  return kept
}
