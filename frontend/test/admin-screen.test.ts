import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createUser } from '../../backend/src/auth/auth.testing.ts'
import { screenshotDir, useBrowserApp } from './browser-app.ts'
import { lindenau, openSignedIn } from './editing.testing.ts'

const app = useBrowserApp()

const admin = { email: 'admin@quartiersatlas.example', password: 'demo-admin-2026' }

describe('the admin screen', () => {
  it('finds an account, changes its role after confirming, and the change is audited', async () => {
    const { sql } = app().db
    const user = await createUser(app().db, 'resident', { display_name: 'Rollenwechsel Test' })
    const page = await app().newPage({ width: 1440, height: 900 })
    await openSignedIn(page, app().baseUrl, lindenau, admin)
    await page.getByRole('button', { name: 'Konten' }).click()
    const screen = page.getByRole('complementary', { name: 'Konten verwalten' })
    await screen.getByLabel(/Konten suchen/).fill('Rollenwechsel')
    const rows = screen.locator('.account-row')
    await expect.poll(() => rows.count()).toBe(1)
    const role = screen.getByLabel(`Rolle von ${user.email}`)
    await role.selectOption('planner')
    const dialog = page.getByRole('alertdialog', { name: 'Rolle ändern?' })
    expect(await dialog.innerText()).toContain('„Planung“')
    await page.screenshot({ path: join(screenshotDir, 'admin-role-confirm.png') })
    await dialog.getByRole('button', { name: 'Abbrechen' }).click()
    const stored = async () =>
      (await sql<{ role: string }[]>`select role from users where id = ${user.id}`)[0]?.role
    expect(await stored()).toBe('resident')
    expect(await role.inputValue()).toBe('resident')

    await role.selectOption('planner')
    await dialog.getByRole('button', { name: 'Rolle ändern' }).click()
    await expect.poll(stored).toBe('planner')
    await expect.poll(() => role.inputValue()).toBe('planner')
    const [entry] = await sql<{ action: string; actor: string }[]>`
      select l.action, u.email as actor from audit_log l join users u on u.id = l.actor_id
       where l.table_name = 'users' and l.row_id = ${user.id}`
    expect(entry).toEqual({ action: 'update', actor: admin.email })
    // Now a planner: the programme areas to limit them to are offered by name.
    await rows.locator('summary', { hasText: 'Fördergebiete' }).click()
    await rows
      .getByRole('checkbox', { name: /Leipziger Westen/ })
      .first()
      .waitFor()
    await page.screenshot({ path: join(screenshotDir, 'admin-screen.png') })

    const phone = await app().newPage({ width: 390, height: 844 }, true)
    await openSignedIn(phone, app().baseUrl, lindenau, admin)
    await phone.getByRole('button', { name: 'Konten' }).click()
    await phone.getByLabel(`Rolle von ${user.email}`).waitFor()
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await phone.screenshot({ path: join(screenshotDir, 'admin-screen-phone.png') })
    expect(page.errors).toEqual([])
    expect(phone.errors).toEqual([])
  })
})
