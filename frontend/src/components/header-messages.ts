import { makeMessages } from '../i18n/make-messages.ts'

// The words of the header's map tools, the phone menu and the layer panel's opacity and legend
// controls. The tools' own words load with the tools (tools/tools-messages.ts).

export const headerText = makeMessages(
  {
    measure: 'Messen',
    coordinates: 'Koordinaten',
    print: 'Drucken',
    menu: 'Menü',
    opacity: 'Deckkraft',
    legendInView: 'Legende (im Ausschnitt)',
  },
  {
    measure: 'Measure',
    coordinates: 'Coordinates',
    print: 'Print',
    menu: 'Menu',
    opacity: 'Opacity',
    legendInView: 'Legend (in view)',
  },
)
