import { For, Show } from 'solid-js'
import { label, t } from '../i18n/locale.ts'
import type { MessageKey } from '../i18n/messages.ts'
import { type FilterDimension, filterDimensions, type MapFilters, noFilters } from '../map/map-filters.ts'

type Props = { filters: MapFilters; onChange: (filters: MapFilters) => void }

const titles: Record<FilterDimension['id'], MessageKey> = {
  status: 'filterStatus',
  use: 'filterUse',
  programme: 'filterProgramme',
  field: 'filterField',
}
const firstYear = 1995
const lastYear = new Date().getFullYear() + 10

/** Filters by status, use, programme and field of action, and the year control. */
export function FilterPanel(props: Props) {
  const isOn = (dimension: FilterDimension, key: string) =>
    props.filters.values[dimension.id]?.includes(key) ?? true
  const toggle = (dimension: FilterDimension, key: string, on: boolean) => {
    const all = Object.keys(dimension.vocabulary)
    const current = props.filters.values[dimension.id] ?? all
    const next = on ? [...current, key] : current.filter((candidate) => candidate !== key)
    const values = { ...props.filters.values, [dimension.id]: next.length === all.length ? undefined : next }
    props.onChange({ ...props.filters, values })
  }
  return (
    <div class="filter-panel">
      <fieldset class="year">
        <legend>{t('atYear')}</legend>
        <label class="toggle">
          <input
            type="checkbox"
            checked={props.filters.year !== null}
            onChange={(event) =>
              props.onChange({
                ...props.filters,
                year: event.currentTarget.checked ? new Date().getFullYear() : null,
              })
            }
          />
          <span>{t('showYear')}</span>
        </label>
        <Show when={props.filters.year !== null}>
          <label class="year-range">
            <span class="visually-hidden">{t('atYear')}</span>
            <input
              type="range"
              min={firstYear}
              max={lastYear}
              step="1"
              value={props.filters.year ?? lastYear}
              onInput={(event) =>
                props.onChange({ ...props.filters, year: Number(event.currentTarget.value) })
              }
            />
            <output>{props.filters.year}</output>
          </label>
        </Show>
        <Show when={props.filters.year === null}>
          <p class="hint">{t('allTimes')}</p>
        </Show>
      </fieldset>
      <For each={filterDimensions}>
        {(dimension) => (
          <fieldset>
            <legend>{t(titles[dimension.id])}</legend>
            <For each={Object.entries(dimension.vocabulary)}>
              {([key, words]) => (
                <label class="toggle">
                  <input
                    type="checkbox"
                    name={dimension.id}
                    value={key}
                    checked={isOn(dimension, key)}
                    onChange={(event) => toggle(dimension, key, event.currentTarget.checked)}
                  />
                  <span>{label(words)}</span>
                </label>
              )}
            </For>
          </fieldset>
        )}
      </For>
      <button type="button" onClick={() => props.onChange(noFilters)}>
        {t('resetFilters')}
      </button>
    </div>
  )
}
