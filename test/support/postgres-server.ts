/**
 * A throwaway PostgreSQL server for the test suite: initdb into a temporary folder, pg_ctl start on a free port,
 * and stop and delete afterwards. As root it runs as the unprivileged `postgres` user (PostgreSQL refuses root).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { postgresBinDir } from './prerequisites.ts'

export interface PostgresServer {
  url: string
  stop(): void
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir()
  if (!bin) throw new Error('PostgreSQL binaries not found')
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'catalyst-pg-'))
  const dataDir = path.join(root, 'data')
  const asRoot = process.getuid?.() === 0
  const run = (command: string, args: string[]) => {
    const full = path.join(bin, command)
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe', cwd: root })
    else execFileSync(full, args, { stdio: 'pipe', cwd: root })
  }
  if (asRoot) {
    fs.chmodSync(root, 0o755)
    execFileSync('chown', ['postgres:postgres', root])
  }
  run('initdb', ['-D', dataDir, '-U', 'catalyst', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'])
  const port = await freePort()
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    '-c shared_buffers=128MB',
  ].join(' ')
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(root, 'server.log'), '-w', 'start'])
  return {
    url: `postgres://catalyst@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'])
      } finally {
        fs.rmSync(root, { recursive: true, force: true })
      }
    },
  }
}
