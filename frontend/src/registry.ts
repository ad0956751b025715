// The layer registry and vocabularies live in the contract (backend/src/contract/): the front end
// reads the same titles, public properties and labels so the map, legend and panels never drift.
export { findLayer, type Layer, type LayerId, layers } from '../../backend/src/contract/layers.ts'
export type { Labels, Vocabulary } from '../../backend/src/contract/vocabulary.ts'
export * as vocabulary from '../../backend/src/contract/vocabulary.ts'
