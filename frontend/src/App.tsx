import { createEffect, createSignal, lazy, Match, onCleanup, onMount, Show, Suspense, Switch } from 'solid-js'
import { createStore } from 'solid-js/store'
import { Announcer } from './accessibility/Announcer.tsx'
import { makeFocusReturn } from './accessibility/focus-return.ts'
import { LegalLinks } from './accessibility/LegalLinks.tsx'
import { AccountEntry } from './account/AccountEntry.tsx'
import { fetchBasemapStyleUrl, fetchMunicipality } from './api/map-api.ts'
import { FeaturePanel } from './components/FeaturePanel.tsx'
import { FilterPanel } from './components/FilterPanel.tsx'
import { HeaderTools, type Tool } from './components/HeaderTools.tsx'
import { LayerPanel } from './components/LayerPanel.tsx'
import { ListView } from './components/ListView.tsx'
import { SearchBox } from './components/SearchBox.tsx'
import { placeKinds } from './components/search-messages.ts'
import { t } from './i18n/locale.ts'
import type { MapFilters } from './map/map-filters.ts'
import { layerStyles } from './map/map-style.ts'
import { type FeatureRef, type MapHandle, makeMapView, type RenderedItem } from './map/map-view.ts'
import type { LayerId } from './registry.ts'
import { noteSearchChoice } from './state/search-choice.ts'
import { cameraHash, navigate, parseCamera, parseRoute, type Route } from './state/url-state.ts'
import { type Panel, parseFilters, parsePanel, writeViewQuery } from './state/view-query.ts'

// Only the city's overlay view needs its own chunk: most visitors never open it.
const OverlayView = lazy(() => import('./components/OverlayView.tsx'))
// The map tools load when first opened (measuring and coordinates bring proj4, print jsPDF).
const MeasureTool = lazy(() => import('./tools/MeasureTool.tsx'))
const CoordinatesTool = lazy(() => import('./tools/CoordinatesTool.tsx'))
const PrintDialog = lazy(() => import('./tools/PrintDialog.tsx'))
// The pages the law asks for (issue 21): text most visitors never open.
const AccessibilityStatement = lazy(() => import('./accessibility/AccessibilityStatement.tsx'))
const EasyLanguage = lazy(() => import('./accessibility/EasyLanguage.tsx'))

type Drawer = Panel

