import { userCreate } from '../users/user-create.ts'
import { runCli } from './run-cli.ts'

// npm run user:create -- --email <e-mail> --password <password> --role <role> — an account for a
// real installation (the demo accounts exist only in the embedded demo database).
await runCli(async (db) => {
  const result = await userCreate(db.sql, process.argv.slice(2))
  if (result.ok) console.log(`[quartiersatlas] ${result.message}`)
  else console.error(`[quartiersatlas] ${result.message}`)
  return result.ok ? 0 : 2
})
