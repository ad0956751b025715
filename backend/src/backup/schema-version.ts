import { listMigrations } from '../db/migrate.ts'

/** The newest migration this code knows: a backup from a later schema cannot be restored by it. */
export function knownSchemaVersion(): number {
  return Math.max(0, ...listMigrations().map((migration) => migration.version))
}

export class RestoreRefusedError extends Error {}

/** Refuses a backup whose schema is newer than this code's migrations. */
export function checkRestorable(backupVersion: number): void {
  const known = knownSchemaVersion()
  if (backupVersion > known)
    throw new RestoreRefusedError(
      `the backup is from schema version ${backupVersion}, newer than this Quartiersatlas knows (${known}): restore it with the version that made it, or a newer one`,
    )
}
