import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { limitBodyTo } from './body-limit.ts'
import { pathId, pathIdOr } from './path-id.ts'
import { Problem, problemResponse, toProblem } from './problem.ts'

// The boundary kit on its own: ids from paths and the body limit, as every route uses them.

describe('pathId', () => {
  it('reads positive integers and nothing else', () => {
    expect(pathId('17')).toBe(17)
    expect(pathId('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER)
    for (const raw of ['0', '-3', '1.5', 'abc', '', '9007199254740993', undefined]) {
      expect(pathId(raw)).toBeUndefined()
    }
  })

  it('answers a malformed id with the caller’s own not-found problem', () => {
    const notFound = (raw: string) => new Problem(404, 'not-found', 'Offer not found', `no offer ${raw}`)
    expect(pathIdOr('5', notFound)).toBe(5)
    expect(() => pathIdOr('x1', notFound)).toThrow('no offer x1')
  })
})

describe('limitBodyTo', () => {
  const app = new Hono()
    .use(limitBodyTo(10))
    .post('/', async (c) => c.text(await c.req.text()))
    .onError((error, c) => problemResponse(c, toProblem(error)))

  it('passes bodies up to the limit and refuses larger ones with a 413 problem', async () => {
    expect((await app.request('/', { method: 'POST', body: '0123456789' })).status).toBe(200)
    const refused = await app.request('/', { method: 'POST', body: '0123456789a' })
    expect(refused.status).toBe(413)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect(await refused.json()).toMatchObject({
      type: 'urn:quartiersatlas:problem:body-too-large',
      detail: 'at most 10 bytes',
    })
  })

  it('refuses a chunked body without a length once it grows past the limit', async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('0123456789'))
        controller.enqueue(new TextEncoder().encode('abc'))
        controller.close()
      },
    })
    const refused = await app.request('/', { method: 'POST', body, duplex: 'half' } as RequestInit)
    expect(refused.status).toBe(413)
  })
})
