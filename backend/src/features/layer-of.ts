import { featureCollections, findCollection, type Layer } from '../contract/layers.ts'
import { Problem } from '../http/problem.ts'

/**
 * The layer of a collection id from a URL, or a 404 problem naming the collections there are.
 * `find` narrows the ids (tiles know only the registry's layers).
 */
export function layerOf(collectionId: string, find = findCollection): Layer {
  const layer = find(collectionId)
  if (!layer) {
    throw new Problem(
      404,
      'collection-not-found',
      'No such collection',
      `there is no collection "${collectionId}"; GET /api/collections lists them`,
      { collections: featureCollections.map((known) => known.id) },
    )
  }
  return layer
}

/** The 405 problem for a write to a collection that is imported or derived (`allow`: what is). */
export function readOnlyCollection(layer: Layer, allow: string): Problem {
  return new Problem(
    405,
    'read-only-collection',
    'Collection is read-only',
    `${layer.id} cannot be changed through the API`,
    {},
    { Allow: allow },
  )
}

/** A feature id from a URL: a positive integer, else a 404 (no feature can have that id). */
export function featureIdOf(text: string, layer: Layer): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) throw featureNotFound(layer, text)
  return Number(text)
}

/** The 404 problem for a feature that does not exist. */
export function featureNotFound(layer: Layer, id: string | number): Problem {
  return new Problem(
    404,
    'feature-not-found',
    'No such feature',
    `collection ${layer.id} has no feature ${id}`,
  )
}

/** The strong ETag of a feature version, e.g. "plots-17-v3". */
export function etagOf(layer: Layer, id: number, version: number): string {
  return `"${layer.id}-${id}-v${version}"`
}
