import { existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Extension } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import * as tar from 'tar'

// PGlite unpacks an extension's whole bundle into memory at every start. PostGIS's bundle holds
// 110 MB (raster, topology, tiger geocoder, install and upgrade scripts); once PostGIS is
// installed, Quartiersatlas needs only the core library and the PROJ database. A trimmed copy,
// made once beside the data, shortens every later start of the embedded database.

const runtimeFile =
  /^(lib\/postgresql\/postgis-3\.so|share\/postgresql\/extension\/postgis\.control|share\/proj\/.+)$/

/**
 * The PostGIS extension for PGlite: the full bundle while `installing` (CREATE EXTENSION needs
 * its install script), afterwards a trimmed bundle kept in `dataDir`.
 */
export async function postgisExtension(dataDir: string, installing: boolean): Promise<Extension> {
  const { bundlePath } = await postgis.setup({} as never, { PGLITE_ENV: {} } as never)
  if (!bundlePath) return postgis
  const source = fileURLToPath(bundlePath)
  // The size identifies the bundle: a new @electric-sql/pglite-postgis makes a new copy.
  const trimmed = join(dataDir, `postgis-runtime-${statSync(source).size}.tar.gz`)
  if (!existsSync(trimmed)) await trimBundle(source, trimmed)
  if (installing) return postgis
  return {
    name: 'postgis',
    setup: async (pg, emscriptenOpts) => ({
      ...(await postgis.setup(pg, emscriptenOpts)),
      bundlePath: pathToFileURL(trimmed),
    }),
  }
}

async function trimBundle(source: string, target: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'quartiersatlas-postgis-'))
  try {
    await tar.x({ file: source, cwd: work, filter: (path) => runtimeFile.test(path.replace(/^\.\//, '')) })
    const partial = `${target}.partial`
    await tar.c({ gzip: true, file: partial, cwd: work, portable: true }, ['lib', 'share'])
    renameSync(partial, target)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
