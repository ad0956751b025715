import { createEffect, createResource, createSignal, For, on, Show, Suspense } from 'solid-js'
import { isProblem } from '../api/client.ts'
import { vocabulary } from '../registry.ts'
import { AgreementDetail } from './AgreementDetail.tsx'
import { AgreementForm } from './AgreementForm.tsx'
import type { TabProps } from './InterimUseWorkspace.tsx'
import { im } from './interim-messages.ts'
import { listAgreements } from './interim-use-api.ts'
import { ProblemText } from './ProblemText.tsx'
import { period, word } from './planner-format.ts'
import './planner.css'

const staffRoles = new Set(['planner', 'admin'])

/**
 * The agreements tab: the caller's agreements and the one chosen. Planners and admins also
 * create, edit and move them on; owners read theirs (the server leaves out internal notes and
 * contacts, and refuses their writes).
 */
export function AgreementsView(props: TabProps) {
  const staff = () => staffRoles.has(props.account.role)
  const [agreements, { refetch }] = createResource(() => listAgreements())
  const [selected, setSelected] = createSignal<number>()
  const [creating, setCreating] = createSignal(false)
  const list = () => {
    const result = agreements.latest
    return result && !isProblem(result) ? result : []
  }
  const failed = () => {
    const result = agreements.latest
    return result && isProblem(result) ? result : undefined
  }
  createEffect(
    on(
      () => props.focus,
      (focus) => {
        if (focus.agreement !== undefined) setSelected(focus.agreement)
        setCreating(focus.agreement === undefined && focus.offer !== undefined && staff())
      },
    ),
  )
  return (
    <div class="agreements">
      <Suspense fallback={<p>{im('loading')}</p>}>
        <Show when={staff() && !creating()}>
          <button type="button" onClick={() => setCreating(true)}>
            {im('newAgreement')}
          </button>
        </Show>
        <Show when={creating()}>
          <AgreementForm
            offerId={props.focus.offer}
            agreements={list()}
            onCreated={(agreement) => {
              setCreating(false)
              void refetch()
              setSelected(agreement.id)
            }}
            onCancel={() => setCreating(false)}
          />
        </Show>
        <ProblemText problem={failed()} />
        <Show when={list().length > 0} fallback={<p>{im('nothingYet')}</p>}>
          <ul class="planner-list" aria-label={im('agreements')}>
            <For each={list()}>
              {(agreement) => (
                <li>
                  <button
                    type="button"
                    class="link"
                    aria-current={selected() === agreement.id ? 'true' : undefined}
                    onClick={() => {
                      setCreating(false)
                      setSelected(agreement.id)
                    }}
                  >
                    {agreement.name}
                  </button>
                  <span class="meta">
                    {word(vocabulary.agreementStatuses, agreement.status)} ·{' '}
                    {period(agreement.term_start, agreement.term_end)} ·{' '}
                    {agreement.plots.map((plot) => plot.name).join(', ') || '–'}
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={!creating() && selected()} keyed>
          {(id) => <AgreementDetail id={id} staff={staff()} onChanged={() => void refetch()} />}
        </Show>
      </Suspense>
    </div>
  )
}
