import {
  agreementPatchSchema,
  newAgreementSchema,
  transitionSchema,
} from '../../contract/agreements.schema.ts'
import { mailSettingsInput } from '../../contract/notifications.schema.ts'
import { acceptSchema, newOfferSchema, offerPatchSchema, reasonSchema } from '../../contract/offers.schema.ts'
import { keysOf, offerStatuses } from '../../contract/vocabulary.ts'
import { type OpenApiModule, schemaOf } from '../openapi-module.ts'

// Offers, agreements, documents, notifications and privacy in OpenAPI. Request bodies come from
// the zod schemas the routes validate with, so the document cannot drift from the code.

type Json = Record<string, unknown>

const signedIn = [{ bearer: [] }, { cookie: [] }]
const problem = { $ref: '#/components/responses/Problem' }
const refusals = {
  '400': problem,
  '401': problem,
  '403': problem,
  '404': problem,
  '409': problem,
  '413': problem,
  '415': problem,
  '422': problem,
}
const json = (description: string, schema: Json = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
})
const body = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } })
const id = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'integer' },
  description,
})
const op = (tag: string, summary: string, extra: Json, ok: Json = json('done')) => ({
  tags: [tag],
  summary,
  security: signedIn,
  ...extra,
  responses: { '200': ok, ...refusals },
})
const offerId = id('offerId', 'the offer')
const agreementId = id('agreementId', 'the agreement')

