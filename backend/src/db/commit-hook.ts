import { AsyncLocalStorage } from 'node:async_hooks'
import type { Tx } from './sql-client.ts'

// A request can hold back the commit of its write until it knows its answer, and then run one
// last statement in the same transaction (the Idempotency-Key store does: the write and its
// answer commit together or not at all). writeAs takes the hook of the request it runs in.

/** What to run before the commit, or null to roll the write back. */
export type BeforeCommit = ((tx: Tx) => Promise<void>) | null

export class CommitHook {
  /** The write's transaction, set by writeAs; settles once it has committed or rolled back. */
  transaction: Promise<unknown> | undefined
  private decide: (last: BeforeCommit) => void = () => {}
  /** Resolves with what to run before the commit; writeAs waits for it inside the transaction. */
  readonly decided = new Promise<BeforeCommit>((resolve) => {
    this.decide = resolve
  })

  /** Lets the held transaction commit after `last`, or roll back with null. */
  finish(last: BeforeCommit): void {
    this.decide(last)
  }
}

/** Thrown inside the held transaction to roll it back when the request was refused after all. */
export class RolledBack extends Error {}

const hooks = new AsyncLocalStorage<CommitHook>()

/** Runs `work` with `hook` available to the first writeAs inside it. */
export function withCommitHook<T>(hook: CommitHook, work: () => Promise<T>): Promise<T> {
  return hooks.run(hook, work)
}

/** The hook of the current request, once: a second write of the same request commits on its own. */
export function takeCommitHook(): CommitHook | undefined {
  const hook = hooks.getStore()
  if (!hook || hook.transaction) return undefined
  return hook
}
