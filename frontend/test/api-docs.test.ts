import { describe, expect, it } from 'vitest'
import { useBrowserApp } from './browser-app.ts'

// The API's documentation page runs under the same Content Security Policy as the map: it must
// render completely without a violation (browser-app.ts fails the test on any).

const app = useBrowserApp()

describe('the API documentation page', () => {
  it('renders the OpenAPI description under the Content Security Policy', async () => {
    const page = await app().newPage()
    // The viewer renders only the operations near the view of a large document: deep-link to a
    // late tag so its operations are drawn.
    const response = await page.goto(`${app().baseUrl}/api/docs#/Offers`)
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    await page.getByText('/offers/{offerId}/confirm-organisation').first().waitFor()
    expect(page.errors).toEqual([])
  })
})
