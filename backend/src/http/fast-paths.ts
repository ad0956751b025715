import type { IncomingMessage, ServerResponse } from 'node:http'

// Answers that the HTTP listener gives before a request reaches the app (see server.ts). The app
// lists them when it is created (app.ts); a fast path answers only what the app would answer alike.

/** Answers the request and returns true, or returns false and leaves the response untouched. */
export type FastPath = (request: IncomingMessage, response: ServerResponse) => boolean
