import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Database } from '../db/database.ts'
import type { TileCache } from '../tiles/tile-cache.ts'

// The figures an operator watches, in Prometheus's text format on the admin listener's /metrics.
// Request figures are counted as requests pass; the tile cache, the pool and the outbox are read
// when scraped, so an idle instance costs nothing.

export type Metrics = {
  registry: Registry
  /** One finished request: its route group, method, status and duration. */
  observeRequest(group: string, method: string, status: number, seconds: number): void
  /** Reports this tile cache's hits, misses and bytes. */
  watchTileCache(cache: TileCache): void
}

/** A fresh set of metrics for one app and its database. */
export function createMetrics(db: Database): Metrics {
  const registry = new Registry()
  const requests = new Counter({
    name: 'quartiersatlas_http_requests_total',
    help: 'HTTP requests answered, by route group, method and status',
    labelNames: ['group', 'method', 'status'] as const,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'quartiersatlas_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route group',
    labelNames: ['group'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  const caches = new Set<TileCache>()
  const sum = (read: (cache: TileCache) => number) =>
    [...caches].reduce((total, cache) => total + read(cache), 0)
  new Counter({
    name: 'quartiersatlas_tile_cache_hits_total',
    help: 'Tiles answered from the cache',
    registers: [registry],
    collect() {
      this.reset()
      this.inc(sum((cache) => cache.hits))
    },
  })
  new Counter({
    name: 'quartiersatlas_tile_cache_misses_total',
    help: 'Tiles not in the cache, rendered from the database',
    registers: [registry],
    collect() {
      this.reset()
      this.inc(sum((cache) => cache.misses))
    },
  })
  new Gauge({
    name: 'quartiersatlas_tile_cache_bytes',
    help: 'Compressed tile bytes held in the cache',
    registers: [registry],
    collect() {
      this.set(sum((cache) => cache.bytes))
    },
  })
  registerDatabaseGauges(registry, db)
  return {
    registry,
    observeRequest(group, method, status, seconds) {
      requests.inc({ group, method, status: String(status) })
      duration.observe({ group }, seconds)
    },
    watchTileCache(cache) {
      caches.add(cache)
    },
  }
}

type DatabaseFigures = { backlog: number; failed: number; oldest: number; active: number; idle: number }

function registerDatabaseGauges(registry: Registry, db: Database): void {
  // prom-client collects all metrics at once: the gauges below share one query per scrape.
  let pending: Promise<DatabaseFigures | undefined> | undefined
  const figures = () => {
    pending ??= readFigures(db)
      .catch(() => undefined)
      .finally(() => {
        pending = undefined
      })
    return pending
  }
  const gauge = (name: string, help: string, read: (row: DatabaseFigures | undefined) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(read(await figures()))
      },
    })
  gauge('quartiersatlas_db_up', '1 when the database answered the scrape', (row) => (row ? 1 : 0))
  new Gauge({
    name: 'quartiersatlas_db_pool_max',
    help: 'Connections this instance may open (the embedded database: one session)',
    registers: [registry],
    collect() {
      this.set(db.engine === 'pglite' ? 1 : (db.sql.options.max ?? 10))
    },
  })
  new Gauge({
    name: 'quartiersatlas_db_connections',
    help: 'Open Quartiersatlas connections to this database (all instances), by state',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const row = await figures()
      this.set({ state: 'active' }, row?.active ?? 0)
      this.set({ state: 'idle' }, row?.idle ?? 0)
    },
  })
  gauge(
    'quartiersatlas_outbox_backlog',
    'Mails in the outbox not yet sent (and not given up)',
    (row) => row?.backlog ?? 0,
  )
  gauge(
    'quartiersatlas_outbox_failed',
    'Mails given up after a permanent refusal or too many attempts',
    (row) => row?.failed ?? 0,
  )
  gauge(
    'quartiersatlas_outbox_oldest_unsent_seconds',
    'Age of the oldest mail not yet sent (0: none waiting)',
    (row) => row?.oldest ?? 0,
  )
}

async function readFigures(db: Database): Promise<DatabaseFigures | undefined> {
  const [row] = await db.sql<DatabaseFigures[]>`
    select count(*) filter (where sent_at is null and failed_at is null)::int as backlog,
           count(*) filter (where failed_at is not null)::int as failed,
           coalesce(extract(epoch from now() - min(created_at) filter (where sent_at is null and failed_at is null)), 0)::float8 as oldest,
           (select count(*) from pg_stat_activity
             where datname = current_database() and application_name = 'quartiersatlas' and state = 'active')::int as active,
           (select count(*) from pg_stat_activity
             where datname = current_database() and application_name = 'quartiersatlas' and state like 'idle%')::int as idle
      from outbox`
  return row
}
