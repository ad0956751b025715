import { createResource, createSignal, For, Show } from 'solid-js'
import { roles } from '../../../backend/src/contract/accounts.schema.ts'
import { isProblem, type Problem } from '../api/client.ts'
import { ConfirmDialog } from '../editing/ConfirmDialog.tsx'
import { ProblemText } from '../interim-use/ProblemText.tsx'
import { AccountRow } from './AccountRow.tsx'
import { changeAccount, createAccount, listAccounts, type ManagedAccount } from './admin-api.ts'
import { adm, roleWord } from './admin-messages.ts'
import './admin.css'
import { makeFocusReturn } from '../accessibility/focus-return.ts'

type Change = { account: ManagedAccount; change: { role?: ManagedAccount['role']; disabled?: boolean } }

/**
 * The admin's accounts screen: search, create, change a role, limit a planner to programme areas,
 * disable. Role changes and disabling are confirmed first; the server audits every change.
 */
export default function AdminScreen(props: { onClose(): void }) {
  const [accounts, { mutate, refetch }] = createResource(async () => {
    const result = await listAccounts()
    return isProblem(result) ? [] : result
  })
  const [search, setSearch] = createSignal('')
  const [pending, setPending] = createSignal<Change | null>(null)
  const [problem, setProblem] = createSignal<Problem>()
  makeFocusReturn()
  const shown = () => {
    const wanted = search().trim().toLocaleLowerCase('de')
    return (accounts() ?? []).filter(
      (a) => !wanted || `${a.email} ${a.display_name ?? ''}`.toLocaleLowerCase('de').includes(wanted),
    )
  }
  const apply = async () => {
    const change = pending()
    setPending(null)
    if (!change) return
    const result = await changeAccount(change.account.id, change.change)
    if (isProblem(result)) return setProblem(result)
    setProblem(undefined)
    mutate((list) => (list ?? []).map((a) => (a.id === result.id ? result : a)))
  }
  const create = async (event: SubmitEvent & { currentTarget: HTMLFormElement }) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const text = (name: string) => String(form.get(name) ?? '').trim()
    const result = await createAccount({
      email: text('email'),
      password: String(form.get('password') ?? ''),
      role: text('role') as ManagedAccount['role'],
      display_name: text('display_name') || null,
    })
    if (isProblem(result)) return setProblem(result)
    setProblem(undefined)
    event.currentTarget.reset()
    void refetch()
  }
  return (
    <aside class="admin-screen sheet" aria-label={adm('title')}>
      <div class="sheet-head">
        <h2>{adm('title')}</h2>
        <button type="button" class="close" aria-label={adm('close')} onClick={() => props.onClose()}>
          ×
        </button>
      </div>
      <label>
        {adm('search')}
        <input type="search" value={search()} onInput={(event) => setSearch(event.currentTarget.value)} />
      </label>
      <details class="create-account">
        <summary>{adm('create')}</summary>
        <form onSubmit={(event) => void create(event)}>
          <label>
            {adm('email')}
            <input name="email" type="email" required />
          </label>
          <label>
            {adm('displayName')}
            <input name="display_name" />
          </label>
          <label>
            {adm('role')}
            <select name="role">
              <For each={roles}>{(role) => <option value={role}>{roleWord(role)}</option>}</For>
            </select>
          </label>
          <label>
            {adm('password')}
            <input name="password" type="password" minLength={10} required autocomplete="new-password" />
          </label>
          <button type="submit">{adm('create')}</button>
        </form>
      </details>
      <ProblemText problem={problem()} />
      <ul class="accounts">
        <For each={shown()} fallback={<li>{adm('none')}</li>}>
          {(account) => (
            <AccountRow account={account} onChange={(a, change) => setPending({ account: a, change })} />
          )}
        </For>
      </ul>
      <ConfirmDialog
        open={pending() !== null}
        title={pending()?.change.role ? adm('confirmRole') : adm('confirmDisable')}
        confirmLabel={pending()?.change.role ? adm('yesChange') : adm('disable')}
        onCancel={() => setPending(null)}
        onConfirm={() => void apply()}
      >
        <Show when={pending()}>
          {(p) => (
            <p>
              <strong>{p().account.email}</strong>{' '}
              {p().change.role
                ? `${adm('confirmRoleText')} „${roleWord(p().change.role ?? '')}“.`
                : adm('confirmDisableText')}
            </p>
          )}
        </Show>
      </ConfirmDialog>
    </aside>
  )
}
