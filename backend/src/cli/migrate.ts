import { runCli } from './run-cli.ts'

// npm run db:migrate — runCli applies the migrations; nothing else to do.
await runCli(async () => 0)
