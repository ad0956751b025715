import { createSignal, createUniqueId, For, Show } from 'solid-js'
import { isProblem, type Problem } from '../api/client.ts'
import { formatDate, formatNumber } from '../i18n/locale.ts'
import { im } from './interim-messages.ts'
import { type Agreement, documentUrl, uploadDocument } from './interim-use-api.ts'
import { ProblemText } from './ProblemText.tsx'

type Props = { agreement: Agreement; staff: boolean; onUploaded(filename: string): void }

/** The agreement's documents to download; planners upload PDFs (the server checks kind and size). */
export function AgreementDocuments(props: Props) {
  const input = createUniqueId()
  const [problem, setProblem] = createSignal<Problem>()
  const [busy, setBusy] = createSignal(false)
  const upload = async (event: SubmitEvent & { currentTarget: HTMLFormElement }) => {
    event.preventDefault()
    const form = event.currentTarget
    const file = new FormData(form).get('file')
    if (!(file instanceof File)) return
    setBusy(true)
    const result = await uploadDocument(props.agreement.id, file)
    setBusy(false)
    if (isProblem(result)) return setProblem(result)
    setProblem(undefined)
    form.reset()
    props.onUploaded(file.name)
  }
  return (
    <section class="documents" aria-label={im('documents')}>
      <h4>{im('documents')}</h4>
      <Show when={props.agreement.documents.length > 0} fallback={<p>{im('nothingYet')}</p>}>
        <ul class="planner-list compact">
          <For each={props.agreement.documents}>
            {(document) => (
              <li>
                <a href={documentUrl(props.agreement.id, document.id)} download={document.filename}>
                  {document.filename}
                </a>{' '}
                · {formatNumber(document.size_bytes / 1024, 1)} KB · {formatDate(document.uploaded_at)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.staff}>
        <form class="upload" onSubmit={upload}>
          <label for={input}>{im('uploadPdf')}</label>
          <input id={input} name="file" type="file" accept="application/pdf" required />
          <button type="submit" disabled={busy()}>
            {im('upload')}
          </button>
        </form>
      </Show>
      <ProblemText problem={problem()} />
    </section>
  )
}
