import { findLayer, type LayerId } from '../registry.ts'

// The URL is the shareable state: the path names what is open (/plots/17, /overlay), the hash
// holds the map view as #map=zoom/lat/lon like other web maps, ?lang=en the language.

export type Route =
  | { kind: 'map' }
  | { kind: 'feature'; collection: LayerId; id: string }
  | { kind: 'overlay' }
  | { kind: 'accessibility' }
  | { kind: 'easy-language' }
export type Camera = { zoom: number; lat: number; lon: number }

/** The route for a path such as /plots/17. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent)
  if (parts.length === 1 && parts[0] === 'overlay') return { kind: 'overlay' }
  if (parts.length === 1 && parts[0] === 'barrierefreiheit') return { kind: 'accessibility' }
  if (parts.length === 1 && parts[0] === 'leichte-sprache') return { kind: 'easy-language' }
  const [collection, id] = parts
  if (parts.length === 2 && collection && id) {
    const layer = findLayer(collection)
    if (layer) return { kind: 'feature', collection: layer.id as LayerId, id }
  }
  return { kind: 'map' }
}

/** The path of a route. */
export function routePath(route: Route): string {
  if (route.kind === 'feature') return `/${route.collection}/${encodeURIComponent(route.id)}`
  if (route.kind === 'overlay') return '/overlay'
  if (route.kind === 'accessibility') return '/barrierefreiheit'
  if (route.kind === 'easy-language') return '/leichte-sprache'
  return '/'
}

/** The camera in `#map=zoom/lat/lon`, or null. */
export function parseCamera(hash: string): Camera | null {
  const match = /(?:^#|&)map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/.exec(hash)
  if (!match) return null
  const [zoom, lat, lon] = match.slice(1).map(Number) as [number, number, number]
  if (![zoom, lat, lon].every(Number.isFinite) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null
  return { zoom, lat, lon }
}

/** `#map=zoom/lat/lon` with the precision a zoom level needs. */
export function cameraHash({ zoom, lat, lon }: Camera): string {
  const digits = Math.max(0, Math.ceil(Math.log10(2 ** zoom / 360) + 2))
  return `#map=${zoom.toFixed(2)}/${lat.toFixed(digits)}/${lon.toFixed(digits)}`
}

/** Navigates to `route` keeping ?lang and the map hash; `replace` for non-user changes. */
export function navigate(route: Route, replace = false): void {
  const url = `${routePath(route)}${location.search}${location.hash}`
  if (replace) history.replaceState(null, '', url)
  else history.pushState(null, '', url)
}

/** Opens `route` as a followed link does, without reloading: the app hears the history entry. */
export function follow(route: Route): void {
  navigate(route)
  window.dispatchEvent(new PopStateEvent('popstate'))
}
