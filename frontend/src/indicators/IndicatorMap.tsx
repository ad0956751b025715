import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js'
import type { IndicatorInfo } from '../../../backend/src/contract/indicators.schema.ts'
import { formatNumber, lang, t } from '../i18n/locale.ts'
import type { ChoroplethLayer } from '../map/choropleth-layer.ts'
import { ClassLegend } from './ClassLegend.tsx'
import { im } from './indicator-messages.ts'
import { classColours } from './indicator-palette.ts'
import { fetchClasses, fetchProfile } from './indicators-api.ts'

const methods = ['quantile', 'jenks', 'equal'] as const

/**
 * One indicator as a choropleth: indicator, year (or the change since an earlier year),
 * classification and class count in; the classes come from the server, the map is filled
 * by district id, and the legend counts the districts per class. Below, one district's profile.
 */
export function IndicatorMap(props: { indicators: IndicatorInfo[]; layer: ChoroplethLayer | undefined }) {
  const [key, setKey] = createSignal(props.indicators[0]?.key ?? '')
  const indicator = createMemo(() => props.indicators.find((entry) => entry.key === key()))
  const [year, setYear] = createSignal<number>()
  const [since, setSince] = createSignal<number>()
  const [method, setMethod] = createSignal<(typeof methods)[number]>('quantile')
  const [count, setCount] = createSignal(5)
  const [district, setDistrict] = createSignal('')
  // A new indicator starts at its latest year, without a comparison.
  createEffect(() => {
    setYear(indicator()?.years.at(-1))
    setSince(undefined)
  })
  const choice = () => {
    const current = year()
    return current === undefined
      ? undefined
      : { indicator: key(), year: current, since: since(), method: method(), classes: count() }
  }
  const [classes] = createResource(choice, fetchClasses)
  const colours = () => classColours(classes()?.classes.length ?? count(), indicator()?.higher_is ?? 'worse')
  createEffect(() => {
    const data = classes()
    if (!props.layer || !data) return
    const palette = colours()
    props.layer.fill(new Map(data.districts.map((d) => [d.id, palette[d.class - 1] ?? 'transparent'])))
    props.layer.outline('all')
  })
  const [profile] = createResource(
    () => (district() && year() ? { key: district(), year: year() as number } : undefined),
    ({ key, year }) => fetchProfile(key, year),
  )

  return (
    <div class="indicator-map">
      <form class="indicator-form" onSubmit={(event) => event.preventDefault()}>
        <label>
          {im('indicator')}
          <select name="indicator" onChange={(e) => setKey(e.currentTarget.value)}>
            <For each={props.indicators}>
              {(entry) => (
                <option value={entry.key} selected={entry.key === key()}>
                  {lang() === 'en' ? entry.name_en : entry.name_de}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {im('year')}
          <select name="year" onChange={(e) => setYear(Number(e.currentTarget.value))}>
            <For each={indicator()?.years ?? []}>
              {(y) => (
                <option value={y} selected={y === year()}>
                  {y}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {im('since')}
          <select
            name="since"
            onChange={(e) => setSince(e.currentTarget.value ? Number(e.currentTarget.value) : undefined)}
          >
            <option value="">{im('noChange')}</option>
            <For each={(indicator()?.years ?? []).filter((y) => y < (year() ?? 0))}>
              {(y) => (
                <option value={y} selected={y === since()}>
                  {y}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {im('method')}
          <select
            name="method"
            onChange={(e) => setMethod(e.currentTarget.value as (typeof methods)[number])}
          >
            <For each={methods}>
              {(m) => (
                <option value={m} selected={m === method()}>
                  {im(m)}
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          {im('classCount')}
          <select name="classes" onChange={(e) => setCount(Number(e.currentTarget.value))}>
            <For each={[3, 4, 5, 6, 7]}>
              {(n) => (
                <option value={n} selected={n === count()}>
                  {n}
                </option>
              )}
            </For>
          </select>
        </label>
      </form>
      <Show when={indicator()}>
        {(info) => (
          <p class="hint">
            {info().higher_is === 'worse' ? im('higherWorse') : im('higherBetter')}. {im('source')}:{' '}
            {info().source}
          </p>
        )}
      </Show>
      <Show when={classes.error}>
        <p role="alert">{t('loadFailed')}</p>
      </Show>
      <Show when={classes()}>
        {(data) => (
          <>
            <ClassLegend
              classes={data().classes}
              colours={colours()}
              unit={since() ? `${indicator()?.unit ?? ''} (Δ)` : (indicator()?.unit ?? '')}
              digits={1}
            />
            <p class="hint">{im('programmeAreasOutlined')}</p>
            <label>
              {im('profile')}
              <select name="district" onChange={(e) => setDistrict(e.currentTarget.value)}>
                <option value="">{im('chooseDistrict')}</option>
                <For each={[...data().districts].sort((a, b) => a.name.localeCompare(b.name))}>
                  {(d) => <option value={d.key}>{d.name}</option>}
                </For>
              </select>
            </label>
          </>
        )}
      </Show>
      <Show when={profile()}>
        {(p) => (
          <table class="profile-table">
            <thead>
              <tr>
                <th scope="col">{im('indicator')}</th>
                <th scope="col">{im('value')}</th>
                <th scope="col">{im('median')}</th>
                <th scope="col">{im('rank')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={p().indicators}>
                {(row) => (
                  <tr>
                    <th scope="row">{lang() === 'en' ? row.name_en : row.name_de}</th>
                    <td>
                      {formatNumber(row.value, 1)} {row.unit}
                    </td>
                    <td>{formatNumber(row.median, 1)}</td>
                    <td>
                      {row.rank} / {row.of}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
    </div>
  )
}
