import type { Sql } from './sql-client.ts'

/** Makes `ags` the municipality that rows without one belong to (DEFAULT_MUNICIPALITY). */
export async function setDefaultMunicipality(sql: Sql, ags: string): Promise<void> {
  await sql.begin(async (tx) => {
    const [known] = await tx`select 1 from municipalities where ags = ${ags}`
    if (!known) throw new Error(`DEFAULT_MUNICIPALITY ${ags} is not a known municipality`)
    await tx`update municipalities set is_default = false where is_default and ags <> ${ags}`
    await tx`update municipalities set is_default = true where ags = ${ags} and not is_default`
  })
}
