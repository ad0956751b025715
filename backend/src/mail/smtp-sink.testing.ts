import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type Sink = {
  url: string
  received: ParsedMail[]
  /** Answer RCPT TO with this code while set: 451 (try again later) or 550 (never). */
  refuse: 451 | 550 | undefined
  close(): Promise<void>
}

/** A real SMTP server on 127.0.0.1 that keeps what it accepts, parsed. */
export async function startSmtpSink(): Promise<Sink> {
  const received: ParsedMail[] = []
  const sink: Sink = { url: '', received, refuse: undefined, close: async () => {} }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!sink.refuse) return callback()
      callback(Object.assign(new Error('mailbox refused'), { responseCode: sink.refuse }))
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail)
          callback()
        },
        (error: Error) => callback(error),
      )
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address()
  if (!address || typeof address === 'string') throw new Error('the SMTP sink has no port')
  sink.url = `smtp://127.0.0.1:${address.port}`
  sink.close = () => new Promise((resolve) => server.close(() => resolve()))
  return sink
}
