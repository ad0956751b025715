import { z } from 'zod'
import {
  accountChangeSchema,
  accountResponse,
  apiTokenResponse,
  confirmSchema,
  loginSchema,
  newAccountSchema,
  newApiTokenResponse,
  newTokenSchema,
  registerSchema,
  registrationSentResponse,
  signedInAccountResponse,
} from '../../contract/accounts.schema.ts'
import { configResponse, municipalityResponse } from '../../contract/map.schema.ts'
import { type OpenApiModule, schemaOf } from '../openapi-module.ts'

// Accounts, sign-in, API tokens, the installation's client configuration and the health check in
// OpenAPI. Request bodies are the contract's zod schemas, the ones the routes validate with, and
// answers the contract's response schemas.

type Json = Record<string, unknown>

const signedIn = [{ bearer: [] }, { cookie: [] }]
const problem = { $ref: '#/components/responses/Problem' }
const json = (description: string, schema: Json) => ({
  description,
  content: { 'application/json': { schema } },
})
const body = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } })
const signedInAccount = schemaOf(signedInAccountResponse)
const account = schemaOf(accountResponse)

const userId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'integer' },
  description: 'the account',
}

/** The account resources of /api, and the service's own. */
export const accountsOpenApi = (): OpenApiModule => ({
  tags: [
    {
      name: 'Accounts',
      description:
        'Sign-in with a session cookie (the browser) or a personal API token (Authorization: Bearer, for QGIS and scripts); owners and residents register themselves, planners and admins are made by an admin.',
    },
    { name: 'Service', description: 'The installation: its health and what the map client needs to know.' },
  ],
  paths: {
    '/auth/login': {
      post: {
        tags: ['Accounts'],
        summary: 'Sign in; sets the session cookie',
        // 401 here is a wrong password, not a missing session: anyone may call it.
        security: [],
        requestBody: body(schemaOf(loginSchema)),
        responses: {
          '200': json('the signed-in account', signedInAccount),
          '401': problem,
          '413': problem,
          '415': problem,
          '422': problem,
          '429': problem,
        },
      },
    },
    '/auth/logout': {
      post: {
        tags: ['Accounts'],
        summary: 'Sign out; ends the session and clears its cookie',
        responses: { '204': { description: 'signed out' } },
      },
    },
    '/auth/me': {
      get: {
        tags: ['Accounts'],
        summary: 'The signed-in account',
        security: signedIn,
        responses: { '200': json('the caller’s account', signedInAccount), '401': problem },
      },
    },
    '/auth/register': {
      post: {
        tags: ['Accounts'],
        summary: 'Ask for an owner or resident account; a confirmation link is mailed to the address',
        description:
          'Answers the same whether or not the address has an account (the mail tells the difference); at most 10 registrations per client address and 3 per e-mail within an hour.',
        requestBody: body(schemaOf(registerSchema)),
        responses: {
          '202': json('the confirmation mail is queued', schemaOf(registrationSentResponse)),
          '413': problem,
          '415': problem,
          '422': problem,
          '429': problem,
        },
      },
    },
    '/auth/confirm': {
      post: {
        tags: ['Accounts'],
        summary: 'Create the account from a mailed confirmation link, and sign in',
        requestBody: body(schemaOf(confirmSchema)),
        responses: {
          '200': json('the new account, signed in', signedInAccount),
          '400': problem,
          '409': problem,
          '413': problem,
          '415': problem,
          '422': problem,
        },
      },
    },
    '/auth/tokens': {
      get: {
        tags: ['Accounts'],
        summary: 'The caller’s personal API tokens (never their secrets)',
        security: signedIn,
        responses: {
          '200': json('tokens, newest first', schemaOf(z.array(apiTokenResponse))),
          '401': problem,
        },
      },
      post: {
        tags: ['Accounts'],
        summary: 'Create a personal API token; its secret is shown this once',
        security: [{ cookie: [] }],
        requestBody: body(schemaOf(newTokenSchema)),
        responses: {
          '201': json('the token with its secret', schemaOf(newApiTokenResponse)),
          '401': problem,
          '403': problem,
          '422': problem,
        },
      },
    },
    '/auth/tokens/{id}': {
      delete: {
        tags: ['Accounts'],
        summary: 'Revoke one of the caller’s tokens',
        security: signedIn,
        parameters: [{ ...userId, description: 'the token' }],
        responses: { '204': { description: 'revoked' }, '401': problem, '404': problem },
      },
    },
    '/users': {
      get: {
        tags: ['Accounts'],
        summary: 'Every account (admin)',
        security: signedIn,
        responses: {
          '200': json('accounts', schemaOf(z.array(accountResponse))),
          '401': problem,
          '403': problem,
        },
      },
      post: {
        tags: ['Accounts'],
        summary: 'Create an account (admin; audited)',
        security: signedIn,
        requestBody: body(schemaOf(newAccountSchema)),
        responses: {
          '201': json('the account created', account),
          '401': problem,
          '403': problem,
          '409': problem,
          '422': problem,
        },
      },
    },
    '/users/{id}': {
      patch: {
        tags: ['Accounts'],
        summary: 'Change an account’s role, disable it or link it to a party (admin)',
        security: signedIn,
        parameters: [userId],
        requestBody: body(schemaOf(accountChangeSchema)),
        responses: {
          '200': json('the account as changed', account),
          '401': problem,
          '403': problem,
          '404': problem,
          '422': problem,
        },
      },
    },
    '/config': {
      get: {
        tags: ['Service'],
        summary: 'What the map client needs to know about this installation',
        responses: {
          '200': json('the client configuration', schemaOf(configResponse)),
        },
      },
    },
    '/config/municipality': {
      get: {
        tags: ['Service'],
        summary: 'The default municipality: its official CRS and the extent of its programme areas',
        responses: {
          '200': json('the default municipality', schemaOf(municipalityResponse)),
        },
      },
    },
    '/health': {
      get: {
        tags: ['Service'],
        summary: 'Whether the service and its database answer',
        responses: {
          '200': json('healthy', {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['ok'] },
              database: {
                type: 'object',
                properties: {
                  engine: { type: 'string', enum: ['pglite', 'postgresql'] },
                  postgis: { type: 'string' },
                  latencyMs: { type: 'number' },
                },
              },
              uptimeSeconds: { type: 'integer' },
            },
          }),
          '503': problem,
        },
      },
    },
    '/ready': {
      get: {
        tags: ['Service'],
        summary: 'Whether this process should get traffic (for a proxy): the database answers',
        responses: {
          '200': json('ready', {
            type: 'object',
            properties: { status: { type: 'string', enum: ['ready'] } },
            required: ['status'],
          }),
          '503': problem,
        },
      },
    },
  },
})
