import type { Feature, Geometry } from 'geojson'
import { createMemo, createSignal, For, onMount, Show } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type { Account } from '../api/auth-api.ts'
import { isProblem, type Problem } from '../api/client.ts'
import { measure, sridFor } from '../geometry/measure.ts'
import { validateGeometry } from '../geometry/validate.ts'
import { label } from '../i18n/locale.ts'
import { type DrawSession, makeDrawSession } from '../map/draw/draw-session.ts'
import type { FeatureRef, MapHandle } from '../map/map-view.ts'
import { findLayer, type LayerId, layers } from '../registry.ts'
import { parseRoute } from '../state/url-state.ts'
import { AsOfControl } from './AsOfControl.tsx'
import { AttributeForm } from './AttributeForm.tsx'
import { errorsOf, fieldsOf, propertiesFrom, valuesFrom } from './attribute-fields.ts'
import { ConflictView } from './ConflictView.tsx'
import { EditingStatus } from './EditingStatus.tsx'
import { EditingToolbar, type ToolAction } from './EditingToolbar.tsx'
import {
  deleteStored,
  fetchHistory,
  readStored,
  restoreVersion,
  type Stored,
  saveFeature,
  type Version,
} from './editing-api.ts'
import { et, reasonText } from './editing-messages.ts'
import { makeGeometryActions, type Target } from './geometry-actions.ts'
import { HistoryPanel } from './HistoryPanel.tsx'
import './editing.css'

type Conflict = { theirs: Stored; mine: { geometry: Geometry; properties: Record<string, unknown> } }

const writable = layers.filter((layer) => layer.writable)
const asFeatures = (...features: Feature[]) => ({ type: 'FeatureCollection' as const, features })

