import type { Focus, TabId } from './InterimUseWorkspace.tsx'

// Notifications name what changed by its API path; in the workspace that is a tab and a focus.

/** Where a notification's resource (/api/offers/3, /api/agreements/5) opens in the workspace. */
export function targetOf(resource: string | null, role: string): { tab: TabId; focus: Focus } | undefined {
  const match = /^\/api\/(offers|agreements)\/(\d+)$/.exec(resource ?? '')
  if (!match) return undefined
  const id = Number(match[2])
  if (match[1] === 'agreements') return { tab: 'agreements', focus: { agreement: id } }
  return { tab: role === 'owner' ? 'offers' : 'review', focus: { offer: id } }
}
