import { createResource, createSignal, For, Show } from 'solid-js'
import { fetchOverlayFigures, type OverlayQuery, overlayQueryString } from '../api/map-api.ts'
import { formatDate, formatNumber, formatPercent, label, t } from '../i18n/locale.ts'
import { vocabulary } from '../registry.ts'
import { OverlayCharts } from './OverlayCharts.tsx'

type Props = { onClose: () => void }

const programmeKeys = Object.keys(vocabulary.programmes) as (keyof typeof vocabulary.programmes)[]

/** The city's overlay view: programmes and period in, figures per programme area out (table, charts, CSV). */
export default function OverlayView(props: Props) {
  const [query, setQuery] = createSignal<OverlayQuery>({ programmes: programmeKeys, from: '', to: '' })
  const [figures] = createResource(query, (current) => fetchOverlayFigures(current))
  const toggleProgramme = (key: string, on: boolean) => {
    const current = query().programmes
    setQuery({ ...query(), programmes: on ? [...current, key] : current.filter((other) => other !== key) })
  }
  const plotLabel = (status: string) =>
    label(vocabulary.plotStatuses[status as keyof typeof vocabulary.plotStatuses], status)
  const fieldLabel = (field: string) =>
    label(vocabulary.fieldsOfAction[field as keyof typeof vocabulary.fieldsOfAction], field)

  return (
    <section class="overlay-view sheet" aria-labelledby="overlay-title">
      <div class="sheet-head">
        <h2 id="overlay-title">{t('overlay')}</h2>
        <button type="button" class="close" aria-label={t('close')} onClick={() => props.onClose()}>
          ×
        </button>
      </div>
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
            <OverlayCharts areas={data().areas} />
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the wide table sideways (WCAG 2.1.1) */}
            <section class="table-scroll" tabIndex={0} aria-label={t('programmeAreas')}>
              <table class="overlay-table">
                <thead>
                  <tr>
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
                <tbody>
                  <For each={data().areas}>
                    {(area) => (
                      <tr data-area={area.name}>
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
                        <td data-figure="interim_use_share">{formatPercent(area.interim_use_share)}</td>
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
                </tbody>
              </table>
            </section>
          </Show>
        )}
      </Show>
    </section>
  )
}
