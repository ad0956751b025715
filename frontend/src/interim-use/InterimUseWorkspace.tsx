import { createSignal, For, type JSX, Show } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import { am } from '../account/account-messages.ts'
import type { Account } from '../api/auth-api.ts'
import type { MapHandle } from '../map/map-view.ts'
import { AgreementsView } from './AgreementsView.tsx'
import { EndingSoon } from './EndingSoon.tsx'
import { type InterimMessage, im } from './interim-messages.ts'
import { MyData } from './MyData.tsx'
import { NotificationsView } from './NotificationsView.tsx'
import { OwnerOffers } from './OwnerOffers.tsx'
import { ReviewQueue } from './ReviewQueue.tsx'
import './interim-use.css'
import { makeFocusReturn } from '../accessibility/focus-return.ts'

// The interim-use workspace: one sheet with a tab per task, the tabs a role has. The server
// decides what each role may do; the tabs only leave out what it would refuse anyway.

export type TabId = 'offers' | 'review' | 'agreements' | 'endingSoon' | 'notifications' | 'myData'

/** What a tab opens on: an offer or an agreement (from a notification, or after accepting). */
export type Focus = { offer?: number; agreement?: number }

export type TabProps = {
  map: MapHandle
  account: Account
  focus: Focus
  /** Switches to `tab`, opening `focus` there. */
  open(tab: TabId, focus?: Focus): void
  /** After erasure: the account is gone. */
  signedOut(): void
  /** After notifications were read: the account bar counts again. */
  notificationsRead(): void
}

type Tab = {
  id: TabId
  label: InterimMessage
  roles: readonly string[]
  view: (props: TabProps) => JSX.Element
}

const tabs: readonly Tab[] = [
  { id: 'offers', label: 'myOffers', roles: ['owner'], view: OwnerOffers },
  { id: 'review', label: 'review', roles: ['planner', 'admin'], view: ReviewQueue },
  { id: 'agreements', label: 'agreements', roles: ['owner', 'planner', 'admin'], view: AgreementsView },
  { id: 'endingSoon', label: 'endingSoon', roles: ['planner', 'admin'], view: EndingSoon },
  {
    id: 'notifications',
    label: 'notifications',
    roles: ['owner', 'resident', 'planner', 'admin'],
    view: NotificationsView,
  },
  { id: 'myData', label: 'myData', roles: ['owner', 'resident'], view: MyData },
]

/** The tabs `role` has, in order. */
export function tabsFor(role: string): readonly Tab[] {
  return tabs.filter((tab) => tab.roles.includes(role))
}

/** The workspace sheet; `initial` chooses the first tab (default: the role's first). */
export default function InterimUseWorkspace(props: {
  map: MapHandle
  account: Account
  initial?: TabId
  onClose(): void
  onSignedOut(): void
  onRead(): void
}) {
  const own = () => tabsFor(props.account.role)
  const [current, setCurrent] = createSignal<TabId>(props.initial ?? own()[0]?.id ?? 'notifications')
  const [focus, setFocus] = createSignal<Focus>({})
  makeFocusReturn()
  const open = (tab: TabId, next: Focus = {}) => {
    setFocus(next)
    setCurrent(tab)
  }
  const active = () => own().find((tab) => tab.id === current()) ?? own()[0]
  return (
    <aside class="interim-workspace sheet" aria-label={am('workspace')}>
      <div class="sheet-head">
        <h2>{am('workspace')}</h2>
        <button type="button" class="close" aria-label={im('close')} onClick={() => props.onClose()}>
          ×
        </button>
      </div>
      <div role="tablist" class="interim-tabs">
        <For each={own()}>
          {(tab) => (
            <button
              type="button"
              role="tab"
              aria-selected={tab.id === active()?.id}
              onClick={() => open(tab.id)}
            >
              {im(tab.label)}
            </button>
          )}
        </For>
      </div>
      <Show when={active()} keyed>
        {(tab) => (
          <section role="tabpanel" aria-label={im(tab.label)}>
            <Dynamic
              component={tab.view}
              map={props.map}
              account={props.account}
              focus={focus()}
              open={open}
              signedOut={() => props.onSignedOut()}
              notificationsRead={() => props.onRead()}
            />
          </section>
        )}
      </Show>
    </aside>
  )
}
