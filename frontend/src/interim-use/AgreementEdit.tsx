import { createSignal, createUniqueId, Show } from 'solid-js'
import { isProblem, type Problem } from '../api/client.ts'
import { AgreementTermsFields } from './AgreementTermsFields.tsx'
import { termsOf } from './agreement-form-data.ts'
import { im } from './interim-messages.ts'
import { type Agreement, updateAgreement } from './interim-use-api.ts'
import { ProblemText } from './ProblemText.tsx'

type Props = { agreement: Agreement; onSaved(agreement: Agreement): void; onReload(): void; onCancel(): void }

/**
 * Edits the terms of the agreement as read (If-Match: its version). When someone saved in
 * between, the server refuses (412) and the planner reloads and applies the change again.
 */
export function AgreementEdit(props: Props) {
  const heading = createUniqueId()
  const [problem, setProblem] = createSignal<Problem>()
  const [busy, setBusy] = createSignal(false)
  const submit = async (event: SubmitEvent & { currentTarget: HTMLFormElement }) => {
    event.preventDefault()
    const terms = termsOf(new FormData(event.currentTarget), false)
    setBusy(true)
    const result = await updateAgreement(props.agreement.id, props.agreement.version, terms)
    setBusy(false)
    if (isProblem(result)) return setProblem(result)
    props.onSaved(result)
  }
  return (
    <form class="agreement-form" aria-labelledby={heading} onSubmit={submit}>
      <h4 id={heading}>{im('editTerms')}</h4>
      <AgreementTermsFields agreement={props.agreement} />
      <ProblemText problem={problem()} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy()}>
          {im('save')}
        </button>
        <Show when={problem()?.status === 412}>
          <button
            type="button"
            onClick={() => {
              setProblem(undefined)
              props.onReload()
            }}
          >
            {im('reload')}
          </button>
        </Show>
        <button type="button" onClick={() => props.onCancel()}>
          {im('cancel')}
        </button>
      </div>
    </form>
  )
}
