import { makeMessages } from '../i18n/make-messages.ts'

// The words of search results that are not our layers: streets and addresses of the reference map.

/** Search's own texts. */
export const sm = makeMessages(
  {
    streets: 'Straße',
    addresses: 'Adresse',
    placeMarker: 'Gesuchte Adresse',
    startFromAddress: 'Von einer Adresse ausgehen',
    startFromAddressHint: 'Adresse suchen: Die Karte fliegt hin, und Sie zeichnen die Fläche dort.',
  },
  {
    streets: 'Street',
    addresses: 'Address',
    placeMarker: 'Address searched for',
    startFromAddress: 'Start from an address',
    startFromAddressHint: 'Search for an address: the map flies there, and you draw the land there.',
  },
)

/** Result kinds that are places to go to rather than features to open. */
export const placeKinds = new Set(['streets', 'addresses'])
