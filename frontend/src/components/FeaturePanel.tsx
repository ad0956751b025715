import { createEffect, createResource, For, type JSX, on, onCleanup, Show } from 'solid-js'
import { announce } from '../accessibility/Announcer.tsx'
import { xm } from '../accessibility/accessibility-messages.ts'
import { ApiError } from '../api/client.ts'
import { fetchContext, fetchFeature } from '../api/map-api.ts'
import { formatArea, formatDate, formatLength, formatNumber, label, t } from '../i18n/locale.ts'
import type { FeatureRef, Inset, MapHandle } from '../map/map-view.ts'
import { findLayer, type LayerId, layers, vocabulary } from '../registry.ts'
import { featureBBox } from './feature-bbox.ts'
import { dateProperties, propertyNames, vocabularyFor } from './property-labels.ts'
import { QuarterRelations, ReferenceLink } from './RelatedFeatures.tsx'

type Props = { featureRef: FeatureRef; map: MapHandle | undefined; fit: boolean; onClose: () => void }

// The area tags are shown by name in the district and programme-area rows below.
const hidden = new Set([
  'name',
  'description',
  'area_m2',
  'length_m',
  'municipality',
  'approximate',
  'district_key',
  'programme_area_ids',
])

/** The panel of one feature: public attributes, measures, programme areas and district. */
export function FeaturePanel(props: Props) {
  const layer = () => findLayer(props.featureRef.collection)
  const [feature] = createResource(
    () => ({ ...props.featureRef }),
    ({ collection, id }) => fetchFeature(collection, id),
  )
  const [context] = createResource(
    () => ({ ...props.featureRef }),
    ({ collection, id }) => fetchContext(collection, id).catch(() => null),
  )
  let heading!: HTMLHeadingElement
  let panel!: HTMLElement

  createEffect(
    on([() => props.map, feature], ([map, loaded]) => {
      if (!map || !loaded) return
      map.select(props.featureRef)
      const bbox = featureBBox(loaded.geometry)
      if (props.fit && bbox) map.fitBounds(bbox, panelInset(panel))
      heading?.focus()
      announce(
        xm('selected')
          .replace('{name}', String(loaded.properties?.name ?? ''))
          .replace('{kind}', label(layer()?.title)),
      )
    }),
  )
  onCleanup(() => props.map?.select(null))

  const properties = () => feature()?.properties ?? {}
  const temporal = () => layer()?.temporal
  const rows = () =>
    (layer()?.publicProperties ?? []).filter(
      (name) =>
        !hidden.has(name) &&
        name !== temporal()?.start &&
        name !== temporal()?.end &&
        properties()[name] !== null &&
        properties()[name] !== undefined &&
        properties()[name] !== '',
    )
  const periodLabel = () =>
    props.featureRef.collection === 'interim-uses'
      ? t('term')
      : props.featureRef.collection === 'places'
        ? t('dates')
        : t('period')
  const period = () => {
    const span = temporal()
    if (!span) return null
    const start = properties()[span.start]
    const end = properties()[span.end]
    if (!start && !end) return null
    return `${typeof start === 'string' ? formatDate(start) : '…'} – ${typeof end === 'string' ? formatDate(end) : '…'}`
  }
  const area = () => context()?.area_m2 ?? numberOrNull(properties().area_m2)
  const length = () => context()?.length_m ?? numberOrNull(properties().length_m)

  /** The layer a reference property points into (a quarter for quarter_id), if any. */
  const referenced = (name: string) => {
    const table = layer()?.references[name]
    return table ? (layers.find((l) => l.table === table)?.id as LayerId | undefined) : undefined
  }
  const value = (name: string): JSX.Element => {
    const raw = properties()[name]
    const target = referenced(name)
    if (target && typeof raw === 'number') return <ReferenceLink collection={target} id={raw} />
    const words = vocabularyFor(props.featureRef.collection, name)
    if (words && typeof raw === 'string') return label(words[raw], raw)
    if (typeof raw === 'boolean') return raw ? t('yes') : t('no')
    if (dateProperties.has(name) && typeof raw === 'string') return formatDate(raw)
    if (name === 'budget_eur' && typeof raw === 'number') return `${formatNumber(raw)} €`
    if (name === 'url' && typeof raw === 'string')
      return (
        <a href={raw} rel="noopener" target="_blank">
          {raw}
        </a>
      )
    return String(raw)
  }

  return (
    <aside class="feature-panel sheet" aria-labelledby="feature-title" ref={panel}>
      <div class="sheet-head">
        <h2 id="feature-title" tabIndex={-1} ref={heading}>
          <Show when={feature()} fallback={feature.error ? t('loadFailed') : t('loading')}>
            {String(properties().name ?? '')}
          </Show>
        </h2>
        <button type="button" class="close" aria-label={t('close')} onClick={() => props.onClose()}>
          ×
        </button>
      </div>
      <p class="kind">{label(layer()?.title)}</p>
      <Show when={feature.error}>
        <p role="alert">
          {feature.error instanceof ApiError && feature.error.status === 404
            ? t('notFound')
            : t('loadFailed')}
        </p>
      </Show>
      <Show when={feature()}>
        <dl class="facts">
          <Show when={area()}>
            {(m2) => (
              <>
                <dt>{t('area')}</dt>
                <dd data-testid="feature-area">{formatArea(m2())}</dd>
              </>
            )}
          </Show>
          <Show when={length()}>
            {(m) => (
              <>
                <dt>{t('length')}</dt>
                <dd data-testid="feature-length">{formatLength(m())}</dd>
              </>
            )}
          </Show>
          <Show when={period()}>
            <dt>{periodLabel()}</dt>
            <dd>{period()}</dd>
          </Show>
          <For each={rows()}>
            {(name) => (
              <>
                <dt>{label(propertyNames[name], name)}</dt>
                <dd>{value(name)}</dd>
              </>
            )}
          </For>
          <dt>{t('programmeAreas')}</dt>
          <dd data-testid="feature-programme-areas">
            <Show when={context()?.programmeAreas.length} fallback={context.loading ? '…' : t('noneKnown')}>
              <ul>
                <For each={context()?.programmeAreas}>
                  {(area) => (
                    <li>
                      {area.name}
                      <Show when={area.programme}>
                        {(programme) =>
                          ` (${label(vocabulary.programmes[programme() as 'szp'], programme())})`
                        }
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </dd>
          <Show when={context()?.agreements?.length}>
            <dt>{t('plotAgreements')}</dt>
            <dd data-testid="plot-agreements">
              <ul>
                <For each={context()?.agreements}>
                  {(agreement) => (
                    <li>
                      {agreement.name} (
                      {label(vocabularyFor('interim-uses', 'use')?.[agreement.use], agreement.use)}
                      {agreement.term_start || agreement.term_end
                        ? `, ${agreement.term_start ? formatDate(agreement.term_start) : '…'} – ${agreement.term_end ? formatDate(agreement.term_end) : '…'}`
                        : ''}
                      )
                    </li>
                  )}
                </For>
              </ul>
            </dd>
          </Show>
          <Show when={props.featureRef.collection === 'quarters'}>
            <QuarterRelations id={Number(props.featureRef.id)} />
          </Show>
          <Show when={context()?.districts.length}>
            <dt>{t('district')}</dt>
            <dd>
              {context()
                ?.districts.map((district) => district.name)
                .join(', ')}
            </dd>
          </Show>
        </dl>
        <Show when={typeof properties().description === 'string'}>
          <p class="description">{String(properties().description)}</p>
        </Show>
        <p class="share">
          <a href={location.href}>{t('shareLink')}</a>
        </p>
      </Show>
    </aside>
  )
}

/** The part of the map the panel covers: its height as a bottom sheet, else its width on the right. */
function panelInset(panel: HTMLElement): Partial<Inset> {
  const rect = panel.getBoundingClientRect()
  const sheet = rect.width > window.innerWidth * 0.8
  return sheet ? { bottom: window.innerHeight - rect.top + 20, top: 30 } : { right: rect.width + 30 }
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}
