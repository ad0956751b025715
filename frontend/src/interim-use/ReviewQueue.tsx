import { createResource, createSignal, For, onCleanup, Show, Suspense } from 'solid-js'
import { isProblem } from '../api/client.ts'
import { vocabulary } from '../registry.ts'
import type { TabProps } from './InterimUseWorkspace.tsx'
import { im } from './interim-messages.ts'
import { listOffers, type Offer, type OfferStatus } from './interim-use-api.ts'
import { OfferReview } from './OfferReview.tsx'
import { ProblemText } from './ProblemText.tsx'
import { word } from './planner-format.ts'
import './planner.css'

// The planners' review queue: the offers waiting for a decision, and on request the decided
// ones for the record. A decision moves the offer to the record at once; accepting leads on to
// the agreement.

const waitingStatuses: readonly OfferStatus[] = ['submitted', 'changes_requested']
const decidedStatuses: readonly OfferStatus[] = ['accepted', 'declined', 'withdrawn']

/** The review tab of planners and admins. */
export function ReviewQueue(props: TabProps) {
  const [offers, { mutate }] = createResource(() => listOffers())
  const loaded = () => {
    const result = offers.latest
    return result && !isProblem(result) ? result : []
  }
  const failed = () => {
    const result = offers.latest
    return result && isProblem(result) ? result : undefined
  }
  const [showDecided, setShowDecided] = createSignal(false)
  const [notice, setNotice] = createSignal('')
  const [accepted, setAccepted] = createSignal<Offer>()
  onCleanup(() => props.map.showOutline(null))

  const decided = (offer: Offer) => {
    mutate((list) => (isProblem(list) ? list : list?.map((o) => (o.id === offer.id ? offer : o))))
    setAccepted(offer.status === 'accepted' ? offer : undefined)
    setNotice(`${im('offer')} „${offer.title}“: ${word(vocabulary.offerStatuses, offer.status)}`)
  }
  const section = (statuses: readonly OfferStatus[], heading: string) => {
    const list = () => loaded().filter((offer) => statuses.includes(offer.status))
    return (
      <section aria-label={heading}>
        <h3>{heading}</h3>
        <Show when={list().length > 0} fallback={<p>{im('nothingYet')}</p>}>
          <ul class="offer-list">
            <For each={list()}>
              {(offer) => (
                <li>
                  <OfferReview offer={offer} map={props.map} onDecided={decided} />
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    )
  }
  return (
    <div class="review-queue">
      <p role="status" class="notice">
        {notice()}
      </p>
      <Show when={accepted()}>
        {(offer) => (
          <button
            type="button"
            class="primary"
            onClick={() => props.open('agreements', { offer: offer().id })}
          >
            {im('createAgreement')}
          </button>
        )}
      </Show>
      <label class="toggle-decided">
        <input
          type="checkbox"
          checked={showDecided()}
          onChange={(event) => setShowDecided(event.currentTarget.checked)}
        />
        {im('showDecided')}
      </label>
      <Suspense fallback={<p>{im('loading')}</p>}>
        <ProblemText problem={failed()} />
        {section(waitingStatuses, im('waitingForReview'))}
        <Show when={showDecided()}>{section(decidedStatuses, im('decidedOffers'))}</Show>
      </Suspense>
    </div>
  )
}
