import { lang } from '../i18n/locale.ts'

// The editing tools' words, German and English; validation reasons by their stable codes.

const de = {
  editing: 'Bearbeiten',
  signIn: 'Anmelden',
  signOut: 'Abmelden',
  email: 'E-Mail',
  password: 'Passwort',
  signInFailed: 'Anmeldung fehlgeschlagen',
  layer: 'Ebene',
  drawPolygon: 'Fläche zeichnen',
  drawLine: 'Linie zeichnen',
  drawPoint: 'Punkt setzen',
  editSelected: 'Ausgewähltes Objekt bearbeiten',
  split: 'Fläche entlang einer Linie teilen',
  hole: 'Loch ausschneiden',
  merge: 'Mit Nachbarfläche zusammenführen',
  buffer: 'Linie zu Korridor puffern',
  undo: 'Rückgängig',
  redo: 'Wiederholen',
  snapping: 'Fangen an Stützpunkten und Kanten',
  discard: 'Verwerfen',
  deleteFeature: 'Objekt löschen',
  save: 'Speichern',
  saved: 'Gespeichert',
  newFeature: 'Neues Objekt',
  editingFeature: 'Objekt bearbeiten',
  nothingDrawn: 'Zeichnen Sie auf der Karte.',
  chooseFeature: 'Wählen Sie zuerst ein Objekt auf der Karte.',
  drawCutLine: 'Zeichnen Sie die Teilungslinie über die Fläche (Doppelklick beendet).',
  drawHole: 'Zeichnen Sie das Loch innerhalb der Fläche.',
  clickNeighbour: 'Klicken Sie auf die Nachbarfläche.',
  bufferMetres: 'Abstand in Metern zu jeder Seite',
  splitDone: 'Geteilt: der erste Teil ersetzt die Fläche, die übrigen werden neu angelegt.',
  required: 'Pflichtfeld',
  conflictTitle: 'Jemand anderes hat dieses Objekt inzwischen gespeichert',
  conflictHelp: 'Vergleichen Sie beide Fassungen. Nichts wird ohne Ihre Wahl überschrieben.',
  theirs: 'Deren Fassung',
  mine: 'Meine Fassung',
  keepTheirs: 'Deren Fassung behalten',
  keepMine: 'Meine Fassung speichern',
  mergeAttributes: 'Attribute zusammenführen und speichern',
  property: 'Eigenschaft',
  history: 'Versionen',
  version: 'Version',
  restore: 'Diese Version wiederherstellen',
  showOnMap: 'Auf der Karte zeigen',
  asOf: 'Stand am',
  asOfOff: 'Heutiger Stand',
  anonymous: 'Import/System',
  area: 'Fläche',
  length: 'Länge',
  outsideAreas: 'Außerhalb Ihrer Fördergebiete',
  close: 'Schließen',
} as const

export type EditingMessage = keyof typeof de

const en: Record<EditingMessage, string> = {
  editing: 'Edit',
  signIn: 'Sign in',
  signOut: 'Sign out',
  email: 'E-mail',
  password: 'Password',
  signInFailed: 'Sign-in failed',
  layer: 'Layer',
  drawPolygon: 'Draw an area',
  drawLine: 'Draw a line',
  drawPoint: 'Place a point',
  editSelected: 'Edit the selected feature',
  split: 'Split the area along a line',
  hole: 'Cut a hole',
  merge: 'Merge with a neighbouring area',
  buffer: 'Buffer the line into a corridor',
  undo: 'Undo',
  redo: 'Redo',
  snapping: 'Snap to vertices and edges',
  discard: 'Discard',
  deleteFeature: 'Delete feature',
  save: 'Save',
  saved: 'Saved',
  newFeature: 'New feature',
  editingFeature: 'Editing feature',
  nothingDrawn: 'Draw on the map.',
  chooseFeature: 'First choose a feature on the map.',
  drawCutLine: 'Draw the cutting line across the area (double-click to finish).',
  drawHole: 'Draw the hole inside the area.',
  clickNeighbour: 'Click the neighbouring area.',
  bufferMetres: 'Distance in metres on each side',
  splitDone: 'Split: the first part replaces the area, the others are created.',
  required: 'required',
  conflictTitle: 'Someone else saved this feature in the meantime',
  conflictHelp: 'Compare both versions. Nothing is overwritten without your choice.',
  theirs: 'Their version',
  mine: 'My version',
  keepTheirs: 'Keep theirs',
  keepMine: 'Save mine',
  mergeAttributes: 'Merge attributes and save',
  property: 'Property',
  history: 'Versions',
  version: 'Version',
  restore: 'Restore this version',
  showOnMap: 'Show on the map',
  asOf: 'As of',
  asOfOff: 'Today',
  anonymous: 'import/system',
  area: 'Area',
  length: 'Length',
  outsideAreas: 'Outside your programme areas',
  close: 'Close',
}

/** The editing text for `key` in the current language. */
export function et(key: EditingMessage): string {
  return lang() === 'en' ? en[key] : de[key]
}

const reasons: Record<string, { de: string; en: string }> = {
  'self-intersection': {
    de: 'Kanten kreuzen sich (Selbstüberschneidung)',
    en: 'Edges cross (self-intersection)',
  },
  'hole-outside-shell': { de: 'Loch liegt außerhalb der Fläche', en: 'Hole lies outside the area' },
  'ring-too-few-positions': {
    de: 'Zu wenige Stützpunkte für eine Fläche',
    en: 'Too few vertices for an area',
  },
  'line-too-few-positions': { de: 'Zu wenige Stützpunkte für eine Linie', en: 'Too few vertices for a line' },
  'wrong-geometry-type': {
    de: 'Falscher Geometrietyp für diese Ebene',
    en: 'Wrong geometry type for this layer',
  },
  'ring-not-closed': { de: 'Fläche ist nicht geschlossen', en: 'The area is not closed' },
  'invalid-geometry': { de: 'Ungültige Geometrie', en: 'Invalid geometry' },
  'line-does-not-cross': {
    de: 'Die Linie kreuzt die Fläche nicht vollständig',
    en: 'The line does not cross the area',
  },
  'not-adjacent': { de: 'Die Flächen grenzen nicht aneinander', en: 'The areas are not adjacent' },
  'too-many-vertices': { de: 'Zu viele Stützpunkte', en: 'Too many vertices' },
}

/** A validation reason code in words; unknown codes fall back to the server's message. */
export function reasonText(reason: string, fallback = ''): string {
  const text = reasons[reason]
  return text ? text[lang()] : fallback || reason
}
