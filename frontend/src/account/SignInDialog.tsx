import { createSignal, onMount, Show } from 'solid-js'
import { makeFocusReturn } from '../accessibility/focus-return.ts'
import { type Account, register, signIn } from '../api/auth-api.ts'
import { isProblem, type Problem } from '../api/client.ts'
import { et } from '../editing/editing-messages.ts'
import { am } from './account-messages.ts'

// One dialog for signing in and for creating an account. Owners and residents register
// themselves; planner and admin accounts are made by an admin.

type Mode = 'signIn' | 'register'

const problemText = (problem: Problem) =>
  problem.errors?.map((e) => e.message).join('; ') || problem.detail || problem.title || et('signInFailed')

/** The sign-in (or registration) dialog; `onSignedIn` gets the account that is now signed in. */
export default function SignInDialog(props: {
  /** Why the dialog opened by itself, e.g. a confirmation link that no longer works. */
  problem?: string | undefined
  onSignedIn(account: Account): void
  onClose(): void
}) {
  const [mode, setMode] = createSignal<Mode>('signIn')
  const [role, setRole] = createSignal<'owner' | 'resident'>('owner')
  const [error, setError] = createSignal(props.problem ?? '')
  // The address a confirmation link was mailed to: the registration waits for it.
  const [sentTo, setSentTo] = createSignal('')
  makeFocusReturn()
  let first!: HTMLInputElement
  // Keyboard users start typing where the dialog opens.
  onMount(() => first.focus())
  const title = () => (mode() === 'signIn' ? am('signIn') : am('register'))
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget as HTMLFormElement)
    const field = (name: string) => String(form.get(name) ?? '')
    if (mode() === 'signIn') {
      const account = await signIn(field('email'), field('password'))
      if (isProblem(account)) return setError(problemText(account))
      setError('')
      return props.onSignedIn(account)
    }
    const sent = await register({
      email: field('email'),
      password: field('password'),
      role: role(),
      ...(field('display_name').trim() ? { display_name: field('display_name').trim() } : {}),
      ...(role() === 'owner' && field('organisation').trim()
        ? { organisation: field('organisation').trim() }
        : {}),
    })
    if (isProblem(sent)) return setError(problemText(sent))
    setError('')
    setSentTo(sent.email)
  }
  return (
    <dialog open class="sign-in sheet" aria-label={title()}>
      <Show when={sentTo()}>
        {(email) => (
          <div class="sent">
            <h2>{title()}</h2>
            <p role="status">{am('confirmationSent').replace('{email}', email())}</p>
            <div class="actions">
              <button type="button" onClick={() => props.onClose()}>
                {et('close')}
              </button>
            </div>
          </div>
        )}
      </Show>
      <form onSubmit={submit} hidden={sentTo() !== ''}>
        <h2>{title()}</h2>
        <label>
          {et('email')}
          <input ref={first} name="email" type="email" autocomplete="username" required />
        </label>
        <label>
          {et('password')}
          <input
            name="password"
            type="password"
            autocomplete={mode() === 'signIn' ? 'current-password' : 'new-password'}
            minLength={mode() === 'signIn' ? undefined : 10}
            aria-describedby={mode() === 'register' ? 'password-hint' : undefined}
            required
          />
        </label>
        <Show when={mode() === 'register'}>
          <p id="password-hint" class="hint">
            {am('passwordHint')}
          </p>
          <label>
            {am('displayName')}
            <input name="display_name" type="text" autocomplete="nickname" maxLength={100} />
          </label>
          <fieldset>
            <legend>{am('registerAs')}</legend>
            <label class="choice">
              <input
                type="radio"
                name="role"
                value="owner"
                checked={role() === 'owner'}
                onChange={() => setRole('owner')}
              />{' '}
              {am('roleOwner')}
            </label>
            <label class="choice">
              <input
                type="radio"
                name="role"
                value="resident"
                checked={role() === 'resident'}
                onChange={() => setRole('resident')}
              />{' '}
              {am('roleResident')}
            </label>
          </fieldset>
          <Show when={role() === 'owner'}>
            <label>
              {am('organisation')}
              <input name="organisation" type="text" autocomplete="organization" maxLength={200} />
            </label>
          </Show>
        </Show>
        <Show when={error()}>
          <p role="alert" class="field-error">
            {error()}
          </p>
        </Show>
        <div class="actions">
          <button type="submit">{title()}</button>
          <button type="button" onClick={() => props.onClose()}>
            {et('close')}
          </button>
        </div>
        <button
          type="button"
          class="link"
          onClick={() => {
            setError('')
            setMode(mode() === 'signIn' ? 'register' : 'signIn')
          }}
        >
          {mode() === 'signIn' ? am('register') : am('haveAccount')}
        </button>
      </form>
    </dialog>
  )
}
