import { z } from 'zod'
import { keysOf, programmes } from '../contract/vocabulary.ts'

// The overlay's query string: which programmes, which period, which municipality, which
// language (for the CSV). Without `programmes`, all programmes; open ends are allowed.

const programmeKey = z.enum(keysOf(programmes), {
  error: `unknown programme; use ${keysOf(programmes).join(', ')}`,
})

export const overlayQuery = z
  .strictObject({
    programmes: z
      .string()
      .transform((list) => [...new Set(list.split(',').map((key) => key.trim()))])
      .pipe(z.array(programmeKey).min(1))
      .optional(),
    from: z.iso.date('from must be a date YYYY-MM-DD').optional(),
    to: z.iso.date('to must be a date YYYY-MM-DD').optional(),
    municipality: z
      .string()
      .regex(/^\d{8}$/, 'municipality must be an 8-digit AGS')
      .optional(),
    lang: z.enum(['de', 'en']).default('de'),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'from must not be after to',
    path: ['from'],
  })

export type OverlayQuery = z.infer<typeof overlayQuery>
