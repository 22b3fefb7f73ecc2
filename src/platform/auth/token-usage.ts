/**
 * When each API token was last used, and how often, without a write on every request (ADR 0044). Each process
 * counts uses in memory and writes a token's count and last use at most once a minute (and its first use at once,
 * so a new token shows as used), and everything still counted when the app closes. A crash loses at most a minute
 * of counts; nothing depends on them being exact, and revocation and expiry are read from the database every time.
 */
import type { Database } from '../db/database.ts'
import { markTokenUsed } from './repository.ts'

export const TOKEN_USAGE_WRITE_MS = 60 * 1000

interface Pending {
  uses: number
  lastUsedAt: Date
  writtenAt: number | undefined
}

export class TokenUsage {
  private readonly pending = new Map<string, Pending>()

  constructor(
    private readonly db: Database,
    private readonly intervalMs = TOKEN_USAGE_WRITE_MS,
  ) {}

  /** Counts one use; writes when this token's last write in this process is older than the interval. */
  async record(tokenId: string, now: Date): Promise<void> {
    const entry = this.pending.get(tokenId) ?? { uses: 0, lastUsedAt: now, writtenAt: undefined }
    entry.uses += 1
    if (now.getTime() > entry.lastUsedAt.getTime()) entry.lastUsedAt = now
    this.pending.set(tokenId, entry)
    if (entry.writtenAt === undefined || now.getTime() - entry.writtenAt >= this.intervalMs) await this.write(tokenId, entry, now.getTime())
  }

  /** Writes every count not yet written (when the app closes). */
  async flush(): Promise<void> {
    for (const [tokenId, entry] of this.pending) {
      if (entry.uses > 0) await this.write(tokenId, entry, entry.lastUsedAt.getTime())
    }
  }

  private async write(tokenId: string, entry: Pending, at: number): Promise<void> {
    const uses = entry.uses
    entry.uses = 0
    entry.writtenAt = at
    try {
      await markTokenUsed(this.db, tokenId, entry.lastUsedAt, uses)
    } catch (error) {
      entry.uses += uses // Counted again at the next write rather than lost.
      throw error
    }
  }
}
