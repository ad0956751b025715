import type { Feature, Geometry } from 'geojson'
import { createMemo, createSignal, onCleanup, onMount } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import { isProblem, type Problem } from '../api/client.ts'
import { measure, sridFor } from '../geometry/measure.ts'
import { validateGeometry } from '../geometry/validate.ts'
import { label } from '../i18n/locale.ts'
import { type DrawSession, makeDrawSession } from '../map/draw/draw-session.ts'
import type { FeatureRef, MapHandle } from '../map/map-view.ts'
import { findLayer, type LayerId, layers } from '../registry.ts'
import { follow as open, parseRoute } from '../state/url-state.ts'
import { errorsOf, type Field, fieldsOf, propertiesFrom, valuesFrom } from './attribute-fields.ts'
import {
  type DeletedFeature,
  deleteStored,
  fetchDeleted,
  fetchHistory,
  readStored,
  restoreDeleted,
  restoreVersion,
  type Stored,
  saveFeature,
  type Version,
  versionOf,
} from './editing-api.ts'
import { et, reasonText } from './editing-messages.ts'
import { makeGeometryActions, type Target } from './geometry-actions.ts'
import { type MergeResult, needsChoice, resolve, type Side, threeWayMerge } from './three-way-merge.ts'

// One feature being edited: what is drawn, the form, the version it started from (the base),
// saving with its ETag and merging with a version saved in between, deleting, history. The
// view (EditingTools.tsx) only shows this state and calls these actions.

/** A save that met a newer version: what the planner must decide. */
export type Conflict = {
  theirs: Stored
  mine: { geometry: Geometry; properties: Record<string, unknown> }
  result: MergeResult
  /** The versions saved between the base and theirs (who changed it). */
  between: Version[]
}

/** A feature just deleted, which the planner may still bring back with one click. */
export type JustDeleted = { collection: LayerId; id: number; name: string }

/** How long "undo" stays offered after a delete. */
export const undoMilliseconds = 10_000

export const writable = layers.filter((layer) => layer.writable)
export const asFeatures = (...features: Feature[]) => ({ type: 'FeatureCollection' as const, features })

