import { makeMessages } from '../i18n/make-messages.ts'

// The words of search results that are not our layers: streets and addresses of the reference map.

/** Search's own texts. */
export const sm = makeMessages(
  {
    streets: 'Straße',
    addresses: 'Adresse',
    placeMarker: 'Gesuchte Adresse',
    startFromAddress: 'Von einer Adresse ausgehen',
    startFromAddressHint:
      'Adresse suchen: Die Karte fliegt hin und schlägt die Fläche dort vor, die Sie dann anpassen.',
    fromBuilding:
      'Umriss des Gebäudes an dieser Adresse übernommen: bitte an die Grundstücksgrenze anpassen.',
    fromSquare:
      'Kein Gebäude an dieser Adresse: ein Quadrat von 20 m als Anfang, bitte die Fläche nachzeichnen.',
  },
  {
    streets: 'Street',
    addresses: 'Address',
    placeMarker: 'Address searched for',
    startFromAddress: 'Start from an address',
    startFromAddressHint:
      'Search for an address: the map flies there and proposes the land there for you to adjust.',
    fromBuilding: 'The outline of the building at this address: please adjust it to the plot boundary.',
    fromSquare: 'No building at this address: a 20 m square to start from, please redraw the land.',
  },
)

/** Result kinds that are places to go to rather than features to open. */
export const placeKinds = new Set(['streets', 'addresses'])
