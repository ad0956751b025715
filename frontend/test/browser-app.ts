import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, inject } from 'vitest'
import { createApp } from '../../backend/src/app.ts'
import type { Database } from '../../backend/src/db/database.ts'
import { openCopy } from '../../backend/src/test/template-database.ts'

// Each browser test file gets its own database copy, the real app on a free port and a headless
// Chromium (Debian's). Console errors and failed requests are collected so tests can assert none;
// a Content Security Policy violation on any page fails the test it happened in.

declare module 'vitest' {
  export interface ProvidedContext {
    /** The front end built for this run (test/global-setup.ts). */
    frontendDir: string
  }
}

export const screenshotDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test-results',
  'screenshots',
)

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebGL without a GPU: ANGLE on SwiftShader.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
]

/** Launches Debian's Chromium headless with WebGL through SwiftShader. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs })
}

export type BrowserApp = {
  db: Database
  baseUrl: string
  browser: Browser
  /** A fresh page (own context) of the given size that records console errors. */
  newPage(viewport?: { width: number; height: number }, phone?: boolean): Promise<Page & { errors: string[] }>
}

/** Starts the app and a browser for the calling test file; stops both afterwards. */
export function useBrowserApp(): () => BrowserApp {
  let app: BrowserApp | undefined
  let close: (() => Promise<void>) | undefined
  // Every page's CSP violations (the document's securitypolicyviolation events and Chromium's
  // console reports, which also cover workers) since the last test ended.
  const violations: string[] = []
  beforeAll(async () => {
    const db = await openCopy(inject('template'))
    const server = serve({
      fetch: createApp(db, { frontendDir: inject('frontendDir') }).fetch,
      port: 0,
      hostname: '127.0.0.1',
    })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const { port } = server.address() as AddressInfo
    const browser = await launchChromium()
    const contexts: BrowserContext[] = []
    app = {
      db,
      baseUrl: `http://127.0.0.1:${port}`,
      browser,
      async newPage(viewport = { width: 1280, height: 800 }, phone = false) {
        const context = await browser.newContext({
          viewport,
          locale: 'de-DE',
          hasTouch: phone,
          isMobile: phone,
        })
        contexts.push(context)
        await context.exposeBinding('__reportCspViolation', (_source, text: string) => violations.push(text))
        await context.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (event) => {
            const report = (window as unknown as { __reportCspViolation(text: string): void })
              .__reportCspViolation
            report(
              `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname}`,
            )
          })
        })
        const page = Object.assign(await context.newPage(), { errors: [] as string[] })
        page.on('console', (message) => {
          if (message.type() !== 'error') return
          page.errors.push(message.text())
          if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
        })
        page.on('pageerror', (error) => page.errors.push(error.message))
        return page
      },
    }
    close = async () => {
      for (const context of contexts) await context.close().catch(() => undefined)
      await browser.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await db.close()
    }
  })
  afterEach(() => {
    const found = violations.splice(0)
    if (found.length > 0) throw new Error(`Content Security Policy violations:\n${found.join('\n')}`)
  })
  afterAll(async () => {
    await close?.()
  })
  return () => {
    if (!app) throw new Error('the browser app is not started yet (use it inside tests)')
    return app
  }
}

/** Waits until the map has loaded its style and rendered everything it asked for. */
export async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = window.__quartiersatlas?.map
      return Boolean(map?.loaded() && map.areTilesLoaded() && !map.isMoving())
    },
    undefined,
    { timeout: 30_000 },
  )
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__quartiersatlas?.map
        if (!map) return resolve()
        map.once('idle', () => resolve())
        map.triggerRepaint()
      }),
  )
}

/** Whether the map, once idle, holds feature `id` of `sourceLayer` in the tiles it loaded. */
export async function mapHasFeature(
  page: Page,
  sourceLayer: string,
  id: number | undefined,
): Promise<boolean> {
  await waitForMapIdle(page)
  return page.evaluate(
    ([layer, wanted]) =>
      window.__quartiersatlas?.map
        .querySourceFeatures('quartiersatlas', { sourceLayer: layer as string })
        .some((feature) => feature.id === wanted) ?? false,
    [sourceLayer, id] as const,
  )
}

/** The collections (MVT layer names) of the features the map draws in the current view. */
export function renderedCollections(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = window.__quartiersatlas?.map
    if (!map) return []
    return [...new Set(map.queryRenderedFeatures().map((feature) => feature.sourceLayer ?? ''))].sort()
  })
}