/** The Quartiersatlas screen: map, search, panels and the overlay view, all driven by the URL. */
export function App() {
  let container!: HTMLElement
  const [route, setRoute] = createSignal<Route>(parseRoute(location.pathname))
  const [map, setMap] = createSignal<MapHandle>()
  const [visible, setVisible] = createStore(
    Object.fromEntries(layerStyles.map((style) => [style.id, style.visibleByDefault])) as Record<
      LayerId,
      boolean
    >,
  )
  const [filters, setFilters] = createSignal<MapFilters>(parseFilters(location.search))
  const panelInUrl = parsePanel(location.search)
  const [drawer, setDrawerSignal] = createSignal<Drawer | null>(
    panelInUrl !== undefined ? panelInUrl : matchMedia('(max-width: 700px)').matches ? null : 'layers',
  )
  const setDrawer = (next: Drawer | null) => {
    setDrawerSignal(next)
    writeViewQuery(filters(), next)
  }
  const [tool, setTool] = createSignal<Tool | null>(null)
  const [opacity, setOpacity] = createStore({} as Partial<Record<LayerId, number>>)
  const [inView, setInView] = createSignal<LayerId[] | null>(null)
  const municipality = fetchMunicipality()
  const [srid, setSrid] = createSignal<number | null>(null)
  void municipality.then((city) => setSrid(city?.srid ?? null))
  const [items, setItems] = createSignal<RenderedItem[]>([])
  // A feature opened by a click stays where it is; opened by URL, search or list, the map moves to it.
  const [fitSelected, setFitSelected] = createSignal(!parseCamera(location.hash))

  const go = (next: Route, fit = true) => {
    setFitSelected(fit)
    navigate(next)
    setRoute(next)
  }
  const onPopState = () => setRoute(parseRoute(location.pathname))
  window.addEventListener('popstate', onPopState)
  onCleanup(() => window.removeEventListener('popstate', onPopState))

  onMount(async () => {
    const handle = await makeMapView(container, {
      camera: parseCamera(location.hash),
      basemapStyleUrl: fetchBasemapStyleUrl(),
      home: municipality.then((city) => city?.programmeAreasBbox ?? null),
    })
    handle.onViewChange((camera) => history.replaceState(history.state, '', cameraHash(camera)))
    handle.onFeatureClick((ref) =>
      go({ kind: 'feature', collection: ref.collection, id: String(ref.id) }, false),
    )
    handle.onIdle(() => {
      if (drawer() === 'list') setItems(handle.renderedItems())
      if (drawer() === 'layers') setInView(handle.tools.collectionsInView())
    })
    await handle.ready
    handle.setFilters(filters())
    setMap(handle)
  })
  createEffect(() => map()?.setLabel(t('mapLabel')))

  const toggleLayer = (id: LayerId, on: boolean) => {
    setVisible(id, on)
    map()?.setLayerVisible(id, on)
  }
  const applyFilters = (next: MapFilters) => {
    setFilters(next)
    map()?.setFilters(next)
    writeViewQuery(next, parsePanel(location.search))
  }
  const openDrawer = (next: Drawer) => {
    setDrawer(drawer() === next ? null : next)
    if (next === 'list') setItems(map()?.renderedItems() ?? [])
    if (next === 'layers') setInView(map()?.tools.collectionsInView() ?? null)
  }
  const changeOpacity = (id: LayerId, value: number) => {
    setOpacity(id, value)
    map()?.tools.setOpacity(id, value)
  }
  const selected = (): FeatureRef | null => {
    const current = route()
    return current.kind === 'feature' ? { collection: current.collection, id: current.id } : null
  }

  return (
    <div class="app">
      <header class="topbar">
        <h1 class="brand">
          <a
            href={`/${location.search}`}
            onClick={(event) => {
              event.preventDefault()
              go({ kind: 'map' })
            }}
          >
            {t('appTitle')}
          </a>
        </h1>
        <SearchBox
          onChoose={(result, ref) => {
            const handle = map()
            noteSearchChoice()
            if (placeKinds.has(result.collection)) {
              // An address or a street: go there and mark it; nothing to open.
              handle?.markPlace(result.center ?? null)
              if (result.collection === 'addresses' && result.center) handle?.flyTo(result.center, 18)
              else if (result.bbox) handle?.fitBounds(result.bbox)
              if (route().kind === 'feature') go({ kind: 'map' }, false)
              return
            }
            handle?.markPlace(null)
            if (handle && result.bbox) handle.fitBounds(result.bbox)
            else if (handle && result.center) handle.flyTo(result.center)
            go({ kind: 'feature', collection: ref.collection, id: String(ref.id) })
          }}
        />
        <HeaderTools
          panel={drawer()}
          onPanel={openDrawer}
          overlayOpen={route().kind === 'overlay'}
          onOverlay={() => go(route().kind === 'overlay' ? { kind: 'map' } : { kind: 'overlay' })}
          tool={tool()}
          onTool={(next) => setTool(tool() === next ? null : next)}
        />
        <LegalLinks onOpen={(next) => go(next, false)} />
      </header>
      <main class="stage">
        <section ref={container} class="map" aria-label={t('mapLabel')} />
        <Show when={drawer()}>
          {(which) => {
            makeFocusReturn()
            return (
              <aside class="drawer sheet" aria-label={t(which())}>
                <div class="sheet-head">
                  <h2>{t(which())}</h2>
                  <button type="button" class="close" aria-label={t('close')} onClick={() => setDrawer(null)}>
                    ×
                  </button>
                </div>
                <Switch>
                  <Match when={which() === 'layers'}>
                    <LayerPanel
                      visible={visible}
                      onToggle={toggleLayer}
                      inView={inView()}
                      opacity={opacity}
                      onOpacity={changeOpacity}
                    />
                  </Match>
                  <Match when={which() === 'filters'}>
                    <FilterPanel filters={filters()} onChange={applyFilters} />
                  </Match>
                  <Match when={which() === 'list'}>
                    <ListView
                      items={items()}
                      onChoose={(item) =>
                        go({ kind: 'feature', collection: item.collection, id: String(item.id) })
                      }
                    />
                  </Match>
                </Switch>
              </aside>
            )
          }}
        </Show>
        <Show when={selected()}>
          {(ref) => {
            makeFocusReturn()
            return (
              <FeaturePanel
                featureRef={ref()}
                map={map()}
                fit={fitSelected()}
                onClose={() => go({ kind: 'map' })}
              />
            )
          }}
        </Show>
        <Show when={route().kind === 'overlay'}>
          <Suspense fallback={<p class="overlay-view">{t('loading')}</p>}>
            <OverlayView map={map()} onClose={() => go({ kind: 'map' })} />
          </Suspense>
        </Show>
        <Show when={tool() && map()}>
          {(handle) => (
            <Suspense>
              <Switch>
                <Match when={tool() === 'measure'}>
                  <MeasureTool map={handle()} srid={srid()} onClose={() => setTool(null)} />
                </Match>
                <Match when={tool() === 'coordinates'}>
                  <CoordinatesTool map={handle()} srid={srid()} onClose={() => setTool(null)} />
                </Match>
                <Match when={tool() === 'print'}>
                  <PrintDialog map={handle()} visible={visible} onClose={() => setTool(null)} />
                </Match>
              </Switch>
            </Suspense>
          )}
        </Show>
        <Show when={route().kind === 'accessibility'}>
          {(_) => {
            makeFocusReturn()
            return (
              <Suspense>
                <AccessibilityStatement onClose={() => go({ kind: 'map' }, false)} />
              </Suspense>
            )
          }}
        </Show>
        <Show when={route().kind === 'easy-language'}>
          {(_) => {
            makeFocusReturn()
            return (
              <Suspense>
                <EasyLanguage onClose={() => go({ kind: 'map' }, false)} />
              </Suspense>
            )
          }}
        </Show>
        <AccountEntry map={map()} />
      </main>
      <Announcer />
    </div>
  )
}
