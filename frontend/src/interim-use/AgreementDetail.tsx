import { createResource, createSignal, createUniqueId, Show, Suspense } from 'solid-js'
import { isProblem } from '../api/client.ts'
import { vocabulary } from '../registry.ts'
import { AgreementDocuments } from './AgreementDocuments.tsx'
import { AgreementEdit } from './AgreementEdit.tsx'
import { AgreementLifecycle } from './AgreementLifecycle.tsx'
import { AgreementTerms } from './AgreementTerms.tsx'
import { im } from './interim-messages.ts'
import { type Agreement, readAgreement } from './interim-use-api.ts'
import { ProblemText } from './ProblemText.tsx'
import { word } from './planner-format.ts'

type Props = { id: number; staff: boolean; onChanged(): void }

const closed = new Set(['ended', 'terminated'])

/** One agreement: its terms, lifecycle and documents; planners edit, move it on and upload. */
export function AgreementDetail(props: Props) {
  const heading = createUniqueId()
  const [agreement, { mutate, refetch }] = createResource(() => props.id, readAgreement)
  const [editing, setEditing] = createSignal(false)
  const [notice, setNotice] = createSignal('')
  const loaded = () => {
    const result = agreement.latest
    return result && !isProblem(result) ? result : undefined
  }
  const failed = () => {
    const result = agreement.latest
    return result && isProblem(result) ? result : undefined
  }
  const changed = (next: Agreement, message: string) => {
    mutate(next)
    setNotice(message)
    props.onChanged()
  }
  return (
    <section class="agreement-detail" aria-labelledby={heading}>
      <p role="status" class="notice">
        {notice()}
      </p>
      <Suspense fallback={<p>{im('loading')}</p>}>
        <ProblemText problem={failed()} />
        <Show when={loaded()}>
          {(a) => (
            <>
              <h3 id={heading}>{a().name}</h3>
              <p class="agreement-status">
                {im('status')}: <strong>{word(vocabulary.agreementStatuses, a().status)}</strong>
              </p>
              <Show
                when={editing()}
                fallback={
                  <>
                    <AgreementTerms agreement={a()} />
                    <Show when={props.staff && !closed.has(a().status)}>
                      <button type="button" onClick={() => setEditing(true)}>
                        {im('editTerms')}
                      </button>
                    </Show>
                  </>
                }
              >
                <AgreementEdit
                  agreement={a()}
                  onSaved={(saved) => {
                    setEditing(false)
                    changed(saved, im('saved'))
                  }}
                  onReload={() => void refetch()}
                  onCancel={() => setEditing(false)}
                />
              </Show>
              <AgreementLifecycle
                agreement={a()}
                staff={props.staff}
                onChanged={(moved) =>
                  changed(moved, `${im('status')}: ${word(vocabulary.agreementStatuses, moved.status)}`)
                }
              />
              <AgreementDocuments
                agreement={a()}
                staff={props.staff}
                onUploaded={(filename) => {
                  void refetch()
                  setNotice(`${im('uploaded')}: ${filename}`)
                }}
              />
            </>
          )}
        </Show>
      </Suspense>
    </section>
  )
}
