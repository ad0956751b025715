import { createResource, For, Show, Suspense } from 'solid-js'
import { isProblem } from '../api/client.ts'
import { formatDate, formatNumber } from '../i18n/locale.ts'
import { vocabulary } from '../registry.ts'
import type { TabProps } from './InterimUseWorkspace.tsx'
import { im } from './interim-messages.ts'
import { endingSoon } from './interim-use-api.ts'
import { ProblemText } from './ProblemText.tsx'
import { word } from './planner-format.ts'
import './planner.css'

/** "noch 12 Tage", "endet heute", "seit 3 Tagen überfällig" in the current language. */
export function daysLeftText(days: number): string {
  if (days === 0) return im('endsToday')
  const key = days > 0 ? (days === 1 ? 'dayLeft' : 'daysLeft') : days === -1 ? 'dayOverdue' : 'daysOverdue'
  return im(key).replace('{n}', formatNumber(Math.abs(days)))
}

/**
 * The planners' dashboard of running agreements whose term ends within the configured window,
 * soonest (and overdue ones) first; each opens the agreement.
 */
export function EndingSoon(props: TabProps) {
  const [ending] = createResource(() => endingSoon())
  const loaded = () => {
    const result = ending.latest
    return result && !isProblem(result) ? result : undefined
  }
  const failed = () => {
    const result = ending.latest
    return result && isProblem(result) ? result : undefined
  }
  return (
    <div class="ending-soon">
      <Suspense fallback={<p>{im('loading')}</p>}>
        <ProblemText problem={failed()} />
        <Show when={loaded()}>
          {(result) => (
            <>
              <h3>{im('endingWithin').replace('{n}', formatNumber(result().months))}</h3>
              <Show when={result().agreements.length > 0} fallback={<p>{im('nothingYet')}</p>}>
                <ul class="planner-list">
                  <For each={result().agreements}>
                    {(agreement) => (
                      <li classList={{ overdue: agreement.days_left < 0 }}>
                        <button
                          type="button"
                          class="link"
                          onClick={() => props.open('agreements', { agreement: agreement.id })}
                        >
                          {agreement.name}
                        </button>
                        <span class="meta">
                          {word(vocabulary.agreementStatuses, agreement.status)} · {im('termEnd')}{' '}
                          {formatDate(agreement.term_end)} ·{' '}
                          <strong>{daysLeftText(agreement.days_left)}</strong>
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Show>
      </Suspense>
    </div>
  )
}
