import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import type { App } from './app.ts'

// The one way the service listens, used by `npm start`, the benchmarks and the tests that need a
// socket: Node's HTTP server runs the app's fast paths (e.g. cached tiles) and hands every other
// request to the Hono app through @hono/node-server.

export type ServerOptions = { port: number; hostname: string }

/** Starts serving `app` on `options`; `onListening` gets the bound address. */
export function startServer(
  app: App,
  options: ServerOptions,
  onListening?: (info: AddressInfo) => void,
): Server {
  const toApp = getRequestListener(app.fetch, { hostname: options.hostname })
  const { fastPaths } = app
  const server = createServer((request, response) => {
    for (const fastPath of fastPaths) if (fastPath(request, response)) return
    void toApp(request, response)
  })
  server.listen(options.port, options.hostname, () => onListening?.(server.address() as AddressInfo))
  return server
}

/** Starts serving `app` on a free loopback port: its origin and a way to stop (benchmarks, tests). */
export function listenOnLoopback(app: App): Promise<{ origin: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = startServer(app, { port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    )
  })
}
