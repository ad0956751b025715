import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js'
import type { OverlayArea } from '../../../backend/src/contract/map.schema.ts'
import { fetchOverlayFigures, type OverlayQuery, overlayQueryString } from '../api/map-api.ts'
import { formatDate, formatNumber, label, t } from '../i18n/locale.ts'
import type { ChoroplethLayer } from '../map/choropleth-layer.ts'
import type { BBox } from '../map/map-view.ts'
import { vocabulary } from '../registry.ts'
import { OverlayCharts, sharePercent } from './OverlayCharts.tsx'
import { om } from './overlay-messages.ts'

const programmeKeys = Object.keys(vocabulary.programmes) as (keyof typeof vocabulary.programmes)[]

type Totals = { area_ha: number; interim_use_ha: number; ending: number; plots: number; plotHa: number }

function totalsOf(areas: readonly OverlayArea[]): Totals {
  const totals: Totals = { area_ha: 0, interim_use_ha: 0, ending: 0, plots: 0, plotHa: 0 }
  for (const area of areas) {
    totals.area_ha += area.area_ha
    totals.interim_use_ha += area.interim_use_ha
    totals.ending += area.agreements_ending_12m
    for (const plot of Object.values(area.plots)) {
      totals.plots += plot.count
      totals.plotHa += plot.ha
    }
  }
  return totals
}

/**
 * The programme areas compared: programmes, period and city in; charts and a table city by city
 * with each city's totals out; the compared areas outlined on the map beside it.
 */
