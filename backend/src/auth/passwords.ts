import { hash, verify } from '@node-rs/argon2'

// argon2id with the library's defaults, which are OWASP's recommended minimum
// (m = 19 MiB, t = 2, p = 1). A stored hash names its own parameters, so raising them later
// leaves existing hashes verifiable.

/** Options for hashing; tests and seeded demo accounts may pass a lower cost. */
export type HashCost = { memoryCost?: number; timeCost?: number }

/** The argon2id hash (PHC string, `$argon2id$…`) of a password. */
export function hashPassword(password: string, cost: HashCost = {}): Promise<string> {
  return hash(password, { ...cost, parallelism: 1 })
}

/** Whether `password` matches `passwordHash`; false for a malformed hash instead of throwing. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummy: Promise<string> | undefined

/**
 * Verifies against a throwaway hash with the same cost, so that an unknown e-mail takes about
 * as long as a wrong password and response times do not reveal which accounts exist.
 */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword(crypto.randomUUID())
  await verifyPassword(await dummy, password)
  return false
}
