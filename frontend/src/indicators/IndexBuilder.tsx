import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js'
import { createStore } from 'solid-js/store'
import type { IndicatorInfo } from '../../../backend/src/contract/indicators.schema.ts'
import { formatNumber, lang, t } from '../i18n/locale.ts'
import type { ChoroplethLayer } from '../map/choropleth-layer.ts'
import { CandidateForm } from './CandidateForm.tsx'
import { ClassLegend } from './ClassLegend.tsx'
import { im } from './indicator-messages.ts'
import { classColours } from './indicator-palette.ts'
import { fetchIndex, type IndexChoice, indexQueryString } from './indicators-api.ts'

type Part = { on: boolean; weight: number; higher_is: 'worse' | 'better' }

/**
 * The composite index: indicators with direction and weight, the standardisation and the year
 * in; the ranked districts, the index as a choropleth over the programme areas, the ranking as
 * CSV, and a district marked as a pilot candidate with its reason.
 */
export function IndexBuilder(props: { indicators: IndicatorInfo[]; layer: ChoroplethLayer | undefined }) {
  // Every indicator with equal weight and its own direction, until the planner chooses.
  const [parts, setParts] = createStore<Record<string, Part>>(
    Object.fromEntries(
      props.indicators.map((info) => [info.key, { on: true, weight: 1, higher_is: info.higher_is }]),
    ),
  )
  const [standardise, setStandardise] = createSignal<'z' | 'rank'>('z')
  const [year, setYear] = createSignal<number>()
  const [marking, setMarking] = createSignal<string>()
  const chosen = () => props.indicators.filter((info) => parts[info.key]?.on)
  // The years every chosen indicator has.
  const years = createMemo(() => {
    const [first, ...rest] = chosen()
    return (first?.years ?? []).filter((y) => rest.every((info) => info.years.includes(y)))
  })
  createEffect(() => {
    if (!years().includes(year() ?? Number.NaN)) setYear(years().at(-1))
  })
  const choice = (): IndexChoice | undefined => {
    const current = year()
    if (current === undefined || chosen().length === 0) return undefined
    return {
      year: current,
      parts: chosen().map((info) => ({
        indicator: info.key,
        weight: parts[info.key]?.weight ?? 1,
        higher_is: parts[info.key]?.higher_is ?? info.higher_is,
      })),
      standardise: standardise(),
      method: 'quantile',
      classes: 5,
    }
  }
  const [index] = createResource(choice, fetchIndex)
  const colours = () => classColours(index()?.classes.length ?? 5, 'worse')
  createEffect(() => {
    const data = index()
    if (!props.layer || !data) return
    const palette = colours()
    props.layer.fill(new Map(data.districts.map((d) => [d.id, palette[d.class - 1] ?? 'transparent'])))
    props.layer.outline('all')
  })
  const spec = () => {
    const current = choice()
    return current ? indexQueryString(current) : ''
  }

  return (
    <div class="index-builder">
      <form class="index-form" onSubmit={(event) => event.preventDefault()}>
        <table class="index-parts">
          <thead>
            <tr>
              <th scope="col">{im('indicator')}</th>
              <th scope="col">{im('weight')}</th>
              <th scope="col">{im('direction')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.indicators}>
              {(info) => (
                <tr>
                  <td>
                    <label class="toggle">
                      <input
                        type="checkbox"
                        name="part"
                        value={info.key}
                        checked={parts[info.key]?.on}
                        onChange={(e) => setParts(info.key, 'on', e.currentTarget.checked)}
                      />
                      <span>{lang() === 'en' ? info.name_en : info.name_de}</span>
                    </label>
                  </td>
                  <td>
                    <input
                      type="number"
                      name={`weight-${info.key}`}
                      aria-label={`${im('weight')} ${info.key}`}
                      min="0.5"
                      max="10"
                      step="0.5"
                      value={parts[info.key]?.weight}
                      onChange={(e) => {
                        const weight = Number(e.currentTarget.value)
                        if (weight > 0) setParts(info.key, 'weight', weight)
                      }}
                    />
                  </td>
                  <td>
                    <select
                      name={`direction-${info.key}`}
                      aria-label={`${im('direction')} ${info.key}`}
                      onChange={(e) =>
                        setParts(info.key, 'higher_is', e.currentTarget.value as Part['higher_is'])
                      }
                    >
                      <option value="worse" selected={parts[info.key]?.higher_is === 'worse'}>
                        {im('worse')}
                      </option>
                      <option value="better" selected={parts[info.key]?.higher_is === 'better'}>
                        {im('better')}
                      </option>
                    </select>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <label>
          {im('standardise')}
          <select name="standardise" onChange={(e) => setStandardise(e.currentTarget.value as 'z' | 'rank')}>
            <option value="z">{im('zScore')}</option>
            <option value="rank">{im('percentRank')}</option>
          </select>
        </label>
        <label>
          {im('year')}
          <select name="index-year" onChange={(e) => setYear(Number(e.currentTarget.value))}>
            <For each={years()}>
              {(y) => (
                <option value={y} selected={y === year()}>
                  {y}
                </option>
              )}
            </For>
          </select>
        </label>
      </form>
      <Show when={chosen().length === 0}>
        <p class="hint">{im('chooseIndicators')}</p>
      </Show>
      <Show when={index.error}>
        <p role="alert">{t('loadFailed')}</p>
      </Show>
      <Show when={index()}>
        {(data) => (
          <>
            <ClassLegend classes={data().classes} colours={colours()} unit="" digits={2} />
            <p class="hint">{im('programmeAreasOutlined')}</p>
            <a class="button" href={`/api/indicators/index.csv?${spec()}`} download="index.csv">
              {t('downloadCsv')}
            </a>
            <h3>{im('ranking')}</h3>
            <ol class="ranking">
              <For each={data().ranking}>
                {(row) => (
                  <li data-key={row.key}>
                    <span class="rank">{row.rank}.</span>
                    <span class="name">{row.name}</span>
                    <span class="index">{formatNumber(row.index, 2)}</span>
                    <button type="button" class="link" onClick={() => setMarking(row.key)}>
                      {im('markCandidate')}
                    </button>
                    <Show when={marking() === row.key}>
                      <CandidateForm districtKey={row.key} spec={spec()} />
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </Show>
    </div>
  )
}
