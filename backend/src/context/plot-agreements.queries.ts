import type { Queries } from '../db/sql-client.ts'

// The interim-use agreements running on a plot, in their public words only: the same columns
// and the same rule (active or ending) as the public interim-uses layer.

export type PlotAgreement = {
  id: number
  name: string
  use: string
  status: string
  term_start: string | null
  term_end: string | null
  organisation: string | null
}

/** The running agreements of plot `plotId`, latest start first. */
export async function plotAgreements(sql: Queries, plotId: number): Promise<PlotAgreement[]> {
  const rows = await sql<PlotAgreement[]>`
    select i.id, i.name, i.use, i.status, i.term_start::text as term_start, i.term_end::text as term_end,
           i.organisation
      from interim_uses as i
      join agreement_plots as ap on ap.agreement_id = i.id
     where ap.plot_id = ${plotId}::bigint
     order by i.term_start desc nulls last, i.id`
  return rows.map((row) => ({ ...row, id: Number(row.id) }))
}
