import { createSignal, Show } from 'solid-js'
import { isProblem } from '../api/client.ts'
import type { TabProps } from './InterimUseWorkspace.tsx'
import { im } from './interim-messages.ts'
import { myDataUrl, requestErasure } from './interim-use-api.ts'

// The data protection rights of owners and residents (DSGVO Art. 15, 17, 20): everything held
// about them as one JSON file, and erasure, which the server records in the audit log.

/** The "my data" tab: download and erasure. */
export function MyData(props: TabProps) {
  const [confirming, setConfirming] = createSignal(false)
  const [problem, setProblem] = createSignal('')
  const [erased, setErased] = createSignal(false)
  const erase = async () => {
    const result = await requestErasure()
    if (isProblem(result)) return setProblem(result.detail ?? result.title ?? String(result.status))
    setErased(true)
  }
  return (
    <div class="my-data">
      <Show
        when={!erased()}
        fallback={
          <>
            <p role="status">{im('erased')}</p>
            <button type="button" onClick={() => props.signedOut()}>
              {im('backToMap')}
            </button>
          </>
        }
      >
        <p>
          <a href={myDataUrl} download="quartiersatlas-my-data.json">
            {im('downloadData')}
          </a>
        </p>
        <p class="hint">{im('erasureHelp')}</p>
        <Show
          when={confirming()}
          fallback={
            <button type="button" onClick={() => setConfirming(true)}>
              {im('erasure')}
            </button>
          }
        >
          <div class="actions">
            <button type="button" class="danger" onClick={() => void erase()}>
              {im('erasureConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {im('cancel')}
            </button>
          </div>
        </Show>
        <Show when={problem()}>
          <p role="alert" class="field-error">
            {problem()}
          </p>
        </Show>
      </Show>
    </div>
  )
}
