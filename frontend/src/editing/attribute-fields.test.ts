import { describe, expect, it } from 'vitest'
import { layers } from '../registry.ts'
import { fieldsOf } from './attribute-fields.ts'

// Planners read labels, never column names: every field of every layer they can edit is named in
// German and English, and no label is its column's name (owner_party_id, internal_notes …).
describe('attribute form labels', () => {
  for (const layer of layers.filter((l) => l.writable)) {
    it(`names every field of ${layer.id} in both languages`, () => {
      for (const field of fieldsOf(layer)) {
        expect(field.label.de, `${layer.id}.${field.name}`).not.toBe(field.name)
        expect(field.label.en, `${layer.id}.${field.name}`).not.toBe(field.name)
        expect(field.label.de).not.toMatch(/_/)
        expect(field.label.en).not.toMatch(/_/)
      }
    })
  }
})
