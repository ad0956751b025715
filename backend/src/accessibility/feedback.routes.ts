import { Hono } from 'hono'
import { clientAddress } from '../auth/login-limit.queries.ts'
import { type FeedbackReceived, feedbackSchema } from '../contract/accessibility.schema.ts'
import type { AppEnv } from '../http/app-types.ts'
import { limitBody, readJson } from '../http/read-json.ts'
import { receiveFeedback } from './feedback.queries.ts'

/** /api/accessibility: reports of barriers from the accessibility statement; anyone may send one. */
export const accessibilityRoutes = new Hono<AppEnv>().post('/feedback', limitBody, async (c) => {
  const input = await readJson(c, feedbackSchema)
  const id = await receiveFeedback(c.get('db').sql, input, clientAddress(c))
  return c.json({ status: 'received', id } satisfies FeedbackReceived, 202)
})
