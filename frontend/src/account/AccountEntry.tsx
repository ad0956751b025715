import { createEffect, createSignal, lazy, on, onCleanup, onMount, Show, Suspense } from 'solid-js'
import { type Account, confirmRegistration, currentAccount, signOut } from '../api/auth-api.ts'
import { isProblem } from '../api/client.ts'
import { unreadCount } from '../interim-use/interim-use-api.ts'
import type { MapHandle } from '../map/map-view.ts'
import { am } from './account-messages.ts'
import './account-entry.css'
import { searchChoices } from '../state/search-choice.ts'

// What every visitor loads of accounts: a sign-in button and a session check. The sign-in
// dialog, the editing tools (Terra Draw, turf, forms) and the interim-use workspace are separate
// chunks, fetched only when they are opened.

const EditingTools = lazy(() => import('../editing/EditingTools.tsx'))
const InterimUseWorkspace = lazy(() => import('../interim-use/InterimUseWorkspace.tsx'))
const AdminScreen = lazy(() => import('../admin/AdminScreen.tsx'))
// Fetched on the click on "Anmelden": most visitors never sign in.
const SignInDialog = lazy(() => import('./SignInDialog.tsx'))

const editors = new Set(['planner', 'admin'])

// Set while someone signed in here: only then is the session checked on load, so residents'
// pages make no request for it (and see no 401 for not being signed in).
const signedInHint = 'quartiersatlas.signed-in'

// The confirmation mail links to /#confirm=<token>: taken once, at load, before the map writes
// its own hash, and dropped from the address so that it is neither bookmarked nor shared.
const confirmToken = /(?:^#|&)confirm=([\w-]+)/.exec(location.hash)?.[1]
if (confirmToken) history.replaceState(history.state, '', `${location.pathname}${location.search}`)

/** How often the unread count is fetched again while signed in. */
const unreadEveryMs = 60_000

/** Sign-in and registration; once signed in, the account bar, the editing tools and the workspace. */
export function AccountEntry(props: { map: MapHandle | undefined }) {
  const [account, setAccount] = createSignal<Account | null>(null)
  const [dialog, setDialog] = createSignal(false)
  // Every notification mail links to ?workspace=notifications: the workspace opens there.
  const linked = new URLSearchParams(location.search).get('workspace') === 'notifications'
  const [workspace, setWorkspace] = createSignal(linked)
  const [unread, setUnread] = createSignal(0)
  const [admin, setAdmin] = createSignal(false)
  const [confirmProblem, setConfirmProblem] = createSignal<string>()
  // A result chosen in the header's search opens on the map: the workspace sheet makes way.
  createEffect(on(searchChoices, () => setWorkspace(false), { defer: true }))

  const refreshUnread = async () => setUnread(account() ? await unreadCount() : 0)
  const timer = setInterval(() => void refreshUnread(), unreadEveryMs)
  onCleanup(() => clearInterval(timer))

  onMount(async () => {
    if (confirmToken) {
      const result = await confirmRegistration(confirmToken)
      if (!isProblem(result)) return signedIn(result)
      setConfirmProblem(result.detail ?? result.title)
      setDialog(true)
    }
    if (!localStorage.getItem(signedInHint)) return setDialog(linked)
    const found = await currentAccount()
    if (!found && linked) setDialog(true)
    if (!found) localStorage.removeItem(signedInHint)
    setAccount(found)
    void refreshUnread()
  })
  const signedIn = (found: Account) => {
    setDialog(false)
    localStorage.setItem(signedInHint, '1')
    setAccount(found)
    void refreshUnread()
  }
  const signedOut = () => {
    localStorage.removeItem(signedInHint)
    setWorkspace(false)
    setAdmin(false)
    setAccount(null)
    setUnread(0)
  }
  const editor = () => {
    const a = account()
    return a && editors.has(a.role) ? a : null
  }
  return (
    <>
      <Show
        when={account()}
        fallback={
          <button type="button" class="account-bar" onClick={() => setDialog(true)}>
            {am('signIn')}
          </button>
        }
      >
        {(a) => (
          <nav class="account-bar" aria-label={`${am('signedInAs')} ${a().email}`}>
            <button type="button" aria-pressed={workspace()} onClick={() => setWorkspace(!workspace())}>
              {am('workspace')}
              <Show when={unread() > 0}>
                <span class="badge" title={`${unread()} ${am('unread')}`}>
                  {' '}
                  {unread()}
                  <span class="visually-hidden"> {am('unread')}</span>
                </span>
              </Show>
            </button>
            <Show when={a().role === 'admin'}>
              <button type="button" aria-pressed={admin()} onClick={() => setAdmin(!admin())}>
                {am('accounts')}
              </button>
            </Show>
            <button
              type="button"
              onClick={async () => {
                await signOut()
                signedOut()
              }}
            >
              {am('signOut')}
            </button>
          </nav>
        )}
      </Show>
      <Show when={dialog()}>
        <Suspense>
          <SignInDialog problem={confirmProblem()} onSignedIn={signedIn} onClose={() => setDialog(false)} />
        </Suspense>
      </Show>
      <Show when={editor() && props.map}>
        <Suspense>
          <EditingTools map={props.map as MapHandle} account={editor() as Account} />
        </Suspense>
      </Show>
      <Show when={admin() && account()?.role === 'admin'}>
        <Suspense>
          <AdminScreen onClose={() => setAdmin(false)} />
        </Suspense>
      </Show>
      <Show when={workspace() && account() && props.map}>
        <Suspense>
          <InterimUseWorkspace
            map={props.map as MapHandle}
            account={account() as Account}
            initial={linked ? 'notifications' : undefined}
            onClose={() => {
              setWorkspace(false)
              void refreshUnread()
            }}
            onSignedOut={signedOut}
            onRead={() => void refreshUnread()}
          />
        </Suspense>
      </Show>
    </>
  )
}
