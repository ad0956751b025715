import { makeMessages } from '../i18n/make-messages.ts'

// The account's words (registration, the account bar), German and English: few, since every
// visitor loads them; the workspace's own words come with its chunk (interim-messages.ts).

const de = {
  signIn: 'Anmelden',
  signOut: 'Abmelden',
  register: 'Konto anlegen',
  registerAs: 'Ich bin',
  roleOwner: 'Eigentümer/in einer Fläche',
  roleResident: 'Bewohner/in',
  displayName: 'Anzeigename (freiwillig)',
  passwordHint: 'mindestens 10 Zeichen',
  haveAccount: 'Ich habe schon ein Konto',
  confirmationSent:
    'Fast geschafft: Wir haben eine E-Mail an {email} geschickt. Öffnen Sie den Link darin, um Ihr Konto zu bestätigen.',
  organisation: 'Für eine Organisation (Firma, Verein): ihr Name (freiwillig)',
  signedInAs: 'Angemeldet als',
  unread: 'ungelesen',
  workspace: 'Zwischennutzung',
  accounts: 'Konten',
} as const

export type AccountMessage = keyof typeof de

const en: Record<AccountMessage, string> = {
  signIn: 'Sign in',
  signOut: 'Sign out',
  register: 'Create account',
  registerAs: 'I am',
  roleOwner: 'owner of a plot',
  roleResident: 'resident',
  displayName: 'Display name (optional)',
  passwordHint: 'at least 10 characters',
  haveAccount: 'I already have an account',
  confirmationSent:
    'Almost done: we have sent an e-mail to {email}. Open the link in it to confirm your account.',
  organisation: 'For an organisation (company, association): its name (optional)',
  signedInAs: 'Signed in as',
  unread: 'unread',
  workspace: 'Interim use',
  accounts: 'Accounts',
}

/** The account text for `key` in the current language. */
export const am = makeMessages(de, en)
