import { For, type JSX } from 'solid-js'
import type { OverlayArea } from '../../../backend/src/contract/map.schema.ts'
import { plotStatusColours } from '../../../backend/src/contract/palette.ts'
import { formatNumber, label, lang, t } from '../i18n/locale.ts'
import { vocabulary } from '../registry.ts'
import { om } from './overlay-messages.ts'

// Each area's name stands above its bar, so the chart is 330 px wide and fits a phone (390 px)
// with its values; names beside the bars pushed the values out of a phone's sheet. Each chart's
// axis runs from 0 to a round number just above its largest value, labelled under the bars: shares
// of a few per mille drawn on a 0–100 % axis left every bar empty.
const rowHeight = 42
const barWidth = 250
const chartWidth = barWidth + 80
const barTop = 18
const axisHeight = 30

/** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `value`. */
export function roundUp(value: number): number {
  if (!(value > 0)) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  return ([1, 2, 2.5, 5, 10].find((step) => step * power >= value * (1 - 1e-9)) ?? 10) * power
}

/** A share 0–1 as a percentage with the digits its size needs (0,05 %, 0,2 %, 12 %). */
export function sharePercent(value: number): string {
  const digits = value === 0 || value >= 0.1 ? 0 : value >= 0.01 ? 1 : 2
  return new Intl.NumberFormat(lang() === 'en' ? 'en-GB' : 'de-DE', {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits + 1,
  }).format(value)
}

function Axis(props: { top: number; max: number; format: (value: number) => string; name: string }) {
  const ticks = () => [0, props.max / 2, props.max]
  return (
    <g class="axis" transform={`translate(0 ${props.top})`} data-axis-max={props.max}>
      <line x1="0" x2={barWidth} y1="0" y2="0" stroke="#6b6b6b" />
      <For each={ticks()}>
        {(tick) => (
          <>
            <line
              x1={(tick / props.max) * barWidth}
              x2={(tick / props.max) * barWidth}
              y1="0"
              y2="5"
              stroke="#6b6b6b"
            />
            <text
              x={(tick / props.max) * barWidth}
              y="17"
              text-anchor={tick === 0 ? 'start' : tick === props.max ? 'end' : 'middle'}
            >
              {props.format(tick)}
            </text>
          </>
        )}
      </For>
      <text x={barWidth + 6} y="17">
        {props.name}
      </text>
    </g>
  )
}

function Chart(props: { caption: string; areas: OverlayArea[]; children: JSX.Element; axis: JSX.Element }) {
  const height = () => props.areas.length * rowHeight + 8 + axisHeight
  return (
    <svg
      width={chartWidth}
      height={height()}
      viewBox={`0 0 ${chartWidth} ${height()}`}
      role="img"
      aria-label={props.caption}
    >
      {props.children}
      {props.axis}
    </svg>
  )
}

/** Two bar charts in plain SVG: share in interim use, and plot hectares stacked by status. */
export function OverlayCharts(props: { areas: OverlayArea[] }) {
  const axisTop = () => props.areas.length * rowHeight + 8
  const plotHa = (area: OverlayArea) => Object.values(area.plots).reduce((sum, plot) => sum + plot.ha, 0)
  const maxShare = () => roundUp(Math.max(0, ...props.areas.map((area) => area.interim_use_share)))
  const maxPlotHa = () => roundUp(Math.max(0, ...props.areas.map(plotHa)))
  const statuses = Object.keys(plotStatusColours) as (keyof typeof plotStatusColours)[]
  return (
    <div class="overlay-charts">
      <figure data-chart="interim-share">
        <figcaption>
          {t('chartInterimShare')} ({om('scale')} 0 – {sharePercent(maxShare())})
        </figcaption>
        <Chart
          caption={t('chartInterimShare')}
          areas={props.areas}
          axis={<Axis top={axisTop()} max={maxShare()} format={sharePercent} name="%" />}
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
                  width={(area.interim_use_share / maxShare()) * barWidth}
                  height="16"
                  fill="#3f9b48"
                  data-share={area.interim_use_share}
                />
                <text x={barWidth + 6} y={barTop + 12}>
                  {sharePercent(area.interim_use_share)}
                </text>
              </g>
            )}
          </For>
        </Chart>
      </figure>
      <figure data-chart="plots">
        <figcaption>
          {t('chartPlots')} ({om('scale')} 0 – {formatNumber(maxPlotHa(), 1)} ha)
        </figcaption>
        <Chart
          caption={t('chartPlots')}
          areas={props.areas}
          axis={<Axis top={axisTop()} max={maxPlotHa()} format={(v) => formatNumber(v, 1)} name="ha" />}
        >
          <For each={props.areas}>
            {(area, index) => {
              let offset = 0
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
                  <text x={(plotHa(area) / maxPlotHa()) * barWidth + 6} y={barTop + 12}>
                    {formatNumber(plotHa(area), 2)} ha
                  </text>
                </g>
              )
            }}
          </For>
        </Chart>
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
