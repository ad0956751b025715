import { createResource, For, Show } from 'solid-js'
import { isProblem } from '../api/client.ts'
import { formatDate, label } from '../i18n/locale.ts'
import type { TabProps } from './InterimUseWorkspace.tsx'
import { im } from './interim-messages.ts'
import { listNotifications, markRead, type Notification } from './interim-use-api.ts'
import { MailSettingsForm } from './MailSettingsForm.tsx'
import { targetOf } from './notification-target.ts'

// The caller's notifications, newest first: each names what changed and opens it. The same
// messages go to the outbox a mailer sends from, for the kinds the user wants by e-mail.

/** The notifications tab. */
export function NotificationsView(props: TabProps) {
  const [notifications, { mutate }] = createResource(async () => {
    const result = await listNotifications()
    return isProblem(result) ? [] : result
  })
  const read = async (notification: Notification) => {
    const result = await markRead(notification.id)
    if (isProblem(result)) return
    mutate((list) => list?.map((n) => (n.id === result.id ? result : n)))
    props.notificationsRead()
  }
  return (
    <>
      <MailSettingsForm role={props.account.role} />
      <Show when={notifications()} fallback={<p>{im('loading')}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p>{im('nothingYet')}</p>}>
            <ul class="notifications">
              <For each={list()}>
                {(notification) => {
                  const target = targetOf(notification.resource, props.account.role)
                  return (
                    <li classList={{ unread: !notification.read_at }}>
                      <strong>{label(notification.subject)}</strong>
                      <time datetime={notification.created_at}> {formatDate(notification.created_at)}</time>
                      <p class="body">{label(notification.body)}</p>
                      <div class="actions">
                        <Show when={target}>
                          {(to) => (
                            <button
                              type="button"
                              onClick={() => {
                                if (!notification.read_at) void read(notification)
                                props.open(to().tab, to().focus)
                              }}
                            >
                              {im('open')}
                            </button>
                          )}
                        </Show>
                        <Show when={!notification.read_at}>
                          <button type="button" onClick={() => void read(notification)}>
                            {im('markRead')}
                          </button>
                        </Show>
                      </div>
                    </li>
                  )
                }}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </>
  )
}
