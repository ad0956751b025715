import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { useTestDatabase } from '../test/test-database.ts'

const db = useTestDatabase()

describe("a plot's agreements in its context", () => {
  it('lists the running agreements on the plot in public columns only, not drafts', async () => {
    const { sql } = db()
    const [plot] = await sql<{ id: number }[]>`
      insert into plots (name, geom)
      values ('Brache Agreementtest', st_multi(st_setsrid(st_geomfromgeojson(${JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [12.3344, 51.3363],
            [12.335, 51.3363],
            [12.335, 51.3368],
            [12.3344, 51.3363],
          ],
        ],
      })}), 4326)))
      returning id`
    const plotId = Number(plot?.id)
    const [running] = await sql<{ id: number }[]>`
      insert into agreements (name, use, status, term_start, term_end, internal_notes)
      values ('Gemeinschaftsgarten Agreementtest', 'community_garden', 'active', '2026-04-01', '2027-03-31',
              'Miete nicht öffentlich')
      returning id`
    const [draft] = await sql<{ id: number }[]>`
      insert into agreements (name, status) values ('Entwurf Agreementtest', 'draft') returning id`
    await sql`insert into agreement_plots (agreement_id, plot_id)
              values (${Number(running?.id)}, ${plotId}), (${Number(draft?.id)}, ${plotId})`

    const response = await createApp(db()).request(`/api/context/plots/${plotId}`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { agreements: Record<string, unknown>[] }
    expect(body.agreements).toEqual([
      {
        id: Number(running?.id),
        name: 'Gemeinschaftsgarten Agreementtest',
        use: 'community_garden',
        status: 'active',
        term_start: '2026-04-01',
        term_end: '2027-03-31',
        organisation: null,
      },
    ])
    expect(JSON.stringify(body)).not.toContain('Miete nicht öffentlich')
  })

  it('gives other layers no agreements', async () => {
    const [quarter] = await db().sql<{ id: number }[]>`select id from quarters order by id limit 1`
    const response = await createApp(db()).request(`/api/context/quarters/${quarter?.id}`)
    expect(response.status).toBe(200)
    expect('agreements' in ((await response.json()) as object)).toBe(false)
  })
})
