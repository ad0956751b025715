import { For } from 'solid-js'
import type { OverlayArea } from '../../../backend/src/contract/map.schema.ts'
import { plotStatusColours } from '../../../backend/src/contract/palette.ts'
import { formatNumber, formatPercent, label, t } from '../i18n/locale.ts'
import { vocabulary } from '../registry.ts'

const rowHeight = 26
const labelWidth = 170
const barWidth = 260

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
          width={labelWidth + barWidth + 70}
          height={height()}
          role="img"
          aria-label={t('chartInterimShare')}
        >
          <For each={props.areas}>
            {(area, index) => (
              <g transform={`translate(0 ${index() * rowHeight + 4})`}>
                <text x={labelWidth - 6} y="14" text-anchor="end">
                  {area.name}
                </text>
                <rect x={labelWidth} y="2" width={barWidth} height="16" fill="#eceae4" />
                <rect
                  x={labelWidth}
                  y="2"
                  width={Math.min(1, area.interim_use_share) * barWidth}
                  height="16"
                  fill="#3f9b48"
                />
                <text x={labelWidth + barWidth + 6} y="14">
                  {formatPercent(area.interim_use_share)}
                </text>
              </g>
            )}
          </For>
        </svg>
      </figure>
      <figure>
        <figcaption>{t('chartPlots')}</figcaption>
        <svg width={labelWidth + barWidth + 70} height={height()} role="img" aria-label={t('chartPlots')}>
          <For each={props.areas}>
            {(area, index) => {
              let offset = 0
              const total = Object.values(area.plots).reduce((sum, plot) => sum + plot.ha, 0)
              return (
                <g transform={`translate(0 ${index() * rowHeight + 4})`}>
                  <text x={labelWidth - 6} y="14" text-anchor="end">
                    {area.name}
                  </text>
                  <For each={statuses}>
                    {(status) => {
                      const ha = area.plots[status]?.ha ?? 0
                      const x = labelWidth + (offset / maxPlotHa()) * barWidth
                      offset += ha
                      return (
                        <rect
                          x={x}
                          y="2"
                          width={(ha / maxPlotHa()) * barWidth}
                          height="16"
                          fill={plotStatusColours[status]}
                        >
                          <title>{`${label(vocabulary.plotStatuses[status])}: ${formatNumber(ha, 2)} ha`}</title>
                        </rect>
                      )
                    }}
                  </For>
                  <text x={labelWidth + (total / maxPlotHa()) * barWidth + 6} y="14">
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
