import { createSignal, For, onCleanup, Show } from 'solid-js'
import type { SearchResult } from '../../../backend/src/contract/map.schema.ts'
import { searchFeatures } from '../api/map-api.ts'
import { label, lang, t } from '../i18n/locale.ts'
import type { FeatureRef } from '../map/map-view.ts'
import { findLayer, type LayerId } from '../registry.ts'
import { placeKinds, sm } from './search-messages.ts'

type Props = {
  onChoose: (result: SearchResult, ref: FeatureRef) => void
  /** Only these result kinds (e.g. addresses and streets); all when absent. */
  only?: ReadonlySet<string>
  /** The field's id, for pages with more than one search field. */
  id?: string
  label?: string
}

/** The search field: an ARIA combobox with ranked results, arrow keys, Enter and Escape. */
export function SearchBox(props: Props) {
  const [query, setQuery] = createSignal('')
  const [results, setResults] = createSignal<SearchResult[]>([])
  const [open, setOpen] = createSignal(false)
  const [active, setActive] = createSignal(-1)
  const [status, setStatus] = createSignal('')
  let timer: ReturnType<typeof setTimeout> | undefined
  let pending: AbortController | undefined
  onCleanup(() => {
    clearTimeout(timer)
    pending?.abort()
  })

  const run = async (q: string) => {
    pending?.abort()
    if (q.trim().length < 2) {
      setResults([])
      setOpen(false)
      return
    }
    pending = new AbortController()
    try {
      const found = (await searchFeatures(q.trim(), lang(), pending.signal)).filter(
        (result) =>
          (findLayer(result.collection) || placeKinds.has(result.collection)) &&
          (!props.only || props.only.has(result.collection)),
      )
      setResults(found)
      setActive(found.length > 0 ? 0 : -1)
      setOpen(true)
      setStatus(found.length === 0 ? t('searchNoResults') : `${found.length}`)
    } catch (error) {
      if ((error as Error).name === 'AbortError') return
      setResults([])
      setOpen(true)
      setStatus(t('searchFailed'))
    }
  }
  const choose = (result: SearchResult | undefined) => {
    if (!result) return
    setOpen(false)
    // Focus comes back here when the chosen feature's panel closes: the old results stay shut.
    setResults([])
    setQuery(result.name)
    props.onChoose(result, { collection: result.collection as LayerId, id: result.id })
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const count = results().length
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault()
      setOpen(true)
      setActive((active() + 1) % count)
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault()
      setActive((active() - 1 + count) % count)
    } else if (event.key === 'Enter' && open()) {
      event.preventDefault()
      choose(results()[active()])
    } else if (event.key === 'Escape') {
      setOpen(false)
    }
  }

  const base = props.id ?? 'search'
  return (
    <search class="search">
      <label for={`${base}-input`} class="visually-hidden">
        {props.label ?? t('search')}
      </label>
      <input
        id={`${base}-input`}
        type="search"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={open()}
        aria-controls={`${base}-results`}
        aria-activedescendant={open() && active() >= 0 ? `${base}-result-${active()}` : undefined}
        placeholder={t('searchPlaceholder')}
        value={query()}
        onInput={(event) => {
          const q = event.currentTarget.value
          setQuery(q)
          clearTimeout(timer)
          timer = setTimeout(() => void run(q), 200)
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => results().length > 0 && setOpen(true)}
      />
      <div id={`${base}-results`} role="listbox" aria-label={props.label ?? t('search')} hidden={!open()}>
        <For each={results()}>
          {(result, index) => (
            <div
              id={`${base}-result-${index()}`}
              role="option"
              tabIndex={-1}
              aria-selected={index() === active()}
              onMouseDown={(event) => {
                event.preventDefault()
                choose(result)
              }}
            >
              <span class="name">{result.name}</span>
              <span class="detail">
                {placeKinds.has(result.collection)
                  ? sm(result.collection as 'streets' | 'addresses')
                  : label(findLayer(result.collection)?.title)}
                <Show when={result.detail}>{(detail) => ` · ${detail()}`}</Show>
              </span>
            </div>
          )}
        </For>
        <Show when={open() && results().length === 0}>
          <div class="empty">{status()}</div>
        </Show>
      </div>
      <span class="visually-hidden" aria-live="polite">
        {open() ? status() : ''}
      </span>
    </search>
  )
}
