import { For } from 'solid-js'
import type { OverlayArea } from '../../../backend/src/contract/map.schema.ts'
import { plotStatusColours } from '../../../backend/src/contract/palette.ts'
import { formatNumber, formatPercent, label, t } from '../i18n/locale.ts'
import { vocabulary } from '../registry.ts'

// Each area's name stands above its bar, so the chart is 330 px wide and fits a phone (390 px)
// with its values; names beside the bars pushed the values out of a phone's sheet.
const rowHeight = 42
const barWidth = 250
const chartWidth = barWidth + 80
const barTop = 18

/** Two bar charts in plain SVG: share in interim use, and plot hectares stacked by status. */
export function OverlayCharts(props: { areas: OverlayArea[] }) {
  const height = () => props.areas.length * rowHeight + 8
  const maxPlotHa = () =>
    Math.max(
      0.01,
      ...props.areas.map((area) => Object.values(area.plots).reduce((sum, plot) => sum + plot.ha, 0)),
    )
  const statuses = Object.keys(plotStatusColours) as (keyof typeof plotStatusColours)[]
  return (
    <div class="overlay-charts">
      <figure>
        <figcaption>{t('chartInterimShare')}</figcaption>
        <svg
          width={chartWidth}
          height={height()}
          viewBox={`0 0 ${chartWidth} ${height()}`}
          role="img"
          aria-label={t('chartInterimShare')}
        >
          <For each={props.areas}>
            {(area, index) => (
              <g transform={`translate(0 ${index() * rowHeight + 4})`}>
                <text x="0" y="12">
                  {area.name}
                </text>
                <rect x={0} y={barTop} width={barWidth} height="16" fill="#eceae4" />
                <rect
                  x={0}
                  y={barTop}
                  width={Math.min(1, area.interim_use_share) * barWidth}
                  height="16"
                  fill="#3f9b48"
                />
                <text x={barWidth + 6} y={barTop + 12}>
                  {formatPercent(area.interim_use_share)}
                </text>
              </g>
            )}
          </For>
        </svg>
      </figure>
      <figure>
        <figcaption>{t('chartPlots')}</figcaption>
        <svg
          width={chartWidth}
          height={height()}
          viewBox={`0 0 ${chartWidth} ${height()}`}
          role="img"
          aria-label={t('chartPlots')}
        >
          <For each={props.areas}>
            {(area, index) => {
              let offset = 0
              const total = Object.values(area.plots).reduce((sum, plot) => sum + plot.ha, 0)
              return (
                <g transform={`translate(0 ${index() * rowHeight + 4})`}>
                  <text x="0" y="12">
                    {area.name}
                  </text>
                  <For each={statuses}>
                    {(status) => {
                      const ha = area.plots[status]?.ha ?? 0
                      const x = (offset / maxPlotHa()) * barWidth
                      offset += ha
                      return (
                        <rect
                          x={x}
                          y={barTop}
                          width={(ha / maxPlotHa()) * barWidth}
                          height="16"
                          fill={plotStatusColours[status]}
                        >
                          <title>{`${label(vocabulary.plotStatuses[status])}: ${formatNumber(ha, 2)} ha`}</title>
                        </rect>
                      )
                    }}
                  </For>
                  <text x={(total / maxPlotHa()) * barWidth + 6} y={barTop + 12}>
                    {formatNumber(total, 2)} ha
                  </text>
                </g>
              )
            }}
          </For>
        </svg>
        <ul class="chart-key">
          <For each={statuses}>
            {(status) => (
              <li>
                <span class="dot" style={{ background: plotStatusColours[status] }} />
                {label(vocabulary.plotStatuses[status])}
              </li>
            )}
          </For>
        </ul>
      </figure>
    </div>
  )
}
