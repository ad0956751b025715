import { createSignal, createUniqueId, type JSX, Show } from 'solid-js'
import { isProblem, type Problem } from '../api/client.ts'
import { ConfirmDialog } from '../editing/ConfirmDialog.tsx'
import { ReferenceField } from '../editing/ReferenceField.tsx'
import { formatArea } from '../i18n/locale.ts'
import type { MapHandle } from '../map/map-view.ts'
import { vocabulary } from '../registry.ts'
import { ContactView } from './ContactView.tsx'
import { im } from './interim-messages.ts'
import {
  acceptOffer,
  confirmOrganisation,
  declineOffer,
  type Offer,
  requestChanges,
} from './interim-use-api.ts'
import { ProblemText } from './ProblemText.tsx'
import { period, word } from './planner-format.ts'
import { ReasonForm } from './ReasonForm.tsx'
import { showOnMap } from './show-on-map.ts'

type Props = { offer: Offer; map: MapHandle; onDecided(offer: Offer): void }

/** An existing plot to link the offer to, chosen by name from a searchable list (never typed as a number). */
const plotField = {
  name: 'plot_id',
  label: { de: 'Fläche', en: 'Plot' },
  kind: 'reference' as const,
  required: false,
  references: 'plots' as const,
}

// The server reviews only these; an offer already sent back waits for its owner, not for a second request.
const reviewable = new Set(['submitted', 'changes_requested'])

/** One offer as a reviewer sees it (terms, owner contact), with the decisions it still allows. */
export function OfferReview(props: Props) {
  const plotChoice = createUniqueId()
  const plotName = createUniqueId()
  const heading = createUniqueId()
  const [asking, setAsking] = createSignal<'changes' | 'decline' | null>(null)
  const [problem, setProblem] = createSignal<Problem>()
  const [busy, setBusy] = createSignal(false)
  // Empty: accepting makes the drawn land a new plot; a number links the offer to that plot.
  const [linkPlot, setLinkPlot] = createSignal('')
  // The new plot's public name: the title may name a person, so the reviewer sees and edits it.
  const [name, setName] = createSignal(props.offer.title)
  const [confirmingAccept, setConfirmingAccept] = createSignal(false)
  const newPlot = () => offer().plot_id === null && !linkPlot()
  const accept = () => {
    setConfirmingAccept(false)
    void decide(() =>
      acceptOffer(
        offer().id,
        linkPlot() ? { plot_id: Number(linkPlot()) } : newPlot() ? { name: name().trim() } : {},
      ),
    )
  }
  const decide = async (send: () => Promise<Offer | Problem>) => {
    setBusy(true)
    const result = await send()
    setBusy(false)
    if (isProblem(result)) return setProblem(result)
    setProblem(undefined)
    setAsking(null)
    props.onDecided(result)
  }
  const offer = () => props.offer
  const fact = (term: string, value: JSX.Element) => (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  )
  return (
    <article class="offer-review" aria-labelledby={heading}>
      <h4 id={heading}>{offer().title}</h4>
      <dl class="facts-list">
        {fact(im('status'), word(vocabulary.offerStatuses, offer().status))}
        {fact(
          im('offeredBy'),
          <>
            {offer().owner_organisation ?? im('kindPerson')}
            <Show when={offer().owner_organisation_confirmed === false}>
              {' '}
              <span class="mark unconfirmed">({im('organisationUnconfirmed')})</span>
            </Show>
          </>,
        )}
        <Show when={offer().plot_of_other_party}>
          {fact(im('offeredPlot'), <span class="mark other-party">{im('plotOfOtherParty')}</span>)}
        </Show>
        {fact(im('districts'), offer().districts.join(', ') || '–')}
        {fact(im('programmeAreas'), offer().programme_areas.join(', ') || '–')}
        {fact(im('area'), offer().area_m2 === null ? '–' : formatArea(offer().area_m2 ?? 0))}
        {fact(im('available'), period(offer().available_from, offer().available_until))}
        {fact(
          im('allowedUses'),
          offer()
            .allowed_uses.map((use) => word(vocabulary.offerUses, use))
            .join(', ') || '–',
        )}
        {fact(im('conditions'), offer().conditions ?? '–')}
        <Show when={offer().review_reason}>{(reason) => fact(im('reviewReason'), reason())}</Show>
        <Show when={offer().contact}>
          {(contact) => fact(im('ownerContact'), <ContactView contact={contact()} />)}
        </Show>
      </dl>
      <div class="actions">
        <Show when={offer().geometry}>
          {(geometry) => (
            <button type="button" onClick={(event) => showOnMap(props.map, geometry(), event.currentTarget)}>
              {im('showOnMap')}
            </button>
          )}
        </Show>
        <Show when={offer().owner_organisation_confirmed === false}>
          <button
            type="button"
            disabled={busy()}
            onClick={() => void decide(() => confirmOrganisation(offer().id))}
          >
            {im('confirmOrganisation')}
          </button>
        </Show>
        <Show when={reviewable.has(offer().status)}>
          <Show when={offer().plot_id === null}>
            <div class="link-plot">
              <label for={plotChoice}>{im('linkPlot')}</label>
              <ReferenceField field={plotField} id={plotChoice} value={linkPlot()} onInput={setLinkPlot} />
            </div>
          </Show>
          <Show when={newPlot()}>
            <div class="plot-name">
              <label for={plotName}>{im('newPlotName')}</label>
              <input
                id={plotName}
                required
                maxLength={200}
                value={name()}
                aria-describedby={`${plotName}-hint`}
                onInput={(event) => setName(event.currentTarget.value)}
              />
              <p id={`${plotName}-hint`} class="hint">
                {im('newPlotNameHint')}
              </p>
            </div>
          </Show>
          <button
            type="button"
            disabled={busy() || (newPlot() && !name().trim())}
            onClick={() => setConfirmingAccept(true)}
          >
            {im('accept')}
          </button>
          <Show when={offer().status === 'submitted'}>
            <button type="button" aria-expanded={asking() === 'changes'} onClick={() => setAsking('changes')}>
              {im('requestChanges')}
            </button>
          </Show>
          <button type="button" aria-expanded={asking() === 'decline'} onClick={() => setAsking('decline')}>
            {im('decline')}
          </button>
        </Show>
      </div>
      <Show when={asking()} keyed>
        {(kind) => (
          <ReasonForm
            label={kind === 'changes' ? im('changesReason') : im('declineReason')}
            warning={kind === 'decline' ? im('cannotUndo') : undefined}
            submit={kind === 'changes' ? im('sendRequest') : im('confirmDecline')}
            onSubmit={(reason) =>
              void decide(() =>
                kind === 'changes' ? requestChanges(offer().id, reason) : declineOffer(offer().id, reason),
              )
            }
            onCancel={() => setAsking(null)}
          />
        )}
      </Show>
      <ConfirmDialog
        open={confirmingAccept()}
        title={im('confirmAccept')}
        confirmLabel={im('acceptConfirmed')}
        onCancel={() => setConfirmingAccept(false)}
        onConfirm={accept}
      >
        <p>
          <Show when={newPlot()} fallback={im('confirmAcceptLinked')}>
            {im('confirmAcceptNew')} <strong>„{name().trim()}“</strong>.
          </Show>{' '}
          {im('cannotUndo')}
        </p>
      </ConfirmDialog>
      <ProblemText problem={problem()} />
    </article>
  )
}
