import { createSignal, For, Show } from 'solid-js'
import { agreementNextStates } from '../../../backend/src/contract/lifecycles.ts'
import { isProblem, type Problem } from '../api/client.ts'
import { ConfirmDialog } from '../editing/ConfirmDialog.tsx'
import { formatDate } from '../i18n/locale.ts'
import { vocabulary } from '../registry.ts'
import { im } from './interim-messages.ts'
import { type Agreement, type AgreementStatus, transition } from './interim-use-api.ts'
import { ProblemText } from './ProblemText.tsx'
import { word } from './planner-format.ts'
import { ReasonForm } from './ReasonForm.tsx'

type Props = { agreement: Agreement; staff: boolean; onChanged(agreement: Agreement): void }

/**
 * The agreement's dated lifecycle and, for planners, one button per step the lifecycle allows
 * from here (the same table the API checks); ending early asks for the reason first, and the
 * other steps into a final status are confirmed.
 */
export function AgreementLifecycle(props: Props) {
  const [terminating, setTerminating] = createSignal(false)
  // A final status other than ending early (which asks for its reason) is confirmed first.
  const [confirming, setConfirming] = createSignal<AgreementStatus | null>(null)
  const final = (to: AgreementStatus) => agreementNextStates[to].length === 0
  const [problem, setProblem] = createSignal<Problem>()
  const [busy, setBusy] = createSignal(false)
  const next = () => agreementNextStates[props.agreement.status]
  const status = (key: string | null) => word(vocabulary.agreementStatuses, key)
  const go = async (to: AgreementStatus, reason?: string) => {
    setBusy(true)
    const result = await transition(props.agreement.id, to, reason)
    setBusy(false)
    if (isProblem(result)) return setProblem(result)
    setProblem(undefined)
    setTerminating(false)
    props.onChanged(result)
  }
  return (
    <section class="lifecycle" aria-label={im('lifecycle')}>
      <h4>{im('lifecycle')}</h4>
      <ol class="planner-list compact">
        <For each={props.agreement.transitions}>
          {(step) => (
            <li>
              {step.from_status ? `${status(step.from_status)} → ` : ''}
              {status(step.to_status)} · <time datetime={step.changed_at}>{formatDate(step.changed_at)}</time>
              <Show when={step.reason}>{(reason) => <span> · {reason()}</span>}</Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.staff && next().length > 0}>
        <div class="actions">
          <For each={next()}>
            {(to) => (
              <button
                type="button"
                disabled={busy()}
                aria-expanded={to === 'terminated' ? terminating() : undefined}
                onClick={() =>
                  to === 'terminated' ? setTerminating(true) : final(to) ? setConfirming(to) : void go(to)
                }
              >
                {im('moveTo')} {status(to)}
              </button>
            )}
          </For>
        </div>
        <Show when={terminating()}>
          <ReasonForm
            label={im('terminationReason')}
            submit={im('terminate')}
            warning={im('cannotUndo')}
            onSubmit={(reason) => void go('terminated', reason)}
            onCancel={() => setTerminating(false)}
          />
        </Show>
      </Show>
      <ConfirmDialog
        open={confirming() !== null}
        title={im('confirmStep')}
        confirmLabel={im('confirmStepButton')}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          const to = confirming()
          setConfirming(null)
          if (to) void go(to)
        }}
      >
        <p>
          {im('confirmStepText')} <strong>„{status(confirming())}“</strong>. {im('cannotUndo')}
        </p>
      </ConfirmDialog>
      <ProblemText problem={problem()} />
    </section>
  )
}
