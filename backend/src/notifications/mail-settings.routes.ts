import { Hono } from 'hono'
import { requireUser } from '../auth/require-role.ts'
import { type MailSettings, mailSettingsInput } from '../contract/notifications.schema.ts'
import type { Queries } from '../db/sql-client.ts'
import type { AppEnv } from '../http/app-types.ts'
import { limitBody, readJson } from '../http/read-json.ts'
import { mailTopics } from '../mail/mail-topics.ts'

async function readSettings(sql: Queries, userId: number): Promise<MailSettings> {
  const [user] = await sql<{ language: 'de' | 'en'; off: string[] }[]>`
    select u.language, array(select topic from mail_opt_outs where user_id = u.id) as off
      from users u where u.id = ${userId}`
  const off = new Set(user?.off ?? [])
  return {
    language: user?.language ?? 'de',
    email: Object.fromEntries(mailTopics.map((topic) => [topic, !off.has(topic)])) as MailSettings['email'],
  }
}

/** /api/notifications/mail: the caller's mail language and which kinds of notice come by e-mail. */
export const mailSettingsRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = requireUser(c.get('user'))
    c.header('Cache-Control', 'private, no-store')
    return c.json(await readSettings(c.get('db').sql, user.id))
  })
  .put('/', limitBody, async (c) => {
    const user = requireUser(c.get('user'))
    const input = await readJson(c, mailSettingsInput)
    const settings = await c.get('db').sql.begin(async (tx) => {
      if (input.language) await tx`update users set language = ${input.language} where id = ${user.id}`
      for (const [topic, email] of Object.entries(input.email ?? {})) {
        if (email) await tx`delete from mail_opt_outs where user_id = ${user.id} and topic = ${topic}`
        else
          await tx`insert into mail_opt_outs (user_id, topic) values (${user.id}, ${topic}) on conflict do nothing`
      }
      return readSettings(tx, user.id)
    })
    return c.json(settings)
  })
