import { createSignal, lazy, onMount, Show, Suspense } from 'solid-js'
import type { MapHandle } from '../map/map-view.ts'
import { type Account, currentAccount, isProblem, signIn, signOut } from './editing-api.ts'
import { et } from './editing-messages.ts'
import './editing-entry.css'

// What every visitor loads of the editing tools: a sign-in button and a session check. The tools
// themselves (Terra Draw, turf, forms) are a separate chunk fetched only for planners and admins.

const EditingTools = lazy(() => import('./EditingTools.tsx'))

const editors = new Set(['planner', 'admin'])

// Set while someone signed in here: only then is the session checked on load, so residents'
// pages make no request for it (and see no 401 for not being signed in).
const signedInHint = 'quartiersatlas.signed-in'

/** The sign-in button, and the editing tools once a planner or admin is signed in. */
export function EditingEntry(props: { map: MapHandle | undefined }) {
  const [account, setAccount] = createSignal<Account | null>(null)
  const [open, setOpen] = createSignal(false)
  const [error, setError] = createSignal('')
  onMount(async () => {
    if (!localStorage.getItem(signedInHint)) return
    const found = await currentAccount()
    if (!found) localStorage.removeItem(signedInHint)
    setAccount(found)
  })
  const editor = () => {
    const a = account()
    return a && editors.has(a.role) ? a : null
  }
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget as HTMLFormElement)
    const result = await signIn(String(form.get('email') ?? ''), String(form.get('password') ?? ''))
    if (isProblem(result)) return setError(result.detail ?? result.title ?? et('signInFailed'))
    setError('')
    setOpen(false)
    localStorage.setItem(signedInHint, '1')
    setAccount(result)
  }
  return (
    <>
      <Show when={!account()}>
        <button type="button" class="sign-in-button" onClick={() => setOpen(true)}>
          {et('signIn')}
        </button>
      </Show>
      <Show when={open()}>
        <dialog open class="sign-in sheet" aria-label={et('signIn')}>
          <form onSubmit={submit}>
            <h2>{et('signIn')}</h2>
            <label>
              {et('email')}
              <input name="email" type="email" autocomplete="username" required />
            </label>
            <label>
              {et('password')}
              <input name="password" type="password" autocomplete="current-password" required />
            </label>
            <Show when={error()}>
              <p role="alert" class="field-error">
                {error()}
              </p>
            </Show>
            <div class="actions">
              <button type="submit">{et('signIn')}</button>
              <button type="button" onClick={() => setOpen(false)}>
                {et('close')}
              </button>
            </div>
          </form>
        </dialog>
      </Show>
      <Show when={editor() && props.map}>
        <Suspense>
          <EditingTools
            map={props.map as MapHandle}
            account={editor() as Account}
            onSignOut={async () => {
              await signOut()
              localStorage.removeItem(signedInHint)
              setAccount(null)
            }}
          />
        </Suspense>
      </Show>
    </>
  )
}
