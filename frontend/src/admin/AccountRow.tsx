import { createResource, createSignal, For, Show } from 'solid-js'
import { roles } from '../../../backend/src/contract/accounts.schema.ts'
import { isProblem, type Problem } from '../api/client.ts'
import { fetchNames } from '../editing/editing-api.ts'
import { ProblemText } from '../interim-use/ProblemText.tsx'
import { assignAreas, type ManagedAccount, plannerAreas } from './admin-api.ts'
import { adm, roleWord } from './admin-messages.ts'

type Props = {
  account: ManagedAccount
  /** Asks for confirmation, then changes the account. */
  onChange(account: ManagedAccount, change: { role?: ManagedAccount['role']; disabled?: boolean }): void
}

/** One account: its role, whether it is disabled, and for planners their programme areas. */
export function AccountRow(props: Props) {
  const a = () => props.account
  return (
    <li class="account-row" aria-label={a().email}>
      <div class="who">
        <strong>{a().email}</strong>
        <Show when={a().display_name}>{(name) => <span> · {name()}</span>}</Show>
        <Show when={a().disabled_at}>
          <span class="mark"> ({adm('disabled')})</span>
        </Show>
      </div>
      <div class="controls">
        <label>
          {adm('role')}{' '}
          <select
            aria-label={`${adm('roleOf')} ${a().email}`}
            value={a().role}
            onChange={(event) => {
              const role = event.currentTarget.value as ManagedAccount['role']
              event.currentTarget.value = a().role
              props.onChange(a(), { role })
            }}
          >
            <For each={roles}>{(role) => <option value={role}>{roleWord(role)}</option>}</For>
          </select>
        </label>
        <button type="button" onClick={() => props.onChange(a(), { disabled: !a().disabled_at })}>
          {a().disabled_at ? adm('enable') : adm('disable')}
        </button>
      </div>
      <Show when={a().role === 'planner'}>
        <PlannerAreas id={a().id} email={a().email} />
      </Show>
    </li>
  )
}

/** The programme areas a planner is limited to, chosen by name. */
function PlannerAreas(props: { id: number; email: string }) {
  const [names] = createResource(() => 'programme-areas', fetchNames)
  const [chosen, setChosen] = createSignal<Set<number>>(new Set())
  const [problem, setProblem] = createSignal<Problem>()
  const [saved, setSaved] = createSignal(false)
  void plannerAreas(props.id).then((result) => {
    if (!isProblem(result)) setChosen(new Set(result.programmeAreas.map((area) => area.id)))
  })
  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosen())
    if (on) next.add(id)
    else next.delete(id)
    setChosen(next)
    setSaved(false)
  }
  const save = async () => {
    const result = await assignAreas(props.id, [...chosen()])
    setProblem(isProblem(result) ? result : undefined)
    setSaved(!isProblem(result))
  }
  return (
    <details class="planner-areas">
      <summary>{adm('areas')}</summary>
      <For each={names()}>
        {(area) => (
          <label class="choice">
            <input
              type="checkbox"
              checked={chosen().has(area.id)}
              onChange={(event) => toggle(area.id, event.currentTarget.checked)}
            />
            {area.name}
          </label>
        )}
      </For>
      <button type="button" onClick={() => void save()}>
        {adm('saveAreas')}
      </button>
      <Show when={saved()}>
        <span role="status"> {adm('saved')}</span>
      </Show>
      <ProblemText problem={problem()} />
    </details>
  )
}
