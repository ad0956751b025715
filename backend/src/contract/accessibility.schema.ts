import { z } from 'zod'
import { emailSchema } from './accounts.schema.ts'
import { controlCharacterIn, oneLine } from './text.ts'

// The accessibility statement's feedback form at the boundary: what a visitor sends about a
// barrier, and what the server answers.

export const maxFeedbackLength = 4000

/** POST /api/accessibility/feedback: the barrier in the sender's words, where, and how to answer. */
export const feedbackSchema = z.strictObject({
  message: z
    .string()
    .trim()
    .min(10, 'describe the barrier in at least 10 characters')
    .max(maxFeedbackLength, `at most ${maxFeedbackLength} characters`)
    .refine((text) => controlCharacterIn(text, true) === undefined, {
      message: 'must not hold control characters other than line breaks',
    }),
  /** The page or screen the barrier is on, in the sender's words or as a link. */
  page: oneLine.max(500).optional(),
  /** Where the answer goes; without it the report stays anonymous. */
  email: emailSchema.optional(),
  language: z.enum(['de', 'en']).default('de'),
})

export type FeedbackInput = z.infer<typeof feedbackSchema>

/** What the server answers: the report is stored and the admins are notified. */
export const feedbackReceivedResponse = z.object({ status: z.literal('received'), id: z.number().int() })
export type FeedbackReceived = z.infer<typeof feedbackReceivedResponse>
