import type { Language } from './mail-outbox.queries.ts'
import { reasons, topicOf } from './mail-topics.ts'

export type ComposedMail = { subject: string; text: string; html: string }

const settingsLabel = {
  de: 'E-Mails für diese Art von Benachrichtigung abbestellen oder die Sprache ändern',
  en: 'Turn off e-mails for this kind of notice or change their language',
} as const

/** Where a user turns e-mail off: the workspace's notifications tab, in their language. */
export function settingsLink(publicUrl: string, language: Language): string {
  const url = new URL('/', publicUrl)
  url.searchParams.set('workspace', 'notifications')
  if (language === 'en') url.searchParams.set('lang', 'en')
  return url.toString()
}

/** The mail for one outbox row: its text, why the recipient gets it, and the settings link; plain text and HTML. */
export function composeMail(
  mail: { kind: string; language: Language; subject: string; body: string },
  publicUrl: string,
): ComposedMail {
  const topic = topicOf(mail.kind)
  const reason = reasons[topic][mail.language]
  // Account mails go to an address that may have no account yet, and reports of barriers cannot be
  // turned off: there are no settings to link.
  const link =
    topic === 'account' || topic === 'accessibility' ? undefined : settingsLink(publicUrl, mail.language)
  const label = settingsLabel[mail.language]
  const text = `${mail.body}\n\n-- \n${reason}\n${link ? `${label}: ${link}\n` : ''}`
  const paragraphs = mail.body
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n')
  const html = `<!doctype html>
<html lang="${mail.language}"><body>
${paragraphs}
<hr>
<p><small>${escapeHtml(reason)}${link ? `<br><a href="${escapeHtml(link)}">${escapeHtml(label)}</a>` : ''}</small></p>
</body></html>
`
  return { subject: mail.subject, text, html }
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
