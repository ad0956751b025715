import { feedbackReceivedResponse, feedbackSchema } from '../../contract/accessibility.schema.ts'
import { type OpenApiModule, schemaOf } from '../openapi-module.ts'

// The accessibility statement's feedback form in OpenAPI: the body is the zod schema the route
// validates with.

const problem = { $ref: '#/components/responses/Problem' }

/** The accessibility resources of /api. */
export const accessibilityOpenApi = (): OpenApiModule => ({
  tags: [
    {
      name: 'Accessibility',
      description:
        'Reports of barriers, as the accessibility statement (BITV 2.0) offers them: stored, and sent to every admin in the app and by e-mail.',
    },
  ],
  paths: {
    '/accessibility/feedback': {
      post: {
        tags: ['Accessibility'],
        summary: 'Report a barrier; every admin is notified',
        description:
          'Anyone may send a report, signed in or not; at most 5 reports per client address within an hour (429 with Retry-After beyond).',
        security: [],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: schemaOf(feedbackSchema) } },
        },
        responses: {
          '202': {
            description: 'the report is stored and the admins are notified',
            content: { 'application/json': { schema: schemaOf(feedbackReceivedResponse) } },
          },
          '413': problem,
          '415': problem,
          '422': problem,
          '429': problem,
        },
      },
    },
  },
})
