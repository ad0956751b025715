import type { IncomingMessage, ServerResponse } from 'node:http'

// Answers that the HTTP listener gives before a request reaches the app (see server.ts). An app
// registers them when it is created; a fast path answers only what the app would answer alike.

/** Answers the request and returns true, or returns false and leaves the response untouched. */
export type FastPath = (request: IncomingMessage, response: ServerResponse) => boolean

const registered = new WeakMap<object, FastPath[]>()

/** Registers `path` for `app`, to run at the listener before the app. */
export function addFastPath(app: object, path: FastPath): void {
  registered.set(app, [...(registered.get(app) ?? []), path])
}

/** The fast paths registered for `app`, in registration order. */
export function fastPathsOf(app: object): readonly FastPath[] {
  return registered.get(app) ?? []
}
