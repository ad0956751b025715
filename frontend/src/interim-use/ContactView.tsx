import { Show } from 'solid-js'
import type { Contact } from './interim-use-api.ts'

/** A party's private contact, which only planners get: name, address, e-mail and phone as links. */
export function ContactView(props: { contact: Contact }) {
  const place = () => [props.contact.postcode, props.contact.city].filter(Boolean).join(' ')
  return (
    <address class="contact">
      <Show when={props.contact.contact_name}>{(name) => <span>{name()}</span>}</Show>
      <Show when={props.contact.street_address}>{(street) => <span>{street()}</span>}</Show>
      <Show when={place()}>
        <span>{place()}</span>
      </Show>
      <Show when={props.contact.email}>{(email) => <a href={`mailto:${email()}`}>{email()}</a>}</Show>
      <Show when={props.contact.phone}>
        {(phone) => <a href={`tel:${phone().replace(/[^+\d]/g, '')}`}>{phone()}</a>}
      </Show>
    </address>
  )
}
