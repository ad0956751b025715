import { createResource, createSignal, createUniqueId, For, Show, Suspense } from 'solid-js'
import { isProblem, type Problem } from '../api/client.ts'
import { formatArea } from '../i18n/locale.ts'
import { AgreementTermsFields } from './AgreementTermsFields.tsx'
import { partiesOf, plotIdsOf, termsOf } from './agreement-form-data.ts'
import { im } from './interim-messages.ts'
import { type Agreement, type AgreementInput, createAgreement, listOffers } from './interim-use-api.ts'
import { NewPartiesFields } from './NewPartiesFields.tsx'
import { PlotsChooser } from './PlotsChooser.tsx'
import { ProblemText } from './ProblemText.tsx'

type Props = {
  offerId: number | undefined
  agreements: Agreement[]
  onCreated(agreement: Agreement): void
  onCancel(): void
}

/**
 * A new draft agreement, from an accepted offer that has none yet (its plot and owner come
 * with it) or from plots by id; with terms and the parties besides the owner.
 */
export function AgreementForm(props: Props) {
  const heading = createUniqueId()
  const [offers] = createResource(async () => {
    const result = await listOffers('accepted')
    return isProblem(result) ? [] : result
  })
  const open = () =>
    (offers.latest ?? []).filter((offer) => !props.agreements.some((a) => a.offer_id === offer.id))
  const [source, setSource] = createSignal(props.offerId === undefined ? '' : String(props.offerId))
  const [problem, setProblem] = createSignal<Problem>()
  const [busy, setBusy] = createSignal(false)
  const submit = async (event: SubmitEvent & { currentTarget: HTMLFormElement }) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const input: AgreementInput = { ...termsOf(form, true), parties: partiesOf(form) }
    if (source()) input.offer_id = Number(source())
    else input.plot_ids = plotIdsOf(form)
    setBusy(true)
    const result = await createAgreement(input)
    setBusy(false)
    if (isProblem(result)) return setProblem(result)
    props.onCreated(result)
  }
  return (
    <form class="agreement-form" aria-labelledby={heading} onSubmit={submit}>
      <h3 id={heading}>{im('newAgreement')}</h3>
      <label>
        {im('source')}
        <select name="offer" onChange={(event) => setSource(event.currentTarget.value)}>
          <option value="">{im('fromPlots')}</option>
          <Suspense>
            <For each={open()}>
              {(offer) => (
                <option value={offer.id} selected={String(offer.id) === source()}>
                  {im('acceptedOffer')}: {offer.title}
                  {offer.area_m2 === null ? '' : ` (${formatArea(offer.area_m2)})`}
                </option>
              )}
            </For>
          </Suspense>
        </select>
      </label>
      <Show when={!source()}>
        <PlotsChooser />
      </Show>
      <AgreementTermsFields fromOffer={Boolean(source())} />
      <NewPartiesFields />
      <ProblemText problem={problem()} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy()}>
          {im('createAgreement')}
        </button>
        <button type="button" onClick={() => props.onCancel()}>
          {im('cancel')}
        </button>
      </div>
    </form>
  )
}
