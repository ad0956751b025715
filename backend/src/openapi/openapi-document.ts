import { problemResponse } from '../contract/problems.ts'
import { type OpenApiModule, schemaOf } from './openapi-module.ts'
import { accessibilityOpenApi } from './paths/accessibility.paths.ts'
import { accountsOpenApi } from './paths/accounts.paths.ts'
import { contextOpenApi } from './paths/context.paths.ts'
import { editingOpenApi } from './paths/editing.paths.ts'
import { exportsOpenApi } from './paths/exports.paths.ts'
import { featuresOpenApi } from './paths/features.paths.ts'
import { importsOpenApi } from './paths/imports.paths.ts'
import { indicatorsOpenApi } from './paths/indicators.paths.ts'
import { interimUseOpenApi } from './paths/interim-use.paths.ts'
import { overlayOpenApi } from './paths/overlay.paths.ts'
import { qgisOpenApi } from './paths/qgis.paths.ts'
import { searchOpenApi } from './paths/search.paths.ts'
import { tilesOpenApi } from './paths/tiles.paths.ts'

// The OpenAPI 3.0 document of /api, composed of one module per resource. To describe a new
// resource: write `openapi/paths/<resource>.paths.ts` exporting an `OpenApiModule` (its paths, and
// the schemas, parameters and responses they reference under #/components/…), then add it to
// `modules` below. Component names must be unique across modules (prefix them with the resource).
// Modules build their schemas with `schemaOf` (openapi-module.ts) from the contract's zod
// schemas. Modules may reference the shared components of this file: #/components/responses/Problem.

type Json = Record<string, unknown>

/** Every resource's contribution, in the order the documentation lists them. */
const modules: ReadonlyArray<OpenApiModule | (() => OpenApiModule)> = [
  featuresOpenApi,
  tilesOpenApi,
  searchOpenApi,
  qgisOpenApi,
  contextOpenApi,
  overlayOpenApi,
  indicatorsOpenApi,
  editingOpenApi,
  interimUseOpenApi,
  accountsOpenApi,
  accessibilityOpenApi,
  importsOpenApi,
  exportsOpenApi,
]

/** Builds the OpenAPI document for an API served at `base` (…/api). */
export function buildOpenApi(base: string): Json {
  const document = {
    openapi: '3.0.3',
    info: {
      title: 'Quartiersatlas API',
      version: '0.1.0',
      description:
        'OGC API – Features (Parts 1, 2, 3 queryables, 4) for the layers of Quartiersatlas, and the accounts, tiles and other resources of the service. Errors are application/problem+json.',
    },
    servers: [{ url: base }],
    tags: [] as { name: string; description: string }[],
    paths: {} as Record<string, Json>,
    components: {
      schemas: { Problem: schemaOf(problemResponse) } as Record<string, Json>,
      parameters: {} as Record<string, Json>,
      responses: {
        Problem: {
          description: 'The request was refused; the problem names the rule.',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      } as Record<string, Json>,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'a personal API token (POST /api/auth/tokens)',
        },
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'session',
          description: 'the session of POST /api/auth/login',
        },
      },
    },
  }
  for (const entry of modules) {
    const module = typeof entry === 'function' ? entry() : entry
    document.tags.push(...(module.tags ?? []))
    Object.assign(document.paths, module.paths)
    Object.assign(document.components.schemas, module.components?.schemas)
    Object.assign(document.components.parameters, module.components?.parameters)
    Object.assign(document.components.responses, module.components?.responses)
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      // A copy: modules share one operation object between paths (OPTIONS of items and item).
      if (methods.has(method)) item[method] = completeOperation({ ...(operation as Operation) }, method, path)
    }
  }
  return document
}

type Operation = { operationId?: string; security?: unknown[]; responses?: Record<string, unknown> }

const methods = new Set(['get', 'put', 'post', 'patch', 'delete', 'options', 'head'])
const signedIn = [{ bearer: [] }, { cookie: [] }]

/**
 * What every operation must say and modules may leave to the composer: an operationId from the
 * method and path (unique as they are), and who may call it. An operation that documents a 401
 * needs a token or session; one that cannot answer 401 is public (`security: []`).
 */
function completeOperation(operation: Operation, method: string, path: string): Operation {
  operation.operationId ??= operationIdOf(method, path)
  operation.security ??= operation.responses?.['401'] ? signedIn : []
  return operation
}

/** `get /collections/{collectionId}/tiles` → `getCollectionsCollectionIdTiles`. */
function operationIdOf(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean)
  return method + words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join('')
}
