import { makeMessages } from '../i18n/make-messages.ts'

// The admin screen's words, German and English.

const de = {
  title: 'Konten verwalten',
  search: 'Konten suchen (E-Mail oder Name)',
  create: 'Konto anlegen',
  email: 'E-Mail',
  displayName: 'Name',
  password: 'Vorläufiges Passwort (mindestens 10 Zeichen)',
  role: 'Rolle',
  roleOf: 'Rolle von',
  admin_: 'Administration',
  planner: 'Planung',
  owner: 'Eigentümer/in',
  resident: 'Bewohner/in',
  disabled: 'deaktiviert',
  disable: 'Deaktivieren',
  enable: 'Wieder aktivieren',
  areas: 'Fördergebiete (keines gewählt: alle)',
  saveAreas: 'Fördergebiete speichern',
  saved: 'Gespeichert',
  confirmRole: 'Rolle ändern?',
  confirmRoleText: 'bekommt die Rolle',
  confirmDisable: 'Konto deaktivieren?',
  confirmDisableText: 'wird sofort abgemeldet und kann sich nicht mehr anmelden.',
  yesChange: 'Rolle ändern',
  none: 'Keine Konten gefunden.',
  close: 'Schließen',
} as const

export type AdminMessage = keyof typeof de

const en: Record<AdminMessage, string> = {
  title: 'Manage accounts',
  search: 'Search accounts (e-mail or name)',
  create: 'Create account',
  email: 'E-mail',
  displayName: 'Name',
  password: 'Temporary password (at least 10 characters)',
  role: 'Role',
  roleOf: 'Role of',
  admin_: 'administration',
  planner: 'planning',
  owner: 'owner',
  resident: 'resident',
  disabled: 'disabled',
  disable: 'Disable',
  enable: 'Enable again',
  areas: 'Programme areas (none chosen: all)',
  saveAreas: 'Save programme areas',
  saved: 'Saved',
  confirmRole: 'Change the role?',
  confirmRoleText: 'gets the role',
  confirmDisable: 'Disable the account?',
  confirmDisableText: 'is signed out at once and can no longer sign in.',
  yesChange: 'Change role',
  none: 'No accounts found.',
  close: 'Close',
}

/** The admin screen's text for `key` in the current language. */
export const adm = makeMessages(de, en)

/** A role in words. */
export const roleWord = (role: string) => adm(role === 'admin' ? 'admin_' : (role as AdminMessage))
