import { z } from 'zod'

// What the notifications endpoint answers: one notice of the caller's, read or not.

/** A notification as its recipient reads it: subject and body in German and English. */
export type NotificationRow = {
  id: number
  kind: string
  subject: { de: string; en: string }
  body: { de: string; en: string }
  resource: string | null
  created_at: string
  read_at: string | null
}

/** The kinds of notice a user can turn e-mail off for. */
export const mailTopics = ['offer-status', 'offer-review', 'agreement-status', 'agreement-ending'] as const
export type MailTopic = (typeof mailTopics)[number]

/** PUT /api/notifications/mail: the mail language and, per topic, e-mail on (true) or off. */
export const mailSettingsInput = z.strictObject({
  language: z.enum(['de', 'en']).optional(),
  /** Per topic: true sends e-mail, false keeps the notice in the app only. Topics left out stay. */
  email: z.partialRecord(z.enum(mailTopics), z.boolean()).optional(),
})

/** What GET and PUT /api/notifications/mail answer. */
export type MailSettings = {
  language: 'de' | 'en'
  email: Record<MailTopic, boolean>
}
