import { describe, expect, it } from 'vitest'
import { am } from '../account/account-messages.ts'
import { headerText } from '../components/header-messages.ts'
import { et } from '../editing/editing-messages.ts'
import { im } from '../interim-use/interim-messages.ts'
import { toolsText } from '../tools/tools-messages.ts'
import { t } from './messages.ts'

// Every catalogue speaks both languages: the same keys in German and English, none left empty.

type Catalogue = { de: Readonly<Record<string, string>>; en: Readonly<Record<string, string>> }
const catalogues: Record<string, Catalogue> = { t, et, am, im, headerText, toolsText }

describe('the message catalogues', () => {
  for (const [name, messages] of Object.entries(catalogues)) {
    it(`${name} has the same keys in German and English, each with a text`, () => {
      expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.de).sort())
      for (const language of [messages.de, messages.en]) {
        expect(Object.entries(language).filter(([, text]) => text.trim() === '')).toEqual([])
      }
    })
  }

  it('looks a key up in the current language, German by default', () => {
    expect(t('map')).toBe('Karte')
  })
})
