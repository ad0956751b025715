import type { FeedbackInput, FeedbackReceived } from '../../../backend/src/contract/accessibility.schema.ts'
import { call, type Problem } from '../api/client.ts'

/** Sends a report of a barrier; the server stores it and notifies the admins. */
export function sendFeedback(input: FeedbackInput): Promise<FeedbackReceived | Problem> {
  return call<FeedbackReceived>('POST', '/api/accessibility/feedback', { body: input })
}
