import { createApp } from '../app.ts'
import { openDatabase } from '../db/database.ts'
import { servingLimits } from '../db/sql-client.ts'
import { startServer } from '../server.ts'
import { shutdownOnSignals } from '../shutdown.ts'

// The API as its own process for tests that must watch it survive (or die, or stop on SIGTERM),
// with the session limits and the signal handling of `npm start`: serves the database at
// DATABASE_URL, or the embedded one in DATA_DIR, on TEST_APP_PORT (default: a free loopback port) and
// prints its origin.

const db = await openDatabase(
  {
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR ?? '',
  },
  () => {},
  { limits: servingLimits },
)
const server = startServer(
  createApp(db),
  { port: Number(process.env.TEST_APP_PORT ?? 0), hostname: '127.0.0.1' },
  (info) => console.log(`listening http://127.0.0.1:${info.port}`),
)
shutdownOnSignals({
  servers: [server],
  stops: [],
  closeDatabase: () => db.close(),
  log: (message) => console.log(message),
})
