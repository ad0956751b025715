import { createApp } from '../app.ts'
import { openDatabase } from '../db/database.ts'
import { servingLimits } from '../db/sql-client.ts'
import { listenOnLoopback } from '../server.ts'

// The API as its own process for tests that must watch it survive (or die), with the session
// limits of `npm start`: serves the database
// at DATABASE_URL, or the embedded one in DATA_DIR, on a free loopback port and prints its origin.

const db = await openDatabase(
  {
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR ?? '',
  },
  () => {},
  { limits: servingLimits },
)
const { origin } = await listenOnLoopback(createApp(db))
console.log(`listening ${origin}`)
