import { findLayerByTable } from '../contract/layers.ts'
import type { ClientOptions, Sql } from '../db/sql-client.ts'
import type { Bbox, LayerChange } from './layer-events.ts'

// The database announces every committed change of a layer, whoever wrote it (sql/012: one
// NOTIFY per statement on quartiersatlas_changes). Each app process listens on a connection of its
// own, on both engines. While that connection is down, notifications are lost: the process is told
// (lost) and must trust no cache until it listens again (listening), and then start afresh.

export const changeChannel = 'quartiersatlas_changes'

const everywhere: Bbox = [-180, -90, 180, 90]

/** What the listener tells the app. */
export type ChangeHandlers = {
  change(change: LayerChange): void
  /** The connection is gone: changes from now on go unheard. */
  lost(): void
  /** Listening (again): whatever happened before is unknown, caches start afresh. */
  listening(): void
}

/** Opens the dedicated listening client (db/database.ts, per engine). */
export type OpenListener = (listening: NonNullable<ClientOptions['listening']>) => Sql

/** The layer changes one notification payload (sql/012) announces; none for an unknown table. */
export function changesOf(payload: string): LayerChange[] {
  const notice = JSON.parse(payload) as {
    table: string
    all?: boolean
    before?: Bbox | null
    after?: Bbox | null
  }
  const layer = findLayerByTable(notice.table)
  if (!layer) return []
  const before = notice.before ?? null
  const after = notice.after ?? null
  // A truncate, or rows whose extent the trigger could not name: the whole layer.
  if (notice.all || (before === null && after === null)) return [{ layer, before: everywhere, after: null }]
  return [{ layer, before, after }]
}

const firstRetryMs = 50
const lastRetryMs = 2000

/**
 * Listens for changes on one dedicated connection from `open` and reports them to `handlers`;
 * after a drop it listens again (retrying, up to every 2 s) until closed.
 */
export class ChangeFeed {
  #sql: Sql | undefined
  #listening = false
  #connecting = false
  #closed = false
  #retryMs = firstRetryMs
  #timer: NodeJS.Timeout | undefined

  constructor(
    private readonly open: OpenListener,
    private readonly handlers: ChangeHandlers,
  ) {
    void this.#listen()
  }

  /** Whether changes are heard now. */
  get listening(): boolean {
    return this.#listening
  }

  async #listen(): Promise<void> {
    if (this.#closed || this.#connecting) return
    this.#connecting = true
    this.#sql ??= this.open({
      notify: (channel, payload) => this.#notified(channel, payload),
      closed: () => this.#lost(),
    })
    try {
      await this.#sql.unsafe(`listen ${changeChannel}`)
      this.#connecting = false
      if (this.#closed) return
      this.#retryMs = firstRetryMs
      this.#listening = true
      this.handlers.listening()
    } catch {
      this.#connecting = false
      this.#retryLater()
    }
  }

  #notified(channel: string, payload: string): void {
    if (channel !== changeChannel) return
    let changes: LayerChange[]
    try {
      changes = changesOf(payload)
    } catch {
      // Not ours to read: drop everything rather than guess.
      this.handlers.lost()
      this.handlers.listening()
      return
    }
    for (const change of changes) this.handlers.change(change)
  }

  #lost(): void {
    if (this.#closed) return
    const was = this.#listening
    this.#listening = false
    if (was) this.handlers.lost()
    this.#retryLater()
  }

  #retryLater(): void {
    if (this.#closed || this.#timer || this.#connecting) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      void this.#listen()
    }, this.#retryMs)
    this.#timer.unref()
    this.#retryMs = Math.min(this.#retryMs * 2, lastRetryMs)
  }

  /** Stops listening and closes the connection. */
  async close(): Promise<void> {
    this.#closed = true
    this.#listening = false
    clearTimeout(this.#timer)
    await this.#sql?.end({ timeout: 1 })
  }
}
