import { describe, expect, it } from 'vitest'
import { createUser } from '../../backend/src/auth/auth.testing.ts'
import { useBrowserApp } from './browser-app.ts'
import { waitForMapSettled } from './editing.testing.ts'

// The link at the foot of every notification mail: it opens the workspace on the notifications
// tab, where e-mail is turned off per kind of notice and its language chosen.

const app = useBrowserApp()

describe('e-mail settings from a mail’s link', () => {
  it('opens the notifications tab after sign-in and saves e-mail off for one kind and the language', async () => {
    const owner = await createUser(app().db, 'owner')
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const page = await app().newPage({ width, height }, width < 500)
      await page.goto(`${app().baseUrl}/?workspace=notifications`)
      await waitForMapSettled(page)
      const dialog = page.locator('dialog.sign-in')
      await dialog.getByLabel('E-Mail').fill(owner.email)
      await dialog.getByLabel('Passwort').fill(owner.password)
      await dialog.getByRole('button', { name: 'Anmelden' }).click()
      const workspace = page.getByRole('complementary', { name: 'Zwischennutzung' })
      await workspace.getByRole('tab', { name: 'Benachrichtigungen', selected: true }).waitFor()
      const settings = workspace.getByRole('group', { name: 'Per E-Mail benachrichtigen' })
      const ending = settings.getByLabel('Vereinbarungen, die bald enden')
      await ending.waitFor()
      if (await ending.isChecked()) {
        await ending.uncheck()
        await settings.getByLabel('Sprache der E-Mails').selectOption('en')
      }
      await expect
        .poll(async () => {
          const rows = await app().db.sql<{ topic: string; language: string }[]>`
            select m.topic, u.language from users u left join mail_opt_outs m on m.user_id = u.id
             where u.id = ${owner.id}`
          return rows
        })
        .toEqual([{ topic: 'agreement-ending', language: 'en' }])
      expect(await ending.isChecked()).toBe(false)
      expect(await settings.getByLabel('Status meiner Flächenangebote').isChecked()).toBe(true)
      await page.screenshot({ path: `/tmp/mail-settings-${width}.png` })
      expect(page.errors).toEqual([])
      await page.close()
    }
  })
})
