/**
 * `catalyst export ocds|360giving|contracts-csv [--council CODE]`: the registers' open data, written to standard
 * output or --out FILE as it is read (a page of contracts at a time), so memory does not grow with the register.
 */
import fs from 'node:fs'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import { findCouncil, type CouncilRow } from '../modules/councils/service.ts'
import { hasPublishedContracts, ocdsPackage } from '../modules/contracts/ocds/export.ts'
import { openDataIdentity } from '../modules/contracts/settings.ts'
import { transparencyContractsCsv } from '../modules/contracts/transparency-csv.ts'
import { hasPublishedGrants } from '../modules/grants/service.ts'
import { threeSixtyGivingCsv, threeSixtyGivingJson } from '../modules/grants/threesixty.ts'
import type { Database } from '../platform/db/database.ts'
import { action, UserError, withDatabase, writeStdout } from './common.ts'

interface Options {
  council?: string
  out?: string
  records?: boolean
  format?: string
}

async function write(chunks: AsyncIterable<string>, out: string | undefined) {
  if (!out) {
    // Stops reading the register as soon as the reader of standard output has gone (`| head`).
    for await (const chunk of chunks) await writeStdout(chunk)
    return
  }
  const stream: Writable = fs.createWriteStream(out)
  for await (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain')
  }
  stream.end()
  await once(stream, 'finish')
}

async function councilFor(db: Database, code: string | undefined): Promise<CouncilRow> {
  if (!code) throw new UserError('give --council CODE: the council whose register to export')
  const council = await findCouncil(db, code)
  if (!council) throw new UserError(`no council with code ${code}`)
  return council
}

const urn = (council: CouncilRow, what: string, now: Date) => `urn:catalyst:${council.code.toLowerCase()}:${what}:${now.toISOString().slice(0, 10)}`

export function registerExport(program: Command): Command {
  const exports = program.command('export').description('write the registers as open data to standard output or --out FILE')
  exports
    .command('ocds')
    .description('the council’s published contracts as an OCDS 1.1 release package (or record package with --records)')
    .option('--council <code>', 'the council')
    .option('--records', 'write a record package instead of a release package')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(
      action(async (options: Options) => {
        await withDatabase(async ({ handle }) => {
          const council = await councilFor(handle.db, options.council)
          const now = new Date()
          const kind = options.records ? 'records' : 'releases'
          if (!(await hasPublishedContracts(handle.db, council.id))) {
            throw new UserError(`${council.name} has no published contracts: an OCDS package must hold at least one release, so nothing was written`)
          }
          const context = { council, identity: await openDataIdentity(handle.db, council), uri: urn(council, `ocds-${kind}`, now), publishedDate: now }
          await write(ocdsPackage(handle.db, context, kind), options.out)
        })
      }),
    )
  exports
    .command('360giving')
    .description('the council’s published grants as 360Giving 1.4 JSON or CSV')
    .option('--council <code>', 'the council')
    .option('--format <format>', 'json or csv', 'json')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(
      action(async (options: Options) => {
        if (options.format !== 'json' && options.format !== 'csv') throw new UserError('--format must be json or csv')
        await withDatabase(async ({ handle }) => {
          const council = await councilFor(handle.db, options.council)
          const identity = await openDataIdentity(handle.db, council)
          if (options.format === 'json' && !(await hasPublishedGrants(handle.db, council.id))) {
            throw new UserError(`${council.name} has no published grants: a 360Giving package must hold at least one grant, so nothing was written`)
          }
          await write(options.format === 'csv' ? threeSixtyGivingCsv(handle.db, council, identity) : threeSixtyGivingJson(handle.db, council, identity, new Date()), options.out)
        })
      }),
    )
  exports
    .command('contracts-csv')
    .description('the council’s published contracts as the Transparency Code contracts CSV')
    .option('--council <code>', 'the council')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(
      action(async (options: Options) => {
        await withDatabase(async ({ handle }) => {
          const council = await councilFor(handle.db, options.council)
          const identity = await openDataIdentity(handle.db, council)
          await write(transparencyContractsCsv(handle.db, council.id, identity.ocidPrefix), options.out)
        })
      }),
    )
  return exports
}
