import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

// axe-core in the page under test, run over the whole document for the WCAG 2.1 A and AA rules
// (what BITV 2.0 asks). The app's CSP (script-src 'self') refuses both an inline script tag and
// the `new Function` axe compiles its messages with, and the browser tests fail on any CSP report:
// pages that axe audits ignore the CSP (allowAxe, before they load). The CSP itself is tested
// elsewhere (security-headers.test.ts and every other browser test).

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical'
export type Violation = { id: string; impact: Impact; help: string; targets: string[] }

/** Lets axe run in `page`: call before its first navigation (Chromium only). */
export async function allowAxe(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page)
  await session.send('Page.setBypassCSP', { enabled: true })
}

/** The WCAG 2.1 A/AA violations axe finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource })
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
    ).axe
    type AxeResults = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]
    }
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    })
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: (violation.impact ?? 'minor') as 'minor' | 'moderate' | 'serious' | 'critical',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }))
  })
}

/** Violations grouped by impact, for assertions and for a readable failure message. */
export function byImpact(violations: readonly Violation[]): Record<Impact, string[]> {
  const grouped: Record<Impact, string[]> = { minor: [], moderate: [], serious: [], critical: [] }
  for (const v of violations)
    grouped[v.impact].push(`${v.id} (${v.help}): ${v.targets.slice(0, 5).join(', ')}`)
  return grouped
}
