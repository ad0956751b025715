// The layer registry and vocabularies live with the backend (backend/src/layers/): the front end
// reads the same titles, public properties and labels so the map, legend and panels never drift.
export { findLayer, type Layer, type LayerId, layers } from '../../backend/src/layers/layers.ts'
export type { Labels, Vocabulary } from '../../backend/src/layers/vocabulary.ts'
export * as vocabulary from '../../backend/src/layers/vocabulary.ts'
