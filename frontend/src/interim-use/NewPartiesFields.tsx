import { im } from './interim-messages.ts'

/** The parties a planner adds to a new agreement (read with partiesOf, agreement-form-data.ts). */
export function NewPartiesFields() {
  return (
    <>
      <fieldset class="parties-fields">
        <legend>{im('userParty')}</legend>
        <label>
          {im('organisationName')} <span class="hint">({im('publicOnceActive')})</span>
          <input name="user_name" maxLength={200} />
        </label>
        <label>
          {im('contactName')} <span class="hint">({im('notPublic')})</span>
          <input name="user_contact_name" maxLength={200} />
        </label>
        <label>
          {im('email')}
          <input name="user_email" type="email" maxLength={254} />
        </label>
        <label>
          {im('phone')}
          <input name="user_phone" type="tel" maxLength={50} />
        </label>
      </fieldset>
      <fieldset class="parties-fields">
        <legend>{im('furtherParties')}</legend>
        <label class="check">
          <input name="city" type="checkbox" />
          {im('cityParty')}
        </label>
        <label>
          {im('cityName')}
          <input name="city_name" maxLength={200} value="Stadt Leipzig" />
        </label>
        <label>
          {im('intermediaryName')}
          <input name="intermediary_name" maxLength={200} />
        </label>
      </fieldset>
    </>
  )
}
