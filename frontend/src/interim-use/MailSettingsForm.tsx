import { createResource, For, Show } from 'solid-js'
import { mailTopics } from '../../../backend/src/contract/notifications.schema.ts'
import { isProblem } from '../api/client.ts'
import { im } from './interim-messages.ts'
import { getMailSettings, type MailSettings, putMailSettings } from './interim-use-api.ts'

// Which kinds of notice also come by e-mail, and in which language; every mail links here.

// Only planners and admins review offers: others never get that kind of notice.
const reviewers = new Set(['planner', 'admin'])

/** The e-mail settings above the notifications list; each change is saved at once. */
export function MailSettingsForm(props: { role: string }) {
  const topics = () => mailTopics.filter((topic) => topic !== 'offer-review' || reviewers.has(props.role))
  const [settings, { mutate }] = createResource(async () => {
    const result = await getMailSettings()
    return isProblem(result) ? undefined : result
  })
  const save = async (change: Parameters<typeof putMailSettings>[0]) => {
    const result = await putMailSettings(change)
    if (!isProblem(result)) mutate(result)
  }
  return (
    <Show when={settings()}>
      {(current) => (
        <fieldset class="mail-settings">
          <legend>{im('mailSettings')}</legend>
          <For each={topics()}>
            {(topic) => (
              <label>
                <input
                  type="checkbox"
                  checked={current().email[topic]}
                  onChange={(event) => void save({ email: { [topic]: event.currentTarget.checked } })}
                />{' '}
                {im(`mail.${topic}`)}
              </label>
            )}
          </For>
          <label>
            {im('mailLanguage')}{' '}
            <select
              value={current().language}
              onChange={(event) =>
                void save({ language: event.currentTarget.value as MailSettings['language'] })
              }
            >
              <option value="de">Deutsch</option>
              <option value="en">English</option>
            </select>
          </label>
        </fieldset>
      )}
    </Show>
  )
}
