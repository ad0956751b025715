// What the notifications endpoint answers: one notice of the caller's, read or not.

/** A notification as its recipient reads it. */
export type NotificationRow = {
  id: number
  kind: string
  subject: string
  body: string
  resource: string | null
  created_at: string
  read_at: string | null
}
