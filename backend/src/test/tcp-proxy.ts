import { connect, createServer, type Server, type Socket } from 'node:net'

// A TCP proxy on loopback between the app and its database, for outage tests that must not stop
// the shared server: 'pass' forwards, 'refuse' stops listening and cuts every connection (a
// stopped cluster), 'stall' keeps connections open but forwards nothing (a hung cluster).

export type ProxyMode = 'pass' | 'refuse' | 'stall'

type Pair = [client: Socket, upstream: Socket | undefined]

export type TcpProxy = {
  port: number
  setMode(mode: ProxyMode): Promise<void>
  close(): Promise<void>
}

/** Starts a proxy on a free loopback port to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass'
  const pairs = new Set<Pair>()
  const wire = (pair: Pair) => {
    const [client] = pair
    const upstream = connect(target.port, target.host)
    pair[1] = upstream
    upstream.on('error', () => client.destroy())
    upstream.once('close', () => client.destroy())
    client.on('data', (data) => upstream.write(data))
    upstream.on('data', (data) => client.write(data))
    client.resume()
  }
  const server: Server = createServer((client) => {
    const pair: Pair = [client, undefined]
    pairs.add(pair)
    client.on('error', () => {})
    client.once('close', () => {
      pair[1]?.destroy()
      pairs.delete(pair)
    })
    if (mode === 'stall') client.pause()
    else wire(pair)
  })
  await listen(server, 0)
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('the proxy did not bind a port')
  const port = address.port
  return {
    port,
    async setMode(next) {
      if (next === mode) return
      const previous = mode
      mode = next
      if (next === 'refuse') {
        for (const [client, upstream] of pairs) {
          client.destroy()
          upstream?.destroy()
        }
        await new Promise<void>((resolve) => server.close(() => resolve()))
      } else if (next === 'stall') {
        // Paused sockets keep what was sent in the kernel's buffers, as a stopped server does.
        for (const [client, upstream] of pairs) {
          client.pause()
          upstream?.pause()
        }
      } else if (previous === 'refuse') {
        await listen(server, port)
      } else {
        for (const pair of pairs) {
          if (pair[1]) {
            pair[0].resume()
            pair[1].resume()
          } else wire(pair)
        }
      }
    },
    async close() {
      for (const [client, upstream] of pairs) {
        client.destroy()
        upstream?.destroy()
      }
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
}
