import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

describe('configuration of mail, logs and the admin listener', () => {
  it('reads SMTP_URL with MAIL_FROM, LOG_FORMAT and ADMIN_PORT', () => {
    const config = loadConfig({
      SMTP_URL: 'smtp://mailer:secret@mail.leipzig.test:587',
      MAIL_FROM: 'Quartiersatlas <atlas@leipzig.test>',
      PUBLIC_URL: 'https://atlas.leipzig.test',
      LOG_FORMAT: 'json',
      ADMIN_PORT: '9464',
      ADMIN_TOKEN: 'f'.repeat(64),
    })
    expect(config).toMatchObject({
      mail: {
        smtpUrl: 'smtp://mailer:secret@mail.leipzig.test:587',
        from: 'Quartiersatlas <atlas@leipzig.test>',
      },
      publicUrl: 'https://atlas.leipzig.test',
      logFormat: 'json',
      admin: { port: 9464, host: '127.0.0.1', token: 'f'.repeat(64) },
    })
  })

  it('refuses an admin listener without a token of at least 32 characters', () => {
    expect(() => loadConfig({ ADMIN_PORT: '9464' })).toThrow(ConfigError)
    expect(() => loadConfig({ ADMIN_PORT: '9464', ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN/)
  })

  it('keeps mail in the outbox, logs as text and opens no admin listener by default', () => {
    expect(loadConfig({})).toMatchObject({
      mail: undefined,
      logFormat: 'text',
      admin: undefined,
      publicUrl: 'http://127.0.0.1:3000',
    })
  })

  it('refuses half a mail setup and unknown log formats, naming the setting', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.leipzig.test' })).toThrow(/SMTP_URL and MAIL_FROM/)
    expect(() => loadConfig({ SMTP_URL: 'http://mail.leipzig.test', MAIL_FROM: 'a@b.c' })).toThrow(
      ConfigError,
    )
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/)
  })
})
