import type { Layer } from '../contract/layers.ts'
import type { CurrentUser } from '../http/app-types.ts'

/** Roles that edit layers, and so also see the non-public columns they edit. */
export const editorRoles = ['planner', 'admin'] as const

/** Whether `user` may write layers. */
export function isEditor(user: CurrentUser | undefined): boolean {
  return user !== undefined && (editorRoles as readonly string[]).includes(user.role)
}

/**
 * The properties a feature shows to `user`: the layer's public allow-list for everyone; editors
 * additionally see the writable non-public columns (e.g. plots.internal_notes), so that what they
 * GET is what they PUT back and a replacement never wipes a field they could not see.
 */
export function visibleProperties(layer: Layer, user: CurrentUser | undefined): readonly string[] {
  if (!isEditor(user) || !layer.writable) return layer.publicProperties
  const extra = Object.keys(layer.properties.shape).filter((name) => !layer.publicProperties.includes(name))
  return [...layer.publicProperties, ...extra]
}
