import { createSignal, createUniqueId, Show } from 'solid-js'
import { im } from './interim-messages.ts'

type Props = {
  label: string
  submit: string
  /** Said above the buttons when the decision cannot be taken back. */
  warning?: string
  onSubmit(reason: string): void
  onCancel(): void
}

/**
 * A decision that needs a reason (declining or sending back an offer, ending an agreement early):
 * an empty reason is refused here, with a note at the field, before anything is sent.
 */
export function ReasonForm(props: Props) {
  const id = createUniqueId()
  const [missing, setMissing] = createSignal(false)
  const submit = (event: SubmitEvent & { currentTarget: HTMLFormElement }) => {
    event.preventDefault()
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim()
    setMissing(!reason)
    if (reason) props.onSubmit(reason)
  }
  return (
    <form class="reason-form" noValidate onSubmit={submit}>
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name="reason"
        rows={3}
        required
        aria-invalid={missing() || undefined}
        aria-describedby={missing() ? `${id}-error` : undefined}
      />
      <Show when={missing()}>
        <p id={`${id}-error`} class="field-error" role="alert">
          {im('reasonRequired')}
        </p>
      </Show>
      <Show when={props.warning}>
        <p class="warning">{props.warning}</p>
      </Show>
      <div class="actions">
        <button type="submit">{props.submit}</button>
        <button type="button" onClick={() => props.onCancel()}>
          {im('cancel')}
        </button>
      </div>
    </form>
  )
}
