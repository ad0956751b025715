import { createHash, randomBytes } from 'node:crypto'

/** A fresh random secret: 32 bytes, base64url, with an optional prefix (`qa_` for API tokens). */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

/** The SHA-256 (hex) under which a session id or API token is stored. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}