export function OverlayCompare(props: { layer: ChoroplethLayer | undefined; onFit: (bbox: BBox) => void }) {
  const [query, setQuery] = createSignal<OverlayQuery>({
    programmes: programmeKeys,
    from: '',
    to: '',
    municipality: '',
  })
  const [figures] = createResource(query, (current) => fetchOverlayFigures(current))
  const [cities, setCities] = createSignal<{ ags: string; name: string }[]>([])
  createEffect(() => {
    const data = figures()
    if (!data || query().municipality) return
    const seen = new Map(data.areas.map((area) => [area.municipality, area.city]))
    if (seen.size > cities().length) setCities([...seen].map(([ags, name]) => ({ ags, name })))
  })
  createEffect(() => {
    const data = figures()
    props.layer?.fill(new Map())
    props.layer?.outline(data ? data.areas.map((area) => area.id) : [])
    // Areas of one city are fitted into view; Leipzig and Dortmund together would show neither.
    const [first, ...rest] = data?.areas ?? []
    if (first && rest.every((area) => area.municipality === first.municipality))
      props.onFit(
        rest.reduce<BBox>(
          (box, { bbox }) => [
            Math.min(box[0], bbox[0]),
            Math.min(box[1], bbox[1]),
            Math.max(box[2], bbox[2]),
            Math.max(box[3], bbox[3]),
          ],
          first.bbox,
        ),
      )
  })
  const byCity = createMemo(() => {
    const groups = new Map<string, OverlayArea[]>()
    for (const area of figures()?.areas ?? []) groups.set(area.city, [...(groups.get(area.city) ?? []), area])
    return [...groups]
  })
  const toggleProgramme = (key: string, on: boolean) => {
    const current = query().programmes
    setQuery({ ...query(), programmes: on ? [...current, key] : current.filter((other) => other !== key) })
  }
  const plotLabel = (status: string) =>
    label(vocabulary.plotStatuses[status as keyof typeof vocabulary.plotStatuses], status)
  const fieldLabel = (field: string) =>
    label(vocabulary.fieldsOfAction[field as keyof typeof vocabulary.fieldsOfAction], field)

  return (
    <>
      <p>{t('overlayIntro')}</p>
      <form class="overlay-form" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('programmes')}</legend>
          <For each={programmeKeys}>
            {(key) => (
              <label class="toggle">
                <input
                  type="checkbox"
                  name="programme"
                  value={key}
                  checked={query().programmes.includes(key)}
                  onChange={(event) => toggleProgramme(key, event.currentTarget.checked)}
                />
                <span>{label(vocabulary.programmes[key])}</span>
              </label>
            )}
          </For>
        </fieldset>
        <label>
          {om('city')}{' '}
          <select name="city" onChange={(e) => setQuery({ ...query(), municipality: e.currentTarget.value })}>
            <option value="">{om('allCities')}</option>
            <For each={cities()}>{(city) => <option value={city.ags}>{city.name}</option>}</For>
          </select>
        </label>
        <label>
          {t('periodFrom')}{' '}
          <input
            type="date"
            name="from"
            value={query().from}
            onChange={(e) => setQuery({ ...query(), from: e.currentTarget.value })}
          />
        </label>
        <label>
          {t('periodTo')}{' '}
          <input
            type="date"
            name="to"
            value={query().to}
            onChange={(e) => setQuery({ ...query(), to: e.currentTarget.value })}
          />
        </label>
        <a
          class="button"
          href={`/api/overlay/figures.csv?${overlayQueryString(query())}`}
          download="programme-areas.csv"
        >
          {t('downloadCsv')}
        </a>
      </form>
      <Show when={figures.error}>
        <p role="alert">{t('loadFailed')}</p>
      </Show>
      <Show when={figures()} fallback={<p>{t('loading')}</p>}>
        {(data) => (
          <Show when={data().areas.length > 0} fallback={<p>{t('overlayEmpty')}</p>}>
            <p class="hint">{om('highlighted')}</p>
            <OverlayCharts areas={data().areas} />
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the wide table sideways (WCAG 2.1.1) */}
            <section class="table-scroll" tabIndex={0} aria-label={t('programmeAreas')}>
              <table class="overlay-table">
                <thead>
                  <tr>
                    <th scope="col">{om('city')}</th>
                    <th scope="col">{t('programmeAreas')}</th>
                    <th scope="col">{t('period')}</th>
                    <th scope="col">{t('areaHa')}</th>
                    <th scope="col">{t('plotsByStatus')}</th>
                    <th scope="col">{t('interimUseHa')}</th>
                    <th scope="col">{t('interimUseShare')}</th>
                    <th scope="col">{t('agreementsEnding')}</th>
                    <th scope="col">{t('measuresByField')}</th>
                    <th scope="col">{t('overlaps')}</th>
                  </tr>
                </thead>
                <For each={byCity()}>
                  {([city, areas]) => (
                    <tbody data-city={city}>
                      <For each={areas}>
                        {(area) => (
                          <tr data-area={area.name}>
                            <td data-figure="city">{area.city}</td>
                            <th scope="row">
                              {area.name}
                              <Show when={area.programme}>
                                {(programme) => (
                                  <span class="kind">
                                    {label(vocabulary.programmes[programme() as 'szp'], programme())}
                                  </span>
                                )}
                              </Show>
                            </th>
                            <td>
                              {area.period_start ? formatDate(area.period_start) : '…'} –{' '}
                              {area.period_end ? formatDate(area.period_end) : '…'}
                            </td>
                            <td data-figure="area_ha">{formatNumber(area.area_ha, 2)}</td>
                            <td data-figure="plots">
                              <ul>
                                <For each={Object.entries(area.plots)}>
                                  {([status, value]) => (
                                    <li data-status={status} data-count={value.count} data-ha={value.ha}>
                                      {plotLabel(status)}: {formatNumber(value.count)} /{' '}
                                      {formatNumber(value.ha, 2)} ha
                                    </li>
                                  )}
                                </For>
                              </ul>
                            </td>
                            <td data-figure="interim_use_ha">{formatNumber(area.interim_use_ha, 2)}</td>
                            <td data-figure="interim_use_share">{sharePercent(area.interim_use_share)}</td>
                            <td data-figure="agreements_ending_12m">
                              {formatNumber(area.agreements_ending_12m)}
                            </td>
                            <td data-figure="measures">
                              <ul>
                                <For each={Object.entries(area.measures)}>
                                  {([field, count]) => (
                                    <li>
                                      {fieldLabel(field)}: {formatNumber(count)}
                                    </li>
                                  )}
                                </For>
                              </ul>
                            </td>
                            <td data-figure="overlaps">
                              <ul>
                                <For each={area.overlaps}>
                                  {(overlap) => (
                                    <li>
                                      {overlap.name}: {formatNumber(overlap.overlap_ha, 2)} ha
                                    </li>
                                  )}
                                </For>
                              </ul>
                            </td>
                          </tr>
                        )}
                      </For>
                      <TotalsRow city={city} totals={totalsOf(areas)} />
                    </tbody>
                  )}
                </For>
              </table>
            </section>
            <p class="hint">{om('totalsNote')}</p>
          </Show>
        )}
      </Show>
    </>
  )
}

function TotalsRow(props: { city: string; totals: Totals }) {
  return (
    <tr class="totals" data-totals={props.city}>
      <td>{props.city}</td>
      <th scope="row">{om('totals')}</th>
      <td />
      <td data-figure="area_ha">{formatNumber(props.totals.area_ha, 2)}</td>
      <td data-figure="plots">
        {formatNumber(props.totals.plots)} / {formatNumber(props.totals.plotHa, 2)} ha
      </td>
      <td data-figure="interim_use_ha">{formatNumber(props.totals.interim_use_ha, 2)}</td>
      <td data-figure="interim_use_share">
        {sharePercent(props.totals.area_ha > 0 ? props.totals.interim_use_ha / props.totals.area_ha : 0)}
      </td>
      <td data-figure="agreements_ending_12m">{formatNumber(props.totals.ending)}</td>
      <td />
      <td />
    </tr>
  )
}
