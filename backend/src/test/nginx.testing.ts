import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '../config.ts'

// Debian's nginx in front of an app process, as a child with its own prefix in a temporary
// directory, running the shipped front-cache locations (deploy/nginx/) verbatim.

export type Nginx = { origin: string; stop(): Promise<void> }

/** Whether nginx is installed (Debian: apt-get install nginx). */
export function hasNginx(): boolean {
  try {
    execFileSync('nginx', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Starts nginx with deploy/nginx/front-cache.conf in front of `upstreams` (host:port each). */
export async function startNginx(upstreams: readonly string[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'quartiersatlas-nginx-'))
  // nginx's worker runs as nobody: it must be able to write its cache and temporary files.
  chmodSync(dir, 0o755)
  for (const sub of ['cache', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(dir, sub))
    chmodSync(join(dir, sub), 0o777)
  }
  for (const file of ['front-cache.conf', 'quartiersatlas-proxy.conf', 'quartiersatlas-cache.conf'])
    copyFileSync(join(repoRoot, 'deploy', 'nginx', file), join(dir, file))
  const port = await freePort()
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream quartiersatlas {
    ${upstreams.map((upstream) => `server ${upstream};`).join('\n    ')}
    keepalive 16;
  }
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=quartiersatlas:8m use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    include front-cache.conf;
  }
}
`,
  )
  const child: ChildProcess = spawn(
    'nginx',
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    {
      stdio: 'ignore',
    },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const origin = `http://127.0.0.1:${port}`
  while (
    !(await fetch(`${origin}/api/ready`).then(
      () => true,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`nginx did not start (see ${dir}/error.log)`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    origin,
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}
