import { makeMessages } from '../i18n/make-messages.ts'

// The area comparison's own texts (issue 19), kept apart from the shared catalogue.

/** Texts of the area comparison: city column, totals per city, chart scales. */
export const om = makeMessages(
  {
    scale: 'Skala',
    city: 'Stadt',
    allCities: 'alle Städte',
    totals: 'Summe',
    totalsNote:
      'Summen je Stadt über die gezeigten Gebiete; Flächen, in denen sich Gebiete überschneiden, zählen in jedem Gebiet.',
    highlighted: 'Die verglichenen Gebiete sind auf der Karte schwarz umrandet.',
  },
  {
    scale: 'scale',
    city: 'City',
    allCities: 'all cities',
    totals: 'Total',
    totalsNote: 'Totals per city over the areas shown; land where areas overlap counts in each of them.',
    highlighted: 'The compared areas are outlined in black on the map.',
  },
)
