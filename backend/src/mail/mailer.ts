import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import nodemailer from 'nodemailer'
import type { Sql } from '../db/sql-client.ts'
import { composeMail } from './mail-compose.ts'
import { claimDue, markFailed, markSent, type OutgoingMail, releaseClaims } from './mail-outbox.queries.ts'

export type MailerOptions = {
  smtpUrl: string
  from: string
  /** The address users open Quartiersatlas at; the settings link starts with it. */
  publicUrl: string
  /** Mails claimed per round. */
  batch?: number
  /** The first retry waits this long, each further one twice as long, up to maxRetrySeconds. */
  retryBaseSeconds?: number
  maxRetrySeconds?: number
  /** After this many attempts a mail is given up (failed_at). */
  maxAttempts?: number
}

export type DeliveryRound = { sent: number; retried: number; failed: number }

export type Mailer = {
  /** Sends every mail that is due now; resolves when the outbox has none left to claim. */
  deliverDue(): Promise<DeliveryRound>
  close(): void
}

/** A mailer for the outbox over SMTP; each instance is one replica with its own worker name. */
export function createMailer(sql: Sql, options: MailerOptions): Mailer {
  const worker = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`
  const batch = options.batch ?? 20
  // How long a claim holds: well over one SMTP conversation (at most 120 s, timeouts below).
  const leaseSeconds = 300
  const retryBase = options.retryBaseSeconds ?? 60
  const maxRetry = options.maxRetrySeconds ?? 6 * 60 * 60
  const maxAttempts = options.maxAttempts ?? 12
  // Timeouts well inside the lease: a hung server must not let a second replica send meanwhile.
  // One send takes at most their sum; no send starts later than that before the lease ends.
  const longestSendMs = 120_000
  const transport = nodemailer.createTransport(
    { url: options.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
    { from: options.from },
  )

  const send = async (mail: OutgoingMail): Promise<keyof DeliveryRound> => {
    try {
      const composed = composeMail(mail, options.publicUrl)
      await transport.sendMail({
        to: mail.recipient,
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        // One Message-ID per outbox row: a mail sent twice (at least once) is one mail to the reader.
        messageId: `<outbox.${mail.id}@${new URL(options.publicUrl).hostname}>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      })
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode
      const permanent = (code !== undefined && code >= 500) || mail.attempts >= maxAttempts
      const retryInSeconds = Math.min(retryBase * 2 ** (mail.attempts - 1), maxRetry)
      // The server's reply may quote the address: the log names the mail by id only.
      console.error(
        `[quartiersatlas] mail ${mail.id} attempt ${mail.attempts} failed (${code ?? 'no reply'}); ${permanent ? 'given up' : `next try in ${retryInSeconds} s`}`,
      )
      await markFailed(sql, mail.id, worker, {
        error: code ? `SMTP ${code}` : 'no SMTP reply',
        permanent,
        retryInSeconds,
      })
      return permanent ? 'failed' : 'retried'
    }
    await markSent(sql, mail.id, worker)
    return 'sent'
  }

  return {
    async deliverDue() {
      const round: DeliveryRound = { sent: 0, retried: 0, failed: 0 }
      for (;;) {
        const lastStart = performance.now() + leaseSeconds * 1000 - longestSendMs
        const claimed = await claimDue(sql, worker, batch, leaseSeconds)
        if (claimed.length === 0) return round
        for (const [index, mail] of claimed.entries()) {
          if (performance.now() > lastStart) {
            await releaseClaims(
              sql,
              claimed.slice(index).map((late) => late.id),
              worker,
            )
            break
          }
          round[await send(mail)] += 1
        }
      }
    },
    close() {
      transport.close()
    },
  }
}

/** Delivers due mail now and then every `everyMs`; returns the stop function. */
export function startMailer(sql: Sql, options: MailerOptions, everyMs = 30_000): () => void {
  const mailer = createMailer(sql, options)
  let running = false
  const run = async () => {
    if (running) return
    running = true
    await mailer.deliverDue().catch((error: unknown) => {
      console.error('[quartiersatlas] mail delivery round failed:', (error as Error).message)
    })
    running = false
  }
  void run()
  const timer = setInterval(run, everyMs)
  timer.unref()
  return () => {
    clearInterval(timer)
    mailer.close()
  }
}
