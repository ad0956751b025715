import { describe, expect, it } from 'vitest'
import { targetOf } from './notification-target.ts'

describe('where a notification opens', () => {
  it('opens an agreement in the agreements tab for every role', () => {
    expect(targetOf('/api/agreements/5', 'owner')).toEqual({ tab: 'agreements', focus: { agreement: 5 } })
    expect(targetOf('/api/agreements/5', 'planner')).toEqual({ tab: 'agreements', focus: { agreement: 5 } })
  })
  it("opens an offer among the owner's offers, and in the planner's review queue", () => {
    expect(targetOf('/api/offers/3', 'owner')).toEqual({ tab: 'offers', focus: { offer: 3 } })
    expect(targetOf('/api/offers/3', 'admin')).toEqual({ tab: 'review', focus: { offer: 3 } })
  })
  it('opens nothing for other or missing resources', () => {
    expect(targetOf(null, 'owner')).toBeUndefined()
    expect(targetOf('/api/offers/3/documents', 'owner')).toBeUndefined()
    expect(targetOf('https://elsewhere.example/api/offers/3', 'owner')).toBeUndefined()
  })
})
