import { describe, expect, it } from 'vitest'
import { agreementUses, offerUses } from './vocabulary.ts'

describe('the uses of land', () => {
  it('are named in an offer with the words of the interim-use legend', () => {
    const legend = Object.values(agreementUses)
    for (const [key, words] of Object.entries(offerUses)) {
      expect(legend, key).toContainEqual(words)
    }
    expect(offerUses.art).toEqual({ de: 'Freiluftgalerie', en: 'open-air gallery' })
  })
})
