import { createSignal } from 'solid-js'

// One polite live region for the whole app: what happened out of sight of a screen reader (a
// feature chosen on the map) is read out without moving the focus.

const [message, setMessage] = createSignal('')

/** Has screen readers read `text` once the current speech ends. */
export function announce(text: string): void {
  // The same text twice in a row is a change too: empty the region first.
  setMessage('')
  queueMicrotask(() => setMessage(text))
}

/** The live region; mount it once. */
export function Announcer() {
  return (
    <p class="visually-hidden" aria-live="polite" data-testid="announcer">
      {message()}
    </p>
  )
}
