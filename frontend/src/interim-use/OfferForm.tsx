import type { Geometry } from 'geojson'
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { isProblem, type Problem } from '../api/client.ts'
import { SearchBox } from '../components/SearchBox.tsx'
import { placeKinds, sm } from '../components/search-messages.ts'
import { reasonText } from '../editing/editing-messages.ts'
import { measure, sridFor } from '../geometry/measure.ts'
import { validateGeometry } from '../geometry/validate.ts'
import { formatArea, label } from '../i18n/locale.ts'
import { type DrawSession, makeDrawSession } from '../map/draw/draw-session.ts'
import type { MapHandle } from '../map/map-view.ts'
import { vocabulary } from '../registry.ts'
import { type InterimMessage, im } from './interim-messages.ts'
import { type Contact, type Offer, type OfferInput, reviseOffer, submitOffer } from './interim-use-api.ts'
import { landAtAddress } from './land-at-address.ts'
import { ProblemText } from './ProblemText.tsx'

// An owner's offer: the land (drawn on the map with Terra Draw, or an existing plot picked on
// the map), when it is available, which uses are allowed, the conditions and a contact. The
// contact is personal data: the server keeps it apart and never shows it publicly.

type Source = { kind: 'drawn'; geometry: Geometry } | { kind: 'plot'; id: number; name: string }

const contactFields: { name: keyof Contact; label: InterimMessage; type: string; autocomplete: string }[] = [
  { name: 'contact_name', label: 'contactName', type: 'text', autocomplete: 'name' },
  { name: 'street_address', label: 'streetAddress', type: 'text', autocomplete: 'street-address' },
  { name: 'postcode', label: 'postcode', type: 'text', autocomplete: 'postal-code' },
  { name: 'city', label: 'city', type: 'text', autocomplete: 'address-level2' },
  { name: 'email', label: 'email', type: 'email', autocomplete: 'email' },
  { name: 'phone', label: 'phone', type: 'tel', autocomplete: 'tel' },
]

const offerUses = Object.entries(vocabulary.offerUses)

