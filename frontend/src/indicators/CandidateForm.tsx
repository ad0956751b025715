import { createSignal, Show } from 'solid-js'
import { isProblem } from '../api/client.ts'
import { im } from './indicator-messages.ts'
import { markCandidate } from './indicators-api.ts'

/** Marks one district as a pilot candidate, or chooses it, with the reason and the index behind it. */
export function CandidateForm(props: { districtKey: string; spec: string }) {
  const [reason, setReason] = createSignal('')
  const [chosen, setChosen] = createSignal(false)
  const [message, setMessage] = createSignal('')
  const save = async (event: SubmitEvent) => {
    event.preventDefault()
    const answer = await markCandidate({
      district_key: props.districtKey,
      reason: reason(),
      index_spec: props.spec.slice(0, 500),
      chosen: chosen(),
    })
    if (!isProblem(answer)) {
      setMessage(im('saved'))
      return
    }
    setMessage(answer.status === 401 || answer.status === 403 ? im('signInAsPlanner') : (answer.detail ?? ''))
  }
  return (
    <form class="candidate-form" onSubmit={save}>
      <label>
        {im('reason')}
        <textarea name="reason" required maxLength={2000} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <label class="toggle">
        <input type="checkbox" name="chosen" onChange={(e) => setChosen(e.currentTarget.checked)} />
        <span>{im('choosePilot')}</span>
      </label>
      <button type="submit">{im('save')}</button>
      <Show when={message()}>
        <p role="status">{message()}</p>
      </Show>
    </form>
  )
}