/** The interim-use resources of /api. */
export const interimUseOpenApi = (): OpenApiModule => ({
  tags: [
    {
      name: 'Offers',
      description:
        'Owners offer land for interim use; planners review it. Owners see only their own offers; planners those in their programme areas (all, when none is assigned); admins all. Others get 404.',
    },
    {
      name: 'Agreements',
      description:
        'Interim-use agreements (Gestattungsvereinbarungen): parties, term, duties, documents, lifecycle draft → negotiating → signed → active → ending → ended, or active|ending → terminated.',
    },
    {
      name: 'Notifications',
      description:
        'The caller’s own notifications; every status change of an offer or agreement notifies its owners (and queues a mail in the outbox).',
    },
    {
      name: 'Privacy',
      description:
        'Export and erasure of personal data (GDPR art. 15, 17, 20) and the audit log of who read or changed it.',
    },
  ],
  paths: {
    '/offers': {
      get: op(
        'Offers',
        'Offers the caller may see (review queue: ?status=submitted)',
        {
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string', enum: keysOf(offerStatuses) } },
          ],
        },
        json('{ offers: Offer[] }'),
      ),
      post: {
        ...op('Offers', 'Submit an offer (owner): a drawn (Multi)Polygon or a plot_id', {
          requestBody: body(schemaOf(newOfferSchema)),
        }),
        responses: { '201': json('the offer'), ...refusals },
      },
    },
    '/offers/{offerId}': {
      get: op('Offers', 'One offer with the owner’s contact (ETag: its version)', { parameters: [offerId] }),
      patch: {
        ...op(
          'Offers',
          'Revise an offer (owner, while submitted or changes_requested; goes back to submitted); If-Match with the ETag is required',
          {
            parameters: [
              offerId,
              { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } },
            ],
            requestBody: body(schemaOf(offerPatchSchema)),
          },
        ),
        responses: { '200': json('the offer'), '412': problem, '428': problem, ...refusals },
      },
    },
    '/offers/{offerId}/withdraw': {
      post: op('Offers', 'Withdraw an undecided offer (owner)', { parameters: [offerId] }),
    },
    '/offers/{offerId}/accept': {
      post: op(
        'Offers',
        'Accept (planner, admin): creates a plot with status offered from the drawn area, or links plot_id',
        {
          parameters: [offerId],
          requestBody: {
            required: false,
            content: { 'application/json': { schema: schemaOf(acceptSchema) } },
          },
        },
      ),
    },
    '/offers/{offerId}/confirm-organisation': {
      post: op(
        'Offers',
        'Confirm that the owner speaks for the organisation named (planner, admin); until then owner_organisation_confirmed is false',
        { parameters: [offerId] },
      ),
    },
    '/offers/{offerId}/request-changes': {
      post: op('Offers', 'Ask the owner for changes (planner, admin)', {
        parameters: [offerId],
        requestBody: body(schemaOf(reasonSchema)),
      }),
    },
    '/offers/{offerId}/decline': {
      post: op('Offers', 'Decline with a reason (planner, admin)', {
        parameters: [offerId],
        requestBody: body(schemaOf(reasonSchema)),
      }),
    },
    '/agreements': {
      get: op(
        'Agreements',
        'Agreements the caller may see (owners: those their party is party to, without internal notes)',
        {
          parameters: [{ name: 'status', in: 'query', schema: { type: 'string' } }],
        },
        json('{ agreements: Agreement[] }'),
      ),
      post: {
        ...op('Agreements', 'Create a draft agreement from an accepted offer and/or plots (planner, admin)', {
          requestBody: body(schemaOf(newAgreementSchema)),
        }),
        responses: { '201': json('the agreement'), ...refusals },
      },
    },
    '/agreements/ending-soon': {
      get: op(
        'Agreements',
        'Running agreements whose term ends within `months` (default AGREEMENT_ENDING_MONTHS, 6)',
        {
          parameters: [
            { name: 'months', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 120 } },
          ],
        },
      ),
    },
    '/agreements/{agreementId}': {
      get: op(
        'Agreements',
        'One agreement with plots, parties, transitions and documents (ETag: its version)',
        { parameters: [agreementId] },
      ),
      patch: {
        ...op(
          'Agreements',
          'Edit terms, plots or parties (planner, admin); If-Match with the ETag is required',
          {
            parameters: [
              agreementId,
              { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } },
            ],
            requestBody: body(schemaOf(agreementPatchSchema)),
          },
        ),
        responses: { '200': json('the agreement'), '412': problem, '428': problem, ...refusals },
      },
    },
    '/agreements/{agreementId}/transitions': {
      post: op(
        'Agreements',
        'One lifecycle step (planner, admin); 409 names the allowed next states; terminated needs a reason',
        { parameters: [agreementId], requestBody: body(schemaOf(transitionSchema)) },
      ),
    },
    '/agreements/{agreementId}/documents': {
      get: op('Agreements', 'The agreement’s documents', { parameters: [agreementId] }),
      post: {
        ...op(
          'Agreements',
          'Upload a PDF (planner, admin): multipart field "file", at most 10 MB (413), PDF by its %PDF- signature (415)',
          {
            parameters: [agreementId],
            requestBody: {
              required: true,
              content: {
                'multipart/form-data': {
                  schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
                },
              },
            },
          },
        ),
        responses: { '201': json('the stored document'), ...refusals },
      },
    },
    '/agreements/{agreementId}/documents/{documentId}': {
      get: op(
        'Agreements',
        'Download a document',
        { parameters: [agreementId, id('documentId', 'the document')] },
        {
          description: 'the PDF',
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
      ),
    },
    '/notifications': {
      get: op('Notifications', 'The caller’s notifications, newest first (?unread=true)', {}),
    },
    '/notifications/mail': {
      get: op('Notifications', 'The caller’s mail language and which kinds of notice come by e-mail', {}),
      put: op('Notifications', 'Change the mail language or turn e-mail off or on per kind of notice', {
        requestBody: body(schemaOf(mailSettingsInput)),
      }),
    },
    '/notifications/{notificationId}/read': {
      post: op('Notifications', 'Mark one read', { parameters: [id('notificationId', 'the notification')] }),
    },
    '/me/data': { get: op('Privacy', 'Everything held about the caller, as JSON', {}) },
    '/me/erasure': {
      post: op(
        'Privacy',
        'Erase the caller’s personal data (owner, resident); signed agreements stay with the party anonymised',
        {},
      ),
    },
    '/privacy/users/{userId}/data': {
      get: op('Privacy', 'Export a person’s data on request (admin)', {
        parameters: [id('userId', 'the account')],
      }),
    },
    '/privacy/users/{userId}/erasure': {
      post: op('Privacy', 'Erase a person’s data on request (admin)', {
        parameters: [id('userId', 'the account')],
      }),
    },
    '/privacy/audit': {
      get: op('Privacy', 'The audit log (admin), newest first', {
        parameters: ['table', 'row_id', 'actor_id'].map((name) => ({
          name,
          in: 'query',
          schema: { type: 'string' },
        })),
      }),
    },
  },
})
