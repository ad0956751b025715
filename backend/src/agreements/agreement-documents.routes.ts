import { createHash } from 'node:crypto'
import { Hono } from 'hono'
import { audit } from '../access/audit.queries.ts'
import { requireRoleOf } from '../auth/require-role.ts'
import { writeAs } from '../db/write-as.ts'
import type { AppEnv } from '../http/app-types.ts'
import { limitBodyTo } from '../http/body-limit.ts'
import { pathId } from '../http/path-id.ts'
import { Problem } from '../http/problem.ts'
import { agreementId, agreementNotFound } from './agreement-params.ts'
import { findAgreement } from './agreements.queries.ts'

// Agreement documents: PDF only (recognised by its %PDF- signature, whatever the client claims),
// at most 10 MB, readable by the agreement's parties and the planners who may see it.

export const maxDocumentBytes = 10 * 1024 * 1024
const pdfMagic = Buffer.from('%PDF-')

const tooLarge = () =>
  new Problem(
    413,
    'document-too-large',
    'The document is too large',
    `a document may have at most ${maxDocumentBytes / 1024 / 1024} MB`,
  )

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
function cleanFilename(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? ''
  const printable = [...last].filter(
    (ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"',
  )
  const base = printable.join('').trim().slice(0, 200)
  return base || 'document.pdf'
}

function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

/** /api/agreements/{id}/documents: upload (planner, admin), list and download (whoever may see the agreement). */
export const documentRoutes = new Hono<AppEnv>()
  .post('/:id/documents', limitBodyTo(maxDocumentBytes + 64 * 1024, tooLarge), async (c) => {
    const user = requireRoleOf(c.get('user'), ['planner', 'admin'])
    const id = agreementId(c.req.param('id'))
    const { sql } = c.get('db')
    if (!(await findAgreement(sql, user, id))) throw agreementNotFound(id)
    if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
      throw new Problem(
        415,
        'unsupported-media-type',
        'Send the document as multipart/form-data',
        'a form with the PDF in the field "file"',
      )
    }
    const form = await c.req.parseBody()
    const file = form.file
    if (!(file instanceof File)) {
      throw new Problem(422, 'invalid-fields', 'No file', 'put the PDF in the form field "file"', {
        errors: [{ field: 'file', message: 'a PDF file is required' }],
      })
    }
    if (file.size > maxDocumentBytes) throw tooLarge()
    const bytes = Buffer.from(await file.arrayBuffer())
    if (bytes.length === 0 || !bytes.subarray(0, pdfMagic.length).equals(pdfMagic)) {
      throw new Problem(
        415,
        'unsupported-document-type',
        'Only PDF documents are accepted',
        `${cleanFilename(file.name)} is not a PDF (it does not start with %PDF-)`,
      )
    }
    const filename = cleanFilename(file.name)
    const document = await writeAs(sql, user, async (tx) => {
      const [row] = await tx<
        { id: number; filename: string; size_bytes: number; sha256: string; uploaded_at: string }[]
      >`
          insert into agreement_documents (agreement_id, filename, size_bytes, sha256, content, uploaded_by)
          values (${id}, ${filename}, ${bytes.length}, ${createHash('sha256').update(bytes).digest('hex')}, ${bytes}, ${user.id})
          returning id, filename, size_bytes, sha256, uploaded_at`
      if (!row) throw new Error('insert into agreement_documents returned no row')
      await audit(tx, user, 'create', 'agreement_documents', [row.id])
      return row
    })
    c.header('Location', `/api/agreements/${id}/documents/${document.id}`)
    return c.json(document, 201)
  })
  .get('/:id/documents', async (c) => {
    const user = requireRoleOf(c.get('user'), ['owner', 'planner', 'admin'])
    const id = agreementId(c.req.param('id'))
    const { sql } = c.get('db')
    if (!(await findAgreement(sql, user, id))) throw agreementNotFound(id)
    const documents = await sql<{ id: number }[]>`
      select id, filename, size_bytes, sha256, uploaded_at from agreement_documents
       where agreement_id = ${id} order by id`
    await audit(
      sql,
      user,
      'read',
      'agreement_documents',
      documents.map((d) => d.id),
    )
    c.header('Cache-Control', 'private, no-store')
    return c.json({ documents })
  })
  .get('/:id/documents/:documentId', async (c) => {
    const user = requireRoleOf(c.get('user'), ['owner', 'planner', 'admin'])
    const id = agreementId(c.req.param('id'))
    const { sql } = c.get('db')
    const docId = pathId(c.req.param('documentId'))
    const notFound = new Problem(
      404,
      'not-found',
      'Document not found',
      `agreement ${id} has no document ${c.req.param('documentId')} that you may see`,
    )
    if (docId === undefined || !(await findAgreement(sql, user, id))) throw notFound
    const [document] = await sql<{ id: number; filename: string; content: Buffer }[]>`
      select id, filename, content from agreement_documents where id = ${docId} and agreement_id = ${id}`
    if (!document) throw notFound
    await audit(sql, user, 'download', 'agreement_documents', [document.id])
    return c.body(new Uint8Array(document.content), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition(document.filename),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    })
  })
