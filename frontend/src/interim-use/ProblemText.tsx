import { For, Show } from 'solid-js'
import type { Problem } from '../api/client.ts'

// A refused request in the server's own words: what went wrong and, per field, why.

/** The problem as an alert (nothing when there is none). */
export function ProblemText(props: { problem: Problem | undefined }) {
  return (
    <Show when={props.problem}>
      {(problem) => (
        <div role="alert" class="server-problem">
          <p>{problem().detail ?? problem().title ?? `HTTP ${problem().status}`}</p>
          <Show when={problem().errors?.length}>
            <ul>
              <For each={problem().errors}>
                {(error) => (
                  <li>
                    <Show when={error.field ?? error.path}>{(field) => <code>{field()}</code>}</Show>{' '}
                    {error.message}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      )}
    </Show>
  )
}
