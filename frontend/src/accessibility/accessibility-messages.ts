import { makeMessages } from '../i18n/make-messages.ts'

// The short texts of the accessibility pages, the feedback form and the announcements; the statement's and the easy
// language page's running text is in statement-text.ts and easy-language-text.ts.

export const xm = makeMessages(
  {
    statement: 'Erklärung zur Barrierefreiheit',
    easyLanguage: 'Leichte Sprache',
    legalLinks: 'Barrierefreiheit',
    feedbackTitle: 'Barriere melden',
    feedbackIntro:
      'Ist Ihnen etwas aufgefallen, das Sie nicht nutzen können? Beschreiben Sie es hier. Die Verwaltung antwortet innerhalb von sechs Wochen.',
    message: 'Was ist die Barriere?',
    messageHint: 'Mindestens 10 Zeichen. Zum Beispiel: welcher Knopf, welches Feld, mit welchem Hilfsmittel.',
    page: 'Wo ist sie? (Seite oder Ansicht, freiwillig)',
    email: 'Ihre E-Mail-Adresse für die Antwort (freiwillig)',
    send: 'Meldung senden',
    sent: 'Danke. Ihre Meldung Nr. {id} ist angekommen.',
    tooShort: 'Bitte beschreiben Sie die Barriere in mindestens 10 Zeichen.',
    badEmail: 'Das ist keine gültige E-Mail-Adresse.',
    failed: 'Die Meldung konnte nicht gesendet werden.',
    selected: 'Ausgewählt: {name} ({kind})',
  },
  {
    statement: 'Accessibility statement',
    easyLanguage: 'Easy to read',
    legalLinks: 'Accessibility',
    feedbackTitle: 'Report a barrier',
    feedbackIntro:
      'Did you find something you cannot use? Describe it here. The administration answers within six weeks.',
    message: 'What is the barrier?',
    messageHint:
      'At least 10 characters. For example: which button, which field, with which assistive technology.',
    page: 'Where is it? (page or view, optional)',
    email: 'Your e-mail address for the answer (optional)',
    send: 'Send report',
    sent: 'Thank you. Your report no. {id} has arrived.',
    tooShort: 'Please describe the barrier in at least 10 characters.',
    badEmail: 'This is not a valid e-mail address.',
    failed: 'The report could not be sent.',
    selected: 'Selected: {name} ({kind})',
  },
)
