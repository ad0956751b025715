import { createResource, For, Show } from 'solid-js'
import { fetchFeature, fetchItemsWhere } from '../api/map-api.ts'
import { t } from '../i18n/locale.ts'
import type { LayerId } from '../registry.ts'
import { follow, routePath } from '../state/url-state.ts'

// Features a panel names by reference: shown by their name, each a link that opens its panel.

/** A link opening feature `id` of `collection`, in the words of `name`. */
function FeatureLink(props: { collection: LayerId; id: number; name: string }) {
  const route = () => ({ kind: 'feature' as const, collection: props.collection, id: String(props.id) })
  return (
    <a
      href={routePath(route())}
      onClick={(event) => {
        event.preventDefault()
        follow(route())
      }}
    >
      {props.name}
    </a>
  )
}

/** The referenced feature by its name (its number while the name loads). */
export function ReferenceLink(props: { collection: LayerId; id: number }) {
  const [feature] = createResource(
    () => ({ collection: props.collection, id: props.id }),
    ({ collection, id }) => fetchFeature(collection, id).catch(() => null),
  )
  const name = () => String(feature()?.properties?.name ?? props.id)
  return <FeatureLink collection={props.collection} id={props.id} name={name()} />
}

/** A quarter's measures and the links that start or end in it. */
export function QuarterRelations(props: { id: number }) {
  const [measures] = createResource(
    () => props.id,
    (id) => fetchItemsWhere('measures', 'quarter_id', id).catch(() => []),
  )
  const [links] = createResource(
    () => props.id,
    async (id) => {
      const [from, to] = await Promise.all([
        fetchItemsWhere('links', 'from_quarter_id', id).catch(() => []),
        fetchItemsWhere('links', 'to_quarter_id', id).catch(() => []),
      ])
      return [...new Map([...from, ...to].map((link) => [link.id, link])).values()]
    },
  )
  const list = (collection: LayerId, entries: { id: number; name: string }[] | undefined) => (
    <Show when={entries?.length} fallback={t('noneKnown')}>
      <ul>
        <For each={entries}>
          {(entry) => (
            <li>
              <FeatureLink collection={collection} id={entry.id} name={entry.name} />
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
  return (
    <>
      <dt>{t('quarterMeasures')}</dt>
      <dd data-testid="quarter-measures">{list('measures', measures())}</dd>
      <dt>{t('quarterLinks')}</dt>
      <dd data-testid="quarter-links">{list('links', links())}</dd>
    </>
  )
}
