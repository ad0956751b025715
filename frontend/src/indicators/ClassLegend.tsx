import { For } from 'solid-js'
import type { IndicatorClasses } from '../../../backend/src/contract/indicators.schema.ts'
import { formatNumber } from '../i18n/locale.ts'
import { im } from './indicator-messages.ts'

/** A classed legend: each class's colour, its range and how many districts fall in it. */
export function ClassLegend(props: {
  classes: IndicatorClasses['classes']
  colours: readonly string[]
  unit: string
  digits: number
}) {
  return (
    <figure class="class-legend">
      <figcaption>{im('legendTitle')}</figcaption>
      <ol>
        <For each={props.classes}>
          {(entry, index) => (
            <li data-class={entry.class} data-count={entry.count}>
              <span class="swatch-box" style={{ background: props.colours[index()] }} />
              <span class="range">
                {formatNumber(entry.lower, props.digits)} – {formatNumber(entry.upper, props.digits)}{' '}
                {props.unit}
              </span>
              <span class="count">
                {formatNumber(entry.count)} {im('districtsCount')}
              </span>
            </li>
          )}
        </For>
      </ol>
    </figure>
  )
}
