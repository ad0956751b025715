import { bodyLimit } from 'hono/body-limit'
import { Problem } from './problem.ts'

/** The 413 problem for a body over its limit; `detail` says how much is allowed. */
export function bodyTooLarge(detail: string): Problem {
  return new Problem(413, 'body-too-large', 'Request body too large', detail)
}

/**
 * Middleware: refuses bodies over `maxBytes` with a 413 problem (by default body-too-large
 * naming the limit), also when they are sent chunked without a Content-Length.
 */
export function limitBodyTo(
  maxBytes: number,
  tooLarge: () => Problem = () => bodyTooLarge(`at most ${maxBytes} bytes`),
) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge()
    },
  })
}
