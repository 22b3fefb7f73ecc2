/** Small helpers every benchmark shares: percentiles, printing, and a JSON copy of the results in bench/results/. */
import fs from 'node:fs'
import path from 'node:path'

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export const median = (samples: number[]) => percentile(samples, 50)
export const ms = (value: number) => `${value.toFixed(1)} ms`

export function line(text = ''): void {
  process.stdout.write(`${text}\n`)
}

export function writeResults(name: string, results: unknown): string {
  const dir = path.resolve(import.meta.dirname, '../results')
  fs.mkdirSync(dir, { recursive: true })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const file = path.join(dir, `${name}-${stamp}.json`)
  const body = `${JSON.stringify({ name, at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`
  fs.writeFileSync(file, body)
  fs.writeFileSync(path.join(dir, `${name}-latest.json`), body)
  return path.relative(process.cwd(), file)
}

/** Reads a process's resident memory (VmRSS) in MiB from /proc. */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /VmRSS:\s+(\d+) kB/.exec(status)
  return match?.[1] ? Number(match[1]) / 1024 : Number.NaN
}
