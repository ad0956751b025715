import { Duplex } from 'node:stream'
import type { PGlite } from '@electric-sql/pglite'

// The PostgreSQL wire protocol between postgres.js and PGlite inside the process: postgres.js
// takes this stream as its socket (its `socket` option), and each complete protocol message goes
// to PGlite's execProtocolRawStream, as @electric-sql/pglite-socket does for a TCP client. There
// is no listener, so no other process or user can reach the embedded database.
//
// PGlite is one session: a NOTIFY is answered (NotificationResponse, 'A') on whichever connection
// ran the commit, not on the one that sent LISTEN. The connections of one database share a
// Notifications hub that takes those messages out of every answer and hands them to the
// connections that listen, as PostgreSQL would (the change feed, layers/change-feed.ts).

/**
 * Whose turn it is on the one session. A connection keeps it from its first message until an
 * answer ends with ReadyForQuery while idle (not in a transaction): an extended-protocol query is
 * several messages (Parse … Sync, sometimes over two round trips), and another connection's
 * message in between would replace its unnamed statement or join its transaction.
 */
export class SessionTurns {
  #owner: EmbeddedConnection | undefined
  #waiting: (() => void)[] = []

  async take(connection: EmbeddedConnection): Promise<void> {
    while (this.#owner !== undefined && this.#owner !== connection) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve))
    }
    this.#owner = connection
  }

  owns(connection: EmbeddedConnection): boolean {
    return this.#owner === connection
  }

  release(connection: EmbeddedConnection): void {
    if (this.#owner !== connection) return
    this.#owner = undefined
    for (const wake of this.#waiting.splice(0)) wake()
  }
}

/** The connections of one embedded database that sent LISTEN, delivery to them, and the session's turns. */
export class Notifications {
  readonly #listening = new Set<EmbeddedConnection>()
  readonly turns = new SessionTurns()

  listen(connection: EmbeddedConnection): void {
    this.#listening.add(connection)
    connection.once('close', () => this.#listening.delete(connection))
  }

  deliver(messages: Buffer): void {
    for (const connection of this.#listening) if (connection.readyState === 'open') connection.push(messages)
  }
}

const sslRequestCode = 80877103
const cancelRequestCode = 80877102
const protocolVersion3 = 196608

/** A stream shaped like the net.Socket postgres.js expects, answered by `db`. */
export class EmbeddedConnection extends Duplex {
  /** postgres.js sends its Terminate message only while this reads 'open'. */
  readyState: 'open' | 'closed' = 'open'
  private pending: Buffer = Buffer.alloc(0)
  private started = false
  private work: Promise<void> = Promise.resolve()

  constructor(
    private readonly db: PGlite,
    private readonly notifications: Notifications = new Notifications(),
  ) {
    super()
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    for (let message = this.nextMessage(); message; message = this.nextMessage()) {
      const complete = message
      this.work = this.work.then(() => this.answer(complete))
    }
    callback()
  }

  override _final(callback: (error?: Error | null) => void): void {
    callback()
    this.destroy()
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.readyState = 'closed'
    // A transaction this connection left open would hold the one session: roll it back.
    this.work = this.work
      .then(async () => {
        if (this.notifications.turns.owns(this) && !this.db.closed && this.db.isInTransaction())
          await this.db.exec('rollback')
      })
      .catch(() => {})
      .finally(() => this.notifications.turns.release(this))
    callback(error)
  }

  /** Cuts the next complete message from what arrived, or undefined until one is complete. */
  private nextMessage(): Buffer | undefined {
    const buffer = this.pending
    if (!this.started) {
      // Untyped start-up packets: length, then a code (SSL request, cancel, protocol version).
      if (buffer.length < 8) return undefined
      const length = buffer.readInt32BE(0)
      if (buffer.length < length) return undefined
      const code = buffer.readInt32BE(4)
      this.pending = buffer.subarray(length)
      if (code === sslRequestCode) {
        this.push(Buffer.from('N'))
        return this.nextMessage()
      }
      if (code === cancelRequestCode) {
        this.destroy()
        return undefined
      }
      if (code === protocolVersion3) this.started = true
      return buffer.subarray(0, length)
    }
    if (buffer.length < 5) return undefined
    const length = 1 + buffer.readInt32BE(1)
    if (buffer.length < length) return undefined
    this.pending = buffer.subarray(length)
    return buffer.subarray(0, length)
  }

  private async answer(message: Buffer): Promise<void> {
    if (this.readyState === 'closed') return
    await this.notifications.turns.take(this)
    const chunks: Buffer[] = []
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(new Uint8Array(message), {
          onRawData: (data) => {
            if (data.length > 0) chunks.push(Buffer.from(data))
          },
        }),
      )
    } catch (error) {
      this.destroy(error instanceof Error ? error : new Error(String(error)))
      return
    }
    if (isListen(message)) this.notifications.listen(this)
    const [answer, notices] = withoutNotifications(withoutEarlyReady(message, Buffer.concat(chunks)))
    if (endsIdle(answer)) this.notifications.turns.release(this)
    if (this.readyState === 'open' && answer.length > 0) this.push(answer)
    if (notices.length > 0) this.notifications.deliver(notices)
  }
}

/**
 * PGlite answers an error in an extended-protocol message (Parse, Bind, Execute …) with
 * ErrorResponse and at once ReadyForQuery, and then once more at the Sync. PostgreSQL sends
 * ReadyForQuery only at the Sync, and postgres.js counts on that: the early one would close the
 * failed query, and the one at the Sync would end the next query with no rows. Over TCP the two
 * used to arrive in one read, which hid this.
 */
function withoutEarlyReady(message: Buffer, answer: Buffer): Buffer {
  const type = String.fromCharCode(message[0] ?? 0)
  // The start-up packet has no type byte: its length begins with a zero byte.
  if (message[0] === 0 || type === 'S' || type === 'Q') return answer
  const kept: Buffer[] = []
  let errored = false
  for (let at = 0; at + 5 <= answer.length; ) {
    const end = at + 1 + answer.readInt32BE(at + 1)
    const kind = String.fromCharCode(answer[at] ?? 0)
    if (kind === 'E') errored = true
    if (!(errored && kind === 'Z')) kept.push(answer.subarray(at, end))
    at = end
  }
  return kept.length === 1 ? (kept[0] as Buffer) : Buffer.concat(kept)
}

/** Whether the answer ends with ReadyForQuery while idle ('Z', length 5, status 'I'). */
function endsIdle(answer: Buffer): boolean {
  const at = answer.length - 6
  return at >= 0 && answer[at] === 0x5a && answer.readInt32BE(at + 1) === 5 && answer[at + 5] === 0x49
}

// A Query, or a Parse of a statement, whose text starts with LISTEN.
function isListen(message: Buffer): boolean {
  let at = 5
  if (message[0] === 0x50) at = message.indexOf(0, 5) + 1
  else if (message[0] !== 0x51) return false
  return at > 0 && /^\s*listen\s/i.test(message.toString('utf8', at, at + 16))
}

/** The answer without its NotificationResponse messages, and those messages. */
function withoutNotifications(answer: Buffer): [Buffer, Buffer] {
  if (!answer.includes(0x41)) return [answer, Buffer.alloc(0)]
  const kept: Buffer[] = []
  const notices: Buffer[] = []
  for (let at = 0; at + 5 <= answer.length; ) {
    const end = at + 1 + answer.readInt32BE(at + 1)
    ;(answer[at] === 0x41 ? notices : kept).push(answer.subarray(at, end))
    at = end
  }
  return [Buffer.concat(kept), Buffer.concat(notices)]
}
