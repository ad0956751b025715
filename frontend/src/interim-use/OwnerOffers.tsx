import { createResource, createSignal, For, Show } from 'solid-js'
import { isProblem, type Problem } from '../api/client.ts'
import { formatArea, formatDate, label } from '../i18n/locale.ts'
import { vocabulary } from '../registry.ts'
import type { TabProps } from './InterimUseWorkspace.tsx'
import { im } from './interim-messages.ts'
import { listOffers, type Offer, withdrawOffer } from './interim-use-api.ts'
import { OfferForm } from './OfferForm.tsx'
import { ProblemText } from './ProblemText.tsx'
import { showOnMap } from './show-on-map.ts'

// An owner's offers and where each stands: submitted, changes asked for (with the reviewer's
// reason), accepted, declined, withdrawn. From here the owner offers more land, revises an offer
// the planner asked changes for, or withdraws one not yet decided.

const withdrawable = new Set(['draft', 'submitted', 'changes_requested'])

/** The owner's "my offers" tab. */
export function OwnerOffers(props: TabProps) {
  const [offers, { refetch }] = createResource(async () => {
    const result = await listOffers()
    return isProblem(result) ? [] : result
  })
  const [editing, setEditing] = createSignal<{ offer?: Offer } | null>(null)
  const [problem, setProblem] = createSignal<Problem>()
  const [notice, setNotice] = createSignal('')

  let list!: HTMLDivElement
  const show = (offer: Offer) => {
    if (offer.geometry) showOnMap(props.map, offer.geometry, list)
  }
  const withdraw = async (offer: Offer) => {
    const result = await withdrawOffer(offer.id)
    if (isProblem(result)) return setProblem(result)
    setProblem(undefined)
    void refetch()
  }

  return (
    <div class="owner-offers" ref={list}>
      <Show
        when={editing()}
        fallback={
          <button
            type="button"
            class="primary"
            onClick={() => {
              setNotice('')
              setEditing({})
            }}
          >
            {im('offerLand')}
          </button>
        }
      >
        {(current) => (
          <OfferForm
            map={props.map}
            offer={current().offer}
            onDone={(offer) => {
              setEditing(null)
              setNotice(im('submitted'))
              void refetch()
              show(offer)
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Show>
      <Show when={notice()}>
        <p role="status">{notice()}</p>
      </Show>
      <ProblemText problem={problem()} />
      <Show when={!editing()}>
        <Show when={offers()} fallback={<p>{im('loading')}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{im('nothingYet')}</p>}>
              <ul class="offer-list">
                <For each={list()}>
                  {(offer) => (
                    <li classList={{ focused: props.focus.offer === offer.id }} data-offer={offer.id}>
                      <strong>{offer.title}</strong>{' '}
                      <span class="status" data-status={offer.status}>
                        {label(vocabulary.offerStatuses[offer.status])}
                      </span>
                      <dl class="facts">
                        <Show when={offer.area_m2}>
                          {(m2) => (
                            <>
                              <dt>{im('area')}</dt>
                              <dd>{formatArea(m2())}</dd>
                            </>
                          )}
                        </Show>
                        <Show when={offer.available_from || offer.available_until}>
                          <dt>{im('available')}</dt>
                          <dd>
                            {offer.available_from ? formatDate(offer.available_from) : '…'} –{' '}
                            {offer.available_until ? formatDate(offer.available_until) : '…'}
                          </dd>
                        </Show>
                        <Show when={offer.allowed_uses.length > 0}>
                          <dt>{im('allowedUses')}</dt>
                          <dd>
                            {offer.allowed_uses
                              .map((use) =>
                                label(vocabulary.offerUses[use as keyof typeof vocabulary.offerUses], use),
                              )
                              .join(', ')}
                          </dd>
                        </Show>
                        <Show when={offer.review_reason}>
                          <dt>{im('reviewReason')}</dt>
                          <dd class="review-reason">{offer.review_reason}</dd>
                        </Show>
                      </dl>
                      <div class="actions">
                        <button type="button" onClick={() => show(offer)}>
                          {im('showOnMap')}
                        </button>
                        <Show when={offer.status === 'changes_requested'}>
                          <button type="button" onClick={() => setEditing({ offer })}>
                            {im('revise')}
                          </button>
                        </Show>
                        <Show when={withdrawable.has(offer.status)}>
                          <button type="button" onClick={() => void withdraw(offer)}>
                            {im('withdraw')}
                          </button>
                        </Show>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  )
}
