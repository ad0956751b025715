import { createSignal } from 'solid-js'

// What the header's search last chose, for the sheets that must make room for it: an open
// workspace sheet closes rather than cover the result (issue 16).

const [chosen, setChosen] = createSignal(0)

/** Counts the choices made in the header's search; read it to react to each new one. */
export const searchChoices = chosen

/** Called by the header's search each time a result is chosen. */
export function noteSearchChoice(): void {
  setChosen((count) => count + 1)
}
