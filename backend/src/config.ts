import { resolve } from 'node:path'
import { z } from 'zod'

/** The repository root, for sql/, geodata/ and the front-end build. */
export const repoRoot = resolve(import.meta.dirname, '../..')

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().default('./data'),
  DEFAULT_MUNICIPALITY: z
    .string()
    .regex(/^\d{8}$/, 'DEFAULT_MUNICIPALITY must be an 8-digit AGS, e.g. 14713000 for Leipzig')
    .default('14713000'),
  SERVE_SOURCE_MAPS: z
    .enum(['true', 'false'], { message: 'SERVE_SOURCE_MAPS must be true or false' })
    .default('false'),
})

export type Config = {
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  defaultMunicipality: string
  /** Whether the front end's source maps (*.map) are served; off in production, on to debug. */
  serveSourceMaps: boolean
}

/** Reads the configuration from the environment; a bad value stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`)
  }
  return {
    port: parsed.data.PORT,
    host: parsed.data.HOST,
    databaseUrl: parsed.data.DATABASE_URL,
    // npm runs workspace scripts in the workspace; a relative DATA_DIR means where npm was called.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), parsed.data.DATA_DIR),
    defaultMunicipality: parsed.data.DEFAULT_MUNICIPALITY,
    serveSourceMaps: parsed.data.SERVE_SOURCE_MAPS === 'true',
  }
}

export class ConfigError extends Error {}
