import type { Lang } from '../i18n/locale.ts'
import type { Section } from './statement-text.ts'

// Quartiersatlas in Leichte Sprache (the rules of the Netzwerk Leichte Sprache: short sentences,
// one statement each, hard words explained) and, for English, in easy-to-read English.

export const easyLanguageText: Record<Lang, readonly Section[]> = {
  de: [
    {
      heading: 'Was ist Quartiersatlas?',
      paragraphs: [
        'Quartiersatlas ist eine Karte im Internet.',
        'Die Karte zeigt einen Teil der Stadt.',
        'Einen Teil der Stadt nennt man auch: Quartier.',
        'Auf der Karte sehen Sie zum Beispiel:',
      ],
      items: [
        'Gärten für die Nachbarschaft.',
        'Feste und andere Termine.',
        'Leere Grundstücke. Man sagt auch: Brach-Flächen.',
        'Projekte, für die die Stadt Geld gibt.',
      ],
    },
    {
      heading: 'Wie finde ich etwas?',
      paragraphs: [
        'Oben ist ein Such-Feld.',
        'Schreiben Sie dort einen Namen oder eine Straße.',
        'Zum Beispiel: Josephstraße.',
        'Dann zeigt Quartiersatlas eine Liste.',
        'Wählen Sie einen Eintrag aus.',
        'Dann sehen Sie mehr über diesen Ort.',
      ],
    },
    {
      heading: 'Ich kann die Karte nicht gut sehen.',
      paragraphs: [
        'Dann gibt es eine Liste.',
        'Drücken Sie oben auf: Liste.',
        'Die Liste zeigt alles, was gerade auf der Karte ist.',
        'Sie können alles auch mit der Tastatur machen.',
        'Mit der Tab-Taste kommen Sie zum nächsten Knopf.',
      ],
    },
    {
      heading: 'Ich habe ein Grundstück.',
      paragraphs: [
        'Sie haben ein leeres Grundstück?',
        'Und andere Menschen dürfen es eine Zeit lang benutzen?',
        'Dann können Sie es in Quartiersatlas anbieten.',
        'Dafür brauchen Sie ein Konto.',
        'Drücken Sie auf: Anmelden.',
      ],
    },
    {
      heading: 'Etwas geht nicht.',
      paragraphs: [
        'Sie können etwas in Quartiersatlas nicht benutzen?',
        'Dann sagen Sie es uns.',
        'Dafür gibt es die Seite: Erklärung zur Barriere-Freiheit.',
        'Dort können Sie uns schreiben.',
        'Wir antworten Ihnen.',
      ],
    },
  ],
  en: [
    {
      heading: 'What is Quartiersatlas?',
      paragraphs: [
        'Quartiersatlas is a map on the internet.',
        'The map shows a part of the city.',
        'A part of the city is also called: a quarter.',
        'On the map you see for example:',
      ],
      items: [
        'Gardens for the neighbourhood.',
        'Festivals and other dates.',
        'Empty plots of land.',
        'Projects that the city pays for.',
      ],
    },
    {
      heading: 'How do I find something?',
      paragraphs: [
        'At the top there is a search field.',
        'Write a name or a street there.',
        'For example: Josephstraße.',
        'Quartiersatlas then shows a list.',
        'Choose one entry.',
        'Then you see more about this place.',
      ],
    },
    {
      heading: 'I cannot see the map well.',
      paragraphs: [
        'Then there is a list.',
        'Press at the top: List.',
        'The list shows everything that is on the map now.',
        'You can do everything with the keyboard too.',
        'The Tab key takes you to the next button.',
      ],
    },
    {
      heading: 'I have a plot of land.',
      paragraphs: [
        'You have an empty plot of land?',
        'And other people may use it for a while?',
        'Then you can offer it in Quartiersatlas.',
        'For this you need an account.',
        'Press: Sign in.',
      ],
    },
    {
      heading: 'Something does not work.',
      paragraphs: [
        'You cannot use something in Quartiersatlas?',
        'Then tell us.',
        'For this there is the page: Accessibility statement.',
        'There you can write to us.',
        'We answer you.',
      ],
    },
  ],
}