/** The planners' editing tools: toolbar, measurements, validation, form, save, conflicts, history. */
export default function EditingTools(props: { map: MapHandle; account: Account }) {
  let session: DrawSession | undefined
  const [target, setTarget] = createSignal<Target>({ collection: 'plots' })
  const [geometry, setGeometry] = createSignal<Geometry>()
  const [values, setValues] = createStore<Record<string, string | boolean>>({})
  const [fieldErrors, setFieldErrors] = createSignal<Record<string, string>>({})
  const [problem, setProblem] = createSignal<Problem>()
  const [notice, setNotice] = createSignal('')
  const [conflict, setConflict] = createSignal<Conflict>()
  const [versions, setVersions] = createSignal<Version[]>([])
  const [snapping, setSnapping] = createSignal(true)
  const [bufferMetres, setBufferMetres] = createSignal(5)
  let clicked: FeatureRef | undefined
  let pickNeighbour: ((ref: FeatureRef) => void) | undefined

  const layer = () => findLayer(target().collection) ?? writable[0]
  const fields = createMemo(() => (layer() ? fieldsOf(layer() as NonNullable<ReturnType<typeof layer>>) : []))
  const validation = createMemo(() => {
    const g = geometry()
    const l = layer()
    return g && l ? validateGeometry(g, l.geometryType) : undefined
  })
  const measurement = createMemo(() => {
    const g = geometry()
    if (!g || g.type === 'Point' || g.type === 'GeometryCollection') return undefined
    return measure(g, sridFor(target().municipality, g))
  })
  const canSave = () => Boolean(geometry() && validation()?.valid && !conflict())

  onMount(async () => {
    session = await makeDrawSession(props.map)
    session.onChange((g) => {
      setGeometry(g)
      const v = g && layer() ? validateGeometry(g, layer()?.geometryType ?? 'Geometry') : undefined
      session?.showProblem(
        v && !v.valid ? v.location : undefined,
        v && !v.valid ? reasonText(v.reason, v.message) : '',
      )
    })
    props.map.onFeatureClick((ref) => {
      clicked = ref
      if (pickNeighbour) {
        const pick = pickNeighbour
        pickNeighbour = undefined
        pick(ref)
      }
    })
  })

  const fail = (p: Problem) => {
    setProblem(p)
    if (p.errors) {
      setFieldErrors(Object.fromEntries(p.errors.map((e) => [e.field ?? e.path ?? '', e.message])))
    }
    if (p.location) session?.showProblem(p.location, reasonText(p.reason ?? '', p.detail))
  }
  const reset = () => {
    setProblem(undefined)
    setNotice('')
    setFieldErrors({})
    setConflict(undefined)
    session?.showReference('theirs')
    session?.showReference('version')
  }

  const startDrawing = (kind: 'polygon' | 'linestring' | 'point') => {
    reset()
    const collection =
      layer()?.geometryType === 'Geometry' || kindFits(kind) ? target().collection : fallbackFor(kind)
    setTarget({ collection })
    setValues(reconcile({}))
    setVersions([])
    session?.draw(kind)
  }
  const kindFits = (kind: string) => {
    const type = layer()?.geometryType
    return (
      (kind === 'polygon' && type === 'MultiPolygon') ||
      (kind === 'linestring' && type === 'MultiLineString') ||
      (kind === 'point' && type === 'Point')
    )
  }
  const fallbackFor = (kind: string): LayerId =>
    kind === 'polygon' ? 'plots' : kind === 'linestring' ? 'links' : 'places'

  const load = (stored: Stored, collection: LayerId) => {
    const properties = (stored.feature.properties ?? {}) as Record<string, unknown>
    setTarget({
      collection,
      id: Number(stored.feature.id),
      etag: stored.etag,
      municipality: typeof properties.municipality === 'string' ? properties.municipality : undefined,
    })
    setValues(reconcile(valuesFrom(fieldsOf(findLayer(collection) ?? writable[0] ?? layers[0]), properties)))
    if (stored.feature.geometry) session?.load(stored.feature.geometry)
    void fetchHistory(collection, Number(stored.feature.id)).then(setVersions)
  }

  const editSelected = async () => {
    reset()
    const route = parseRoute(location.pathname)
    const ref = route.kind === 'feature' ? { collection: route.collection, id: route.id } : clicked
    if (!ref || !findLayer(ref.collection)?.writable) return setNotice(et('chooseFeature'))
    const stored = await readStored(ref.collection, ref.id)
    if (isProblem(stored)) return fail(stored)
    load(stored, ref.collection)
  }

  const save = async (properties = propertiesFrom(fields(), values), etag = target().etag) => {
    const g = geometry()
    const l = layer()
    if (!g || !l || !canSaveGeometry()) return false
    setProblem(undefined)
    const errors = errorsOf(l, properties)
    setFieldErrors(errors)
    if (Object.keys(errors).length > 0) return false
    const result = await saveFeature(l.id, target().id, etag, g, properties)
    if (result.ok) {
      setConflict(undefined)
      session?.showReference('theirs')
      load(result.stored, l.id as LayerId)
      session?.refreshTiles()
      setNotice(et('saved'))
      return true
    }
    if (result.conflict) {
      setConflict({ theirs: result.conflict, mine: { geometry: g, properties } })
      session?.showReference('theirs', asFeatures(result.conflict.feature))
      return false
    }
    fail(result.problem)
    return false
  }
  const canSaveGeometry = () => Boolean(geometry() && validation()?.valid)

  const actions = makeGeometryActions({
    session: () => session,
    geometry,
    target,
    properties: () => propertiesFrom(fields(), values),
    save: (properties) => save(properties),
    startNew(collection, initial) {
      setTarget({ collection, municipality: target().municipality })
      setValues(reconcile(initial))
      setVersions([])
    },
    say(text) {
      setNotice(text)
    },
    refuse(reason, message) {
      setProblem({ status: 0, title: reasonText(reason, message) })
    },
    fail,
    pickFeature(pick) {
      pickNeighbour = pick
    },
    bufferMetres,
  })
  const split = () => {
    reset()
    void actions.split()
  }
  const hole = () => {
    reset()
    void actions.hole()
  }
  const merge = () => {
    reset()
    actions.merge()
  }
  const buffer = () => {
    reset()
    actions.buffer()
  }

  const remove = async () => {
    const { collection, id, etag } = target()
    if (id === undefined || !etag) return
    const result = await deleteStored(collection, id, etag)
    if (isProblem(result)) return fail(result)
    session?.refreshTiles()
    discard()
  }
  const discard = () => {
    reset()
    session?.clear()
    setTarget({ collection: target().collection })
    setValues(reconcile({}))
    setVersions([])
  }

  const restore = async (version: Version) => {
    const { collection, id, etag } = target()
    if (id === undefined || !etag) return
    const result = await restoreVersion(collection, id, version.version, etag)
    if (isProblem(result)) return fail(result)
    session?.showReference('version')
    load(result, collection)
    session?.refreshTiles()
    setNotice(et('saved'))
  }

  const toggleSnapping = () => {
    setSnapping(!snapping())
    session?.setSnapping(snapping())
  }
  const run = (action: ToolAction) => {
    const actions: Record<ToolAction, () => void> = {
      drawPolygon: () => startDrawing('polygon'),
      drawLine: () => startDrawing('linestring'),
      drawPoint: () => startDrawing('point'),
      editSelected: () => void editSelected(),
      split,
      hole,
      merge,
      buffer,
      undo: () => session?.undo(),
      redo: () => session?.redo(),
      snapping: toggleSnapping,
    }
    actions[action]()
  }

  return (
    <aside class="editing-panel sheet" aria-label={et('editing')}>
      <div class="editing-head">
        <h2>{target().id === undefined ? et('newFeature') : `${et('editingFeature')} ${target().id}`}</h2>
      </div>
      <EditingToolbar run={run} snapping={snapping()} />
      <label class="inline">
        {et('layer')}{' '}
        <select
          aria-label={et('layer')}
          value={target().collection}
          onChange={(event) => setTarget({ ...target(), collection: event.currentTarget.value as LayerId })}
          disabled={target().id !== undefined}
        >
          <For each={writable}>{(l) => <option value={l.id}>{label(l.title)}</option>}</For>
        </select>
      </label>
      <label class="inline">
        {et('bufferMetres')}{' '}
        <input
          type="number"
          min="0.5"
          step="0.5"
          value={bufferMetres()}
          onInput={(e) => setBufferMetres(Number(e.currentTarget.value))}
        />
      </label>
      <EditingStatus
        measurement={measurement()}
        validation={validation()}
        problem={problem()}
        notice={notice()}
      />
      <Show when={conflict()}>
        {(c) => (
          <ConflictView
            fields={fields()}
            theirs={(c().theirs.feature.properties ?? {}) as Record<string, unknown>}
            mine={c().mine.properties}
            onKeepTheirs={() => {
              reset()
              load(c().theirs, target().collection)
            }}
            onKeepMine={() => void save(c().mine.properties, c().theirs.etag)}
            onMerge={(merged) => void save(merged, c().theirs.etag)}
          />
        )}
      </Show>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <AttributeForm
          fields={fields()}
          values={values}
          errors={fieldErrors()}
          onInput={(name, value) => setValues(name, value)}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={!canSave()}>
            {et('save')}
          </button>
          <button type="button" onClick={discard}>
            {et('discard')}
          </button>
          <Show when={target().id !== undefined}>
            <button type="button" onClick={() => void remove()}>
              {et('deleteFeature')}
            </button>
          </Show>
        </div>
      </form>
      <Show when={versions().length > 0}>
        <HistoryPanel
          versions={versions()}
          current={Number(/-v(\d+)"$/.exec(target().etag ?? '')?.[1] ?? 0) || undefined}
          onShow={(version) => session?.showReference('version', asFeatures(version.feature))}
          onRestore={(version) => void restore(version)}
        />
      </Show>
      <AsOfControl map={props.map} show={(data) => session?.showReference('asof', data)} />
    </aside>
  )
}