/** The editing state and actions on `map`; call inside a component. */
export function createEditingSession(map: MapHandle) {
  let session: DrawSession | undefined
  const [target, setTarget] = createSignal<Target>({ collection: 'plots' })
  /** The stored version the edit started from. */
  const [base, setBase] = createSignal<Stored>()
  const [geometry, setGeometry] = createSignal<Geometry>()
  const [values, setValues] = createStore<Record<string, string | boolean>>({})
  const [fieldErrors, setFieldErrors] = createSignal<Record<string, string>>({})
  const [problem, setProblem] = createSignal<Problem>()
  const [notice, setNotice] = createSignal('')
  const [conflict, setConflict] = createSignal<Conflict>()
  const [versions, setVersions] = createSignal<Version[]>([])
  const [snapping, setSnapping] = createSignal(true)
  const [bufferMetres, setBufferMetres] = createSignal(5)
  const [justDeleted, setJustDeleted] = createSignal<JustDeleted>()
  const [deletedList, setDeletedList] = createSignal<DeletedFeature[]>([])
  let undoTimer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(undoTimer))
  let clicked: FeatureRef | undefined
  let pickNeighbour: ((ref: FeatureRef) => void) | undefined

  const layer = () => findLayer(target().collection) ?? writable[0]
  const fields = createMemo<Field[]>(() => {
    const l = layer()
    return l ? fieldsOf(l) : []
  })
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
  const canSaveGeometry = () => Boolean(geometry() && validation()?.valid)
  const canSave = () => canSaveGeometry() && !conflict()

  onMount(async () => {
    session = await makeDrawSession(map)
    session.onChange((g) => {
      setGeometry(g)
      const v = g && layer() ? validateGeometry(g, layer()?.geometryType ?? 'Geometry') : undefined
      session?.showProblem(
        v && !v.valid ? v.location : undefined,
        v && !v.valid ? reasonText(v.reason, v.message) : '',
      )
    })
    map.onFeatureClick((ref) => {
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
  const startDrawing = (kind: 'polygon' | 'linestring' | 'point') => {
    reset()
    const collection =
      layer()?.geometryType === 'Geometry' || kindFits(kind) ? target().collection : fallbackFor(kind)
    setTarget({ collection })
    setBase(undefined)
    setValues(reconcile({}))
    setVersions([])
    session?.draw(kind)
  }

  const load = (stored: Stored, collection: LayerId) => {
    const properties = (stored.feature.properties ?? {}) as Record<string, unknown>
    setTarget({
      collection,
      id: Number(stored.feature.id),
      etag: stored.etag,
      municipality: typeof properties.municipality === 'string' ? properties.municipality : undefined,
    })
    setBase(stored)
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

  /** A stored feature as the form would save it (same empties, same number types). */
  const asSaved = (stored: Stored) => ({
    geometry: stored.feature.geometry as Geometry,
    properties: propertiesFrom(
      fields(),
      valuesFrom(fields(), (stored.feature.properties ?? {}) as Record<string, unknown>),
    ),
  })

  const save = async (
    properties = propertiesFrom(fields(), values),
    etag = target().etag,
    shape = geometry(),
  ): Promise<boolean> => {
    const l = layer()
    if (!shape || !l || !canSaveGeometry()) return false
    setProblem(undefined)
    const errors = errorsOf(l, properties)
    setFieldErrors(errors)
    if (Object.keys(errors).length > 0) return false
    const result = await saveFeature(l.id, target().id, etag, shape, properties)
    if (result.ok) {
      setConflict(undefined)
      session?.showReference('theirs')
      load(result.stored, l.id as LayerId)
      session?.refreshTiles()
      setNotice(et('saved'))
      return true
    }
    const started = base()
    if (result.conflict && started)
      return mergeWith(started, result.conflict, { geometry: shape, properties })
    fail(result.problem)
    return false
  }

  /** After a 412: merges mine with theirs against the base; asks only about real conflicts. */
  const mergeWith = async (started: Stored, theirs: Stored, mine: Conflict['mine']) => {
    const { collection, id } = target()
    const result = threeWayMerge(
      asSaved(started),
      asSaved(theirs),
      mine,
      fields().map((f) => f.name),
    )
    const from = versionOf(started.etag) ?? 0
    const to = versionOf(theirs.etag) ?? Number.POSITIVE_INFINITY
    const between =
      id === undefined
        ? []
        : (await fetchHistory(collection, id)).filter((v) => v.version > from && v.version <= to)
    if (!needsChoice(result)) {
      const saved = await save(result.merged.properties, theirs.etag, result.merged.geometry)
      if (saved) setNotice(mergedText(result, between))
      return saved
    }
    if (result.geometry === 'theirs') session?.load(theirs.feature.geometry as Geometry)
    if (result.geometry === 'conflict') session?.showReference('theirs', asFeatures(theirs.feature))
    setConflict({ theirs, mine, result, between })
    return false
  }

  const names = (list: string[]) =>
    list
      .map((name) =>
        name === 'geometry'
          ? et('shape')
          : label(fields().find((f) => f.name === name)?.label ?? { de: name, en: name }),
      )
      .join(', ')
  const mergedText = (result: MergeResult, between: Version[]) => {
    const authors = [...new Set(between.map((v) => v.author?.name ?? v.author?.email ?? et('anonymous')))]
    const parts = [`${et('merged')} (${authors.join(', ')}).`]
    const theirs = [...result.fromTheirs, ...(result.geometry === 'theirs' ? ['geometry'] : [])]
    if (theirs.length > 0) parts.push(`${et('mergedTheirs')}: ${names(theirs)}.`)
    const mine = [...result.fromMine, ...(result.geometry === 'mine' ? ['geometry'] : [])]
    if (mine.length > 0) parts.push(`${et('mergedMine')}: ${names(mine)}.`)
    return parts.join(' ')
  }

  /** In a geometry conflict, edits from their shape or from mine (the other stays drawn dashed). */
  const chooseShape = (side: Side) => {
    const c = conflict()
    if (!c) return
    const theirs = c.theirs.feature
    session?.load(side === 'theirs' ? (theirs.geometry as Geometry) : c.mine.geometry)
    session?.showReference(
      'theirs',
      side === 'theirs' ? asFeatures({ ...theirs, geometry: c.mine.geometry }) : asFeatures(theirs),
    )
  }
  /** Saves the merge with the planner's choice per conflicting field. */
  const saveMerged = (choices: Record<string, Side>) => {
    const c = conflict()
    if (!c) return
    const merged = resolve(c.result, asSaved(c.theirs), choices)
    setConflict(undefined)
    void save(merged.properties, c.theirs.etag, geometry())
  }
  const keepTheirs = () => {
    const c = conflict()
    if (!c) return
    reset()
    load(c.theirs, target().collection)
  }

  const actions = makeGeometryActions({
    session: () => session,
    geometry,
    target,
    properties: () => propertiesFrom(fields(), values),
    save: (properties) => save(properties),
    startNew(collection, initial) {
      setTarget({ collection, municipality: target().municipality })
      setBase(undefined)
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

  const discard = () => {
    reset()
    session?.clear()
    setTarget({ collection: target().collection })
    setBase(undefined)
    setValues(reconcile({}))
    setVersions([])
  }
  /** The feature's name as the planner knows it (its layer and number when it has none). */
  const featureName = () => {
    const name = values.name
    const l = layer()
    return typeof name === 'string' && name !== ''
      ? name
      : `${l ? label(l.title) : ''} ${target().id ?? ''}`.trim()
  }
  /** Deletes what is being edited (after the view's confirmation); "undo" is offered for a while. */
  const remove = async () => {
    const { collection, id, etag } = target()
    if (id === undefined || !etag) return
    const name = featureName()
    const result = await deleteStored(collection, id, etag)
    if (isProblem(result)) return fail(result)
    session?.refreshTiles()
    discard()
    const route = parseRoute(location.pathname)
    if (route.kind === 'feature' && route.collection === collection && route.id === String(id)) {
      open({ kind: 'map' })
    }
    setNotice(`${et('deleted')}: ${name}`)
    setJustDeleted({ collection, id, name })
    clearTimeout(undoTimer)
    undoTimer = setTimeout(() => setJustDeleted(undefined), undoMilliseconds)
    void refreshDeleted()
  }
  /** Brings a deleted feature back under its id and opens it for editing. */
  const bringBack = async (collection: LayerId, id: number) => {
    reset()
    const result = await restoreDeleted(collection, id)
    if (isProblem(result)) return fail(result)
    clearTimeout(undoTimer)
    setJustDeleted(undefined)
    load(result, collection)
    session?.refreshTiles()
    open({ kind: 'feature', collection, id: String(id) })
    setNotice(`${et('restored')}: ${featureName()}`)
    void refreshDeleted()
  }
  const refreshDeleted = async () => setDeletedList(await fetchDeleted(target().collection))

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

  /** The next click on a feature of the field's layer on the map fills the reference field. */
  const pickReference = (field: Field) => {
    const wanted = field.references
    const l = wanted && findLayer(wanted)
    if (!l) return
    setNotice(`${et('pickHint')}: ${label(l.title)}`)
    const pick = (ref: FeatureRef) => {
      if (ref.collection !== wanted) {
        pickNeighbour = pick
        return
      }
      setValues(field.name, String(ref.id))
      setNotice('')
    }
    pickNeighbour = pick
  }

  const toggleSnapping = () => {
    setSnapping(!snapping())
    session?.setSnapping(snapping())
  }

  return {
    target,
    chooseCollection: (collection: LayerId) => setTarget({ ...target(), collection }),
    fields,
    values,
    setValue: (name: string, value: string | boolean) => setValues(name, value),
    pickReference,
    fieldErrors,
    geometry,
    validation,
    measurement,
    problem,
    notice,
    conflict,
    versions,
    snapping,
    bufferMetres,
    setBufferMetres,
    canSave,
    startDrawing,
    editSelected,
    save: () => void save(),
    chooseShape,
    saveMerged,
    keepTheirs,
    discard,
    featureName,
    remove,
    justDeleted,
    undoDelete: () => {
      const last = justDeleted()
      if (last) void bringBack(last.collection, last.id)
    },
    deletedList,
    refreshDeleted: () => void refreshDeleted(),
    bringBack: (id: number) => void bringBack(target().collection, id),
    restore,
    showVersion: (version: Version) => session?.showReference('version', asFeatures(version.feature)),
    showAsOf: (data: GeoJSON.FeatureCollection) => session?.showReference('asof', data),
    split: () => {
      reset()
      void actions.split()
    },
    hole: () => {
      reset()
      void actions.hole()
    },
    merge: () => {
      reset()
      actions.merge()
    },
    buffer: () => {
      reset()
      actions.buffer()
    },
    undo: () => session?.undo(),
    redo: () => session?.redo(),
    toggleSnapping,
  }
}

export type EditingSession = ReturnType<typeof createEditingSession>
