import { z } from 'zod'
import type { GeometryReasonCode } from './geometry-rules.ts'

// The catalogue of refusals: every problem the API answers has a slug here, with its HTTP status
// and a general title (a call may name it more precisely: "Offer not found" for not-found). One
// slug per meaning; the server's Problem accepts no other slug, and the browser reads the same list.

export const problemCatalogue = {
  // The request itself
  'invalid-json': { status: 400, title: 'The body is not JSON' },
  'malformed-json': { status: 400, title: 'The body is not JSON' },
  'too-deeply-nested': { status: 400, title: 'JSON nested too deeply' },
  'not-geojson': { status: 400, title: 'Not a GeoJSON Feature' },
  'invalid-parameter': { status: 400, title: 'Invalid parameter' },
  'unknown-parameter': { status: 400, title: 'Unknown query parameter' },
  'repeated-parameter': { status: 400, title: 'Repeated query parameter' },
  'invalid-query': { status: 400, title: 'Invalid query parameters' },
  'invalid-tile': { status: 400, title: 'Invalid tile coordinates' },
  'unsupported-crs': { status: 400, title: 'Unsupported coordinate reference system' },
  'control-character-in-url': { status: 400, title: 'Control character in the request' },
  'invalid-text': { status: 400, title: 'A text holds a character that cannot be stored' },
  'invalid-confirmation': { status: 400, title: 'This confirmation link is not valid' },
  'invalid-idempotency-key': { status: 400, title: 'Invalid Idempotency-Key' },
  'body-too-large': { status: 413, title: 'Request body too large' },
  'document-too-large': { status: 413, title: 'The document is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'unsupported-document-type': { status: 415, title: 'Only PDF documents are accepted' },
  'invalid-import-file': { status: 422, title: 'The file cannot be imported' },
  'import-refused': { status: 422, title: 'Features were refused; nothing was imported' },
  'unmatched-district-keys': { status: 422, title: 'District keys without a district; nothing was imported' },
  'unknown-indicator': { status: 422, title: 'Unknown indicator' },
  // Who is asking
  unauthenticated: { status: 401, title: 'Sign-in required' },
  'invalid-credentials': { status: 401, title: 'Wrong e-mail or password' },
  'invalid-token': { status: 401, title: 'Invalid API token' },
  forbidden: { status: 403, title: 'Not allowed for your role' },
  'session-required': { status: 403, title: 'Sign in to create tokens' },
  'cross-site-request': { status: 403, title: 'Cross-site request refused' },
  'outside-assigned-areas': { status: 403, title: 'Outside your programme areas' },
  'too-many-login-attempts': { status: 429, title: 'Too many failed sign-ins' },
  'too-many-registrations': { status: 429, title: 'Too many registrations' },
  'too-many-feedback-reports': { status: 429, title: 'Too many reports' },
  // What is asked for
  'not-found': { status: 404, title: 'Not found' },
  'collection-not-found': { status: 404, title: 'No such collection' },
  'feature-not-found': { status: 404, title: 'No such feature' },
  'version-not-found': { status: 404, title: 'No such version' },
  'deleted-feature-not-found': { status: 404, title: 'No such deleted feature' },
  'read-only-collection': { status: 405, title: 'Collection is read-only' },
  // Versions
  'precondition-failed': { status: 412, title: 'The feature has changed' },
  'version-mismatch': { status: 412, title: 'The record was changed meanwhile' },
  'precondition-required': { status: 428, title: 'If-Match required' },
  // State and rules
  conflict: { status: 409, title: 'This would duplicate an existing record' },
  'feature-exists': { status: 409, title: 'The feature exists' },
  'email-taken': { status: 409, title: 'E-mail already registered' },
  'agreement-closed': { status: 409, title: 'The agreement is closed' },
  'invalid-transition': { status: 409, title: 'This step is not part of the agreement lifecycle' },
  'invalid-offer-transition': { status: 409, title: 'This step is not part of the offer lifecycle' },
  'offer-not-editable': { status: 409, title: 'The offer can no longer be changed' },
  'offer-not-accepted': { status: 409, title: 'Accept the offer first' },
  'no-organisation': { status: 409, title: 'The offer is not made for an organisation' },
  'party-already-set': { status: 409, title: 'You already offer land for a party' },
  'self-erasure': { status: 409, title: 'Admins cannot erase themselves' },
  'invalid-fields': { status: 422, title: 'Invalid fields' },
  'control-character': { status: 422, title: 'Control character in the body' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key already used for another request' },
  'invalid-properties': { status: 422, title: 'Invalid properties' },
  'invalid-property': { status: 422, title: 'Invalid property value' },
  'unknown-property': { status: 422, title: 'Unknown property' },
  'unknown-member': { status: 422, title: 'Unknown Feature member' },
  'geometry-required': { status: 422, title: 'Geometry required' },
  'reference-violation': { status: 422, title: 'A referenced record does not exist or is still referenced' },
  'constraint-violation': { status: 422, title: 'A value breaks a rule of the data model' },
  'missing-value': { status: 422, title: 'A required value is missing' },
  'invalid-value': { status: 422, title: 'A value has the wrong form' },
  'reason-required': { status: 422, title: 'A reason is required' },
  'unknown-plot': { status: 422, title: 'No such plot' },
  'unknown-offer': { status: 422, title: 'Offer not found' },
  'unknown-programme-area': { status: 422, title: 'Unknown programme area' },
  'offer-without-area': { status: 422, title: 'The offer has no area' },
  'not-a-planner': { status: 422, title: 'Only planners are limited to areas' },
  'own-account': { status: 422, title: 'You cannot change your own role or disable yourself' },
  'version-not-restorable': { status: 422, title: 'This version breaks the current rules' },
  // A bug
  'internal-error': { status: 500, title: 'Internal server error' },
  // The database is away (stopped, hung or unreachable): try again later
  'database-unavailable': { status: 503, title: 'The database is not available right now' },
} as const satisfies Record<string, { status: number; title: string }>

type Catalogue = typeof problemCatalogue

/**
 * A problem's slug: one of the catalogue, a geometry rule's reason code (422 'Invalid geometry',
 * the same codes the browser shows while drawing), or `http-<status>` for a refusal of the HTTP
 * framework itself.
 */
export type ProblemSlug = keyof Catalogue | GeometryReasonCode | `http-${number}`

/** The statuses a slug answers with. */
export type ProblemStatus<S extends ProblemSlug> =
  | (S extends keyof Catalogue ? Catalogue[S]['status'] : never)
  | (S extends GeometryReasonCode ? 422 : never)
  | (S extends `http-${number}` ? number : never)

/** The title of every geometry problem; its `reason` names the rule. */
export const geometryProblemTitle = 'Invalid geometry'

/** The problem's `type` URI for a slug. */
export const problemType = (slug: string) => `urn:quartiersatlas:problem:${slug}`

/** A problem+json body (RFC 9457) as the API sends it, with the extensions the screens read. */
export const problemResponse = z
  .object({
    type: z.string().meta({ example: 'urn:quartiersatlas:problem:invalid-parameter' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    reason: z.string().optional().describe("a geometry rule's reason code"),
    location: z.tuple([z.number(), z.number()]).optional().describe('where a geometry fails, lon/lat'),
    programmeAreas: z
      .array(z.object({ id: z.number(), name: z.string() }))
      .optional()
      .describe('the programme areas a planner may act in (outside-assigned-areas)'),
    errors: z
      .array(
        z.object({
          field: z.string().optional(),
          path: z.string().optional(),
          property: z.string().optional(),
          rule: z.string().optional(),
          message: z.string(),
        }),
      )
      .optional()
      .describe('one entry per refused field'),
  })
  .describe('RFC 9457 problem details')

/** A problem as the browser holds it: the server's, or a bare status when the body is not JSON. */
export type ProblemBody = Omit<z.infer<typeof problemResponse>, 'type' | 'title'> &
  Partial<Pick<z.infer<typeof problemResponse>, 'type' | 'title'>>
