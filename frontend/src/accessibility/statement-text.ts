import type { Lang } from '../i18n/locale.ts'

// The running text of the accessibility statement (BITV 2.0 § 7, following the EU model
// statement 2018/1523): the state of conformity as measured, what is not accessible and why,
// the date, the way to report barriers and the enforcement procedure. Honest about the gaps: the
// statement is checked against the axe-core audit in frontend/test/accessibility.test.ts.

export type Section = { heading: string; paragraphs: readonly string[]; items?: readonly string[] }

export const statementText: Record<Lang, readonly Section[]> = {
  de: [
    {
      heading: 'Geltungsbereich',
      paragraphs: [
        'Die Stadt und ihre Quartiersmanagements sind bemüht, Quartiersatlas im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und der europäischen Norm EN 301 549 barrierefrei zugänglich zu machen. Diese Erklärung gilt für die Kartenanwendung Quartiersatlas mit ihren Ansichten und Arbeitsbereichen.',
      ],
    },
    {
      heading: 'Stand der Vereinbarkeit mit den Anforderungen',
      paragraphs: [
        'Quartiersatlas ist teilweise mit den Anforderungen der BITV 2.0 (WCAG 2.1, Stufe AA) vereinbar. Die unten genannten Inhalte sind nicht oder nicht vollständig barrierefrei.',
      ],
    },
    {
      heading: 'Nicht barrierefreie Inhalte',
      paragraphs: ['Folgende Inhalte sind nicht oder nur eingeschränkt barrierefrei:'],
      items: [
        'Die Karte selbst ist eine Grafik. Flächen und Symbole auf der Karte kann ein Screenreader nicht vorlesen. Als Alternative zeigt die Ansicht „Liste“ alles, was im Kartenausschnitt zu sehen ist; die Suche findet jedes Objekt mit Namen. Von beiden aus öffnet sich die Beschreibung eines Objekts.',
        'Neue Flächen auf der Karte zu zeichnen oder Umrisse zu ändern, geht nur mit Maus, Stift oder Finger. Eigentümerinnen und Eigentümer können eine Fläche stattdessen über ein vorhandenes Flurstück oder eine Adresse anbieten.',
        'Die Hintergrundkarte (basemap.de) wird von einem anderen Anbieter geliefert; ihre Farben und Beschriftungen können wir nicht ändern.',
        'Hochgeladene PDF-Dokumente, etwa Gestattungsvereinbarungen, sind nicht auf Barrierefreiheit geprüft.',
        'Die Diagramme im Gebietsvergleich sind Grafiken; dieselben Zahlen stehen in der Tabelle darunter.',
        'Eine vollständige Prüfung nach BITV durch Fachleute steht noch aus.',
      ],
    },
    {
      heading: 'Erstellung dieser Erklärung',
      paragraphs: [
        'Diese Erklärung wurde am 7. Dezember 2026 erstellt. Grundlage ist eine Selbstbewertung: Jede Ansicht wird bei jeder Änderung automatisch mit axe-core geprüft, auf Deutsch und Englisch, am Bildschirm und am Telefon; dazu kommen Tests, die nur die Tastatur benutzen.',
      ],
    },
    {
      heading: 'Barrieren melden: Kontakt und Rückmeldung',
      paragraphs: [
        'Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Dann melden Sie sie mit dem Formular unten. Ihre Meldung geht an die Verwaltung von Quartiersatlas. Wir antworten innerhalb von sechs Wochen.',
      ],
    },
    {
      heading: 'Durchsetzungsverfahren',
      paragraphs: [
        'Bekommen Sie innerhalb von sechs Wochen keine oder keine zufriedenstellende Antwort, können Sie sich an die Durchsetzungsstelle für Barrierefreiheit Ihres Bundeslandes wenden. In Sachsen ist das die Durchsetzungsstelle nach dem Barrierefreie-Websites-Gesetz (BfWebG). Das Verfahren dort ist kostenlos; Sie brauchen keinen Anwalt. Die Anschrift der Durchsetzungsstelle nennt die Stadt auf ihrer Webseite.',
      ],
    },
  ],
  en: [
    {
      heading: 'Scope',
      paragraphs: [
        'The city and its neighbourhood-management offices strive to make Quartiersatlas accessible in line with the German accessibility regulation (BITV 2.0) and the European standard EN 301 549. This statement covers the Quartiersatlas map application with its views and workspaces.',
      ],
    },
    {
      heading: 'Compliance status',
      paragraphs: [
        'Quartiersatlas is partially compliant with BITV 2.0 (WCAG 2.1, level AA). The content listed below is not, or not fully, accessible.',
      ],
    },
    {
      heading: 'Non-accessible content',
      paragraphs: ['The following content is not accessible, or only in part:'],
      items: [
        'The map itself is an image. A screen reader cannot read the areas and symbols on it. As an alternative, the “List” view shows everything in the current map view, and the search finds every feature by name. Both open the description of a feature.',
        'Drawing new areas on the map or changing outlines needs a mouse, pen or finger. Owners can offer land by choosing an existing plot or an address instead.',
        'The background map (basemap.de) comes from another provider; we cannot change its colours and labels.',
        'Uploaded PDF documents, such as interim-use agreements, are not checked for accessibility.',
        'The charts in “Compare areas” are images; the same figures are in the table below them.',
        'A full BITV test by experts has not been done yet.',
      ],
    },
    {
      heading: 'Preparation of this statement',
      paragraphs: [
        'This statement was prepared on 7 December 2026. It is based on a self-assessment: every view is checked automatically with axe-core on every change, in German and English, on a desktop screen and on a phone, together with tests that use only the keyboard.',
      ],
    },
    {
      heading: 'Reporting barriers: contact and feedback',
      paragraphs: [
        'Did you find a barrier? Report it with the form below. Your report goes to the administration of Quartiersatlas. We answer within six weeks.',
      ],
    },
    {
      heading: 'Enforcement procedure',
      paragraphs: [
        'If you get no answer, or no satisfactory answer, within six weeks, you can turn to the enforcement body for accessibility of your federal state. In Saxony this is the enforcement body (Durchsetzungsstelle) under the Saxon accessible websites act (Barrierefreie-Websites-Gesetz, BfWebG). Its procedure is free of charge and needs no lawyer. The city names its address on its website.',
      ],
    },
  ],
}
