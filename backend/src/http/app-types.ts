import type { Role } from '../contract/accounts.schema.ts'
import type { Database } from '../db/database.ts'
import type { Queries } from '../db/sql-client.ts'
import type { LayerEvents } from '../layers/layer-events.ts'
import type { TileCache } from '../tiles/tile-cache.ts'
import type { TileColumns } from '../tiles/tile-columns.queries.ts'

export type { Role }

/** The signed-in caller, set by the auth middleware from a session cookie or a bearer token. */
export type CurrentUser = {
  id: number
  email: string
  role: Role
  /** Signed in with an API token made for a desktop GIS: may write without If-Match. */
  desktopGis?: boolean
}

/**
 * What every route can reach: c.get('db'), c.get('events'), c.get('tiles'), c.get('tileColumns')
 * and c.get('user') when someone is signed in.
 */
export type AppEnv = {
  Variables: {
    db: Database
    events: LayerEvents
    tiles: TileCache
    /** The public properties of every layer with their MVT type, read once per app. */
    tileColumns: () => Promise<TileColumns>
    user: CurrentUser | undefined
    /** Where reads that may lag by a moment go: a hot standby when fresh enough, else the primary. */
    reads: Queries
  }
}
