import { z } from 'zod'

// A planner's programme areas (admin): what an admin sends to limit a planner, and the answer.

/** PUT /api/users/{id}/programme-areas: an empty list lifts the limit. */
export const programmeAreaAssignmentSchema = z.strictObject({
  programmeAreaIds: z.array(z.number().int().positive()).max(500),
})

/** GET and PUT /api/users/{id}/programme-areas */
export const plannerAreasResponse = z.object({
  userId: z.number().int(),
  programmeAreas: z.array(z.object({ id: z.number().int(), name: z.string() })),
})
export type PlannerAreas = z.infer<typeof plannerAreasResponse>
