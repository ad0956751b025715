import { createSignal, Show } from 'solid-js'
import { isProblem, type Problem } from '../api/client.ts'
import { lang } from '../i18n/locale.ts'
import { sendFeedback } from './accessibility-api.ts'
import { xm } from './accessibility-messages.ts'

type Field = 'message' | 'page' | 'email'

/** The server's refusal per field: its messages for `field`, and the rest for the whole form. */
function fieldErrors(problem: Problem): { byField: Partial<Record<Field, string>>; other: string } {
  const byField: Partial<Record<Field, string>> = {}
  const other: string[] = []
  for (const error of problem.errors ?? []) {
    const field = (error.field ?? error.path ?? '').replace(/^\//, '') as Field
    if (field === 'message' || field === 'page' || field === 'email') byField[field] = error.message
    else other.push(error.message)
  }
  if (!problem.errors?.length) other.push(problem.detail ?? problem.title ?? xm('failed'))
  return { byField, other: other.join('; ') }
}

/**
 * The statement's feedback form. Every field has a visible label; an error is text next to its
 * field and tied to it (aria-describedby, aria-invalid), whether the browser or the server found it.
 */
export function FeedbackForm() {
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({})
  const [formError, setFormError] = createSignal('')
  const [sent, setSent] = createSignal<number>()
  const describedBy = (field: Field, hint?: string) =>
    [hint, errors()[field] ? `feedback-${field}-error` : undefined].filter(Boolean).join(' ') || undefined
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const text = (name: Field) => String(data.get(name) ?? '').trim()
    const found: Partial<Record<Field, string>> = {}
    if (text('message').length < 10) found.message = xm('tooShort')
    const email = form.elements.namedItem('email') as HTMLInputElement
    if (text('email') && !email.validity.valid) found.email = xm('badEmail')
    setErrors(found)
    setFormError('')
    if (Object.keys(found).length > 0) {
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    const answer = await sendFeedback({
      message: text('message'),
      ...(text('page') ? { page: text('page') } : {}),
      ...(text('email') ? { email: text('email') } : {}),
      language: lang(),
    })
    if (isProblem(answer)) {
      const { byField, other } = fieldErrors(answer)
      setErrors(byField)
      setFormError(other)
      return
    }
    form.reset()
    setSent(answer.id)
  }
  const error = (field: Field) => (
    <Show when={errors()[field]}>
      {(message) => (
        <span id={`feedback-${field}-error`} class="field-error">
          {message()}
        </span>
      )}
    </Show>
  )
  return (
    <form class="feedback-form" aria-labelledby="feedback-title" onSubmit={submit} noValidate>
      <h3 id="feedback-title">{xm('feedbackTitle')}</h3>
      <p>{xm('feedbackIntro')}</p>
      <label for="feedback-message">{xm('message')}</label>
      <p id="feedback-message-hint" class="hint">
        {xm('messageHint')}
      </p>
      <textarea
        id="feedback-message"
        name="message"
        rows={5}
        maxLength={4000}
        required
        aria-invalid={errors().message ? 'true' : undefined}
        aria-describedby={describedBy('message', 'feedback-message-hint')}
      />
      {error('message')}
      <label for="feedback-page">{xm('page')}</label>
      <input
        id="feedback-page"
        name="page"
        type="text"
        maxLength={500}
        aria-invalid={errors().page ? 'true' : undefined}
        aria-describedby={describedBy('page')}
      />
      {error('page')}
      <label for="feedback-email">{xm('email')}</label>
      <input
        id="feedback-email"
        name="email"
        type="email"
        autocomplete="email"
        aria-invalid={errors().email ? 'true' : undefined}
        aria-describedby={describedBy('email')}
      />
      {error('email')}
      <Show when={formError()}>
        <p role="alert" class="field-error">
          {formError()}
        </p>
      </Show>
      <div class="actions">
        <button type="submit">{xm('send')}</button>
      </div>
      <p role="status">{sent() ? xm('sent').replace('{id}', String(sent())) : ''}</p>
    </form>
  )
}