/** The form to offer land, or to revise an offer the planner asked changes for (`offer`). */
export function OfferForm(props: {
  map: MapHandle
  offer?: Offer
  onDone(offer: Offer): void
  onCancel(): void
}) {
  let session: DrawSession | undefined
  const [source, setSource] = createSignal<Source>()
  const [picking, setPicking] = createSignal(false)
  const [problem, setProblem] = createSignal<Problem>()
  const [sending, setSending] = createSignal(false)
  const [proposal, setProposal] = createSignal<'building' | 'square'>()

  const drawn = () => {
    const current = source()
    return current?.kind === 'drawn' ? current.geometry : undefined
  }
  const validation = createMemo(() => {
    const geometry = drawn()
    return geometry ? validateGeometry(geometry, 'MultiPolygon') : undefined
  })
  const area = createMemo(() => {
    const geometry = drawn()
    if (!geometry || !validation()?.valid) return undefined
    return measure(geometry, sridFor(undefined, geometry)).areaM2
  })

  onMount(async () => {
    const stop = props.map.onFeatureClick((ref) => {
      if (!picking() || ref.collection !== 'plots') return
      const name = props.map
        .renderedItems()
        .find((item) => item.collection === 'plots' && item.id === ref.id)?.name
      setSource({ kind: 'plot', id: Number(ref.id), name: name ?? `#${ref.id}` })
      setPicking(false)
    })
    onCleanup(stop)
    session = await makeDrawSession(props.map)
    session.setSnapping(false)
    session.onChange((geometry) => {
      if (geometry) setSource({ kind: 'drawn', geometry })
      const v = geometry ? validateGeometry(geometry, 'MultiPolygon') : undefined
      session?.showProblem(
        v && !v.valid ? v.location : undefined,
        v && !v.valid ? reasonText(v.reason, v.message) : '',
      )
    })
    const offer = props.offer
    if (offer?.plot_id) setSource({ kind: 'plot', id: offer.plot_id, name: `#${offer.plot_id}` })
    else if (offer?.geometry) session.load(offer.geometry)
  })

  const startDrawing = () => {
    setPicking(false)
    setProposal(undefined)
    setSource(undefined)
    session?.draw('polygon')
  }
  const startPicking = () => {
    session?.clear()
    setProposal(undefined)
    setSource(undefined)
    setPicking(true)
  }
  const ready = () => {
    const current = source()
    return current?.kind === 'plot' || (current?.kind === 'drawn' && validation()?.valid === true)
  }

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const current = source()
    if (!current || !ready()) return setProblem({ status: 0, title: im('noArea') })
    const form = new FormData(event.currentTarget as HTMLFormElement)
    const text = (name: string) => String(form.get(name) ?? '').trim() || null
    const input: OfferInput = {
      title: text('title') ?? '',
      available_from: text('available_from'),
      available_until: text('available_until'),
      allowed_uses: form
        .getAll('allowed_uses')
        .map(String)
        .filter((use) => vocabulary.isKeyOf(vocabulary.offerUses, use)),
      conditions: text('conditions'),
      contact: Object.fromEntries(contactFields.map((field) => [field.name, text(field.name)])),
      ...(current.kind === 'plot' ? { plot_id: current.id } : { geometry: current.geometry }),
    }
    setSending(true)
    const offer = props.offer
    const result = offer ? await reviseOffer(offer.id, offer.version, input) : await submitOffer(input)
    setSending(false)
    if (isProblem(result)) return setProblem(result)
    setProblem(undefined)
    session?.clear()
    props.onDone(result)
  }

  // An owner may start from an address: the map flies there and marks it, an empty title takes
  // the address, and the land there is proposed (land-at-address.ts says which and why): our plot
  // is picked, a building outline or a small square is loaded for the owner to correct.
  let titleInput: HTMLInputElement | undefined
  const startFromAddress = async (result: { name: string; center?: [number, number] | null }) => {
    if (titleInput && titleInput.value.trim() === '') titleInput.value = result.name
    const center = result.center
    if (!center) return startDrawing()
    props.map.flyTo(center, 18)
    props.map.markPlace(center)
    const land = await landAtAddress(center)
    setPicking(false)
    session?.clear()
    if (land.kind === 'plot') return setSource({ kind: 'plot', id: land.id, name: land.name })
    session?.load(land.geometry)
    setSource({ kind: 'drawn', geometry: land.geometry })
    setProposal(land.kind)
  }
  onCleanup(() => props.map.markPlace(null))

  const initial = props.offer
  return (
    <form class="offer-form" onSubmit={submit} aria-label={initial ? im('revise') : im('offerLand')}>
      <h3>{initial ? im('revise') : im('offerLand')}</h3>
      <div class="offer-address">
        <SearchBox
          id="offer-address"
          label={sm('startFromAddress')}
          only={placeKinds}
          onChoose={startFromAddress}
        />
        <p class="hint">{sm('startFromAddressHint')}</p>
      </div>
      <div class="actions">
        <button type="button" aria-pressed={Boolean(drawn())} onClick={startDrawing}>
          {im('drawArea')}
        </button>
        <button type="button" aria-pressed={picking() || source()?.kind === 'plot'} onClick={startPicking}>
          {im('pickPlot')}
        </button>
      </div>
      <p class="hint" role="status">
        <Show when={picking()}>{im('pickPlotHint')}</Show>
        <Show when={!picking() && !source()}>{im('drawHint')}</Show>
        <Show when={source()?.kind === 'plot' ? source() : undefined}>
          {(plot) => `${im('pickedPlot')}: ${(plot() as { name: string }).name}`}
        </Show>
        <Show when={proposal()}>
          {(kind) => (
            <span class="proposal">{sm(kind() === 'building' ? 'fromBuilding' : 'fromSquare')} </span>
          )}
        </Show>
        <Show when={area()}>
          {(m2) => (
            <span class="measurement" data-area-m2={m2().toFixed(1)}>
              {im('drawnArea')}: {formatArea(m2())}
            </span>
          )}
        </Show>
      </p>
      <Show when={validation()?.valid === false ? validation() : undefined}>
        {(v) => (
          <p role="alert" class="field-error">
            {reasonText(v().reason ?? '', v().message)}
          </p>
        )}
      </Show>
      <label>
        {im('offerTitle')}
        <input ref={titleInput} name="title" required maxLength={200} value={initial?.title ?? ''} />
      </label>
      <div class="two">
        <label>
          {im('availableFrom')}
          <input name="available_from" type="date" value={initial?.available_from ?? ''} />
        </label>
        <label>
          {im('availableUntil')}
          <input name="available_until" type="date" value={initial?.available_until ?? ''} />
        </label>
      </div>
      <fieldset>
        <legend>{im('allowedUses')}</legend>
        <For each={offerUses}>
          {([key, labels]) => (
            <label class="choice">
              <input
                type="checkbox"
                name="allowed_uses"
                value={key}
                checked={initial?.allowed_uses.includes(key) ?? false}
              />{' '}
              {label(labels)}
            </label>
          )}
        </For>
      </fieldset>
      <label>
        {im('conditions')}
        <textarea name="conditions" rows="3" maxLength={4000} value={initial?.conditions ?? ''} />
      </label>
      <fieldset>
        <legend>{im('contact')}</legend>
        <For each={contactFields}>
          {(field) => (
            <label>
              {im(field.label)}
              <input
                name={field.name}
                type={field.type}
                autocomplete={field.autocomplete}
                value={initial?.contact?.[field.name] ?? ''}
              />
            </label>
          )}
        </For>
      </fieldset>
      <ProblemText problem={problem()} />
      <div class="actions">
        <button type="submit" class="primary" disabled={sending()}>
          {initial ? im('saveChanges') : im('submitOffer')}
        </button>
        <button type="button" onClick={() => props.onCancel()}>
          {im('cancel')}
        </button>
      </div>
    </form>
  )
}
