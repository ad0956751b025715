import { Show } from 'solid-js'
import type { Problem } from '../api/client.ts'
import type { Measurement } from '../geometry/measure.ts'
import { formatMeasurement } from '../geometry/measure.ts'
import type { Validation } from '../geometry/validate.ts'
import { lang } from '../i18n/locale.ts'
import { et, reasonText } from './editing-messages.ts'

type Props = {
  measurement: Measurement | undefined
  validation: Validation | undefined
  problem: Problem | undefined
  notice: string
}

/**
 * What the planner needs to know about the drawing: its measurements (data attributes carry the
 * raw figures), why it cannot be saved, what the server refused, and what just happened.
 */
export function EditingStatus(props: Props) {
  return (
    <>
      <p
        class="measurement"
        data-area-m2={props.measurement?.areaM2 ?? ''}
        data-length-m={props.measurement?.lengthM ?? ''}
      >
        {props.measurement ? formatMeasurement(props.measurement, lang()) : et('nothingDrawn')}
      </p>
      <Show when={props.validation && !props.validation?.valid}>
        <p class="validation" role="alert" data-reason={props.validation?.reason}>
          {reasonText(props.validation?.reason ?? '', props.validation?.message)}
        </p>
      </Show>
      <Show when={props.problem}>
        {(p) => (
          <div class="server-problem" role="alert" data-status={p().status}>
            <strong>{p().status === 403 && p().programmeAreas ? et('outsideAreas') : p().title}</strong>
            <Show when={p().detail}>
              <p>{p().detail}</p>
            </Show>
          </div>
        )}
      </Show>
      <Show when={props.notice}>
        <p class="notice" role="status">
          {props.notice}
        </p>
      </Show>
    </>
  )
}
