/**
 * Gets the database ready for the web server. On the embedded database the server is the only process, so it
 * migrates and (on first start) loads the demo itself. On PostgreSQL several processes may start at once, so
 * migrations run once from `catalyst migrate` and the server refuses to start on an out-of-date schema.
 */
import type { Config } from './config.ts'
import { loadDemo, type DemoResult } from './demo/seed.ts'
import { demoSignInsStillSet } from './demo/sign-ins.ts'
import { countCouncils, findCouncil } from './modules/councils/service.ts'
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts'
import { DataDirInUseError } from './platform/db/data-dir-lock.ts'
import { prepareSchema } from './platform/db/migrations.ts'

export class StartupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StartupError'
  }
}

/**
 * `signIns` are what to print at start: the demo's when it was loaded just now, else (outside production) every demo
 * user whose password is still CATALYST_DEMO_PASSWORD.
 */
export async function prepareDatabase(
  config: Config,
): Promise<{ handle: DatabaseHandle; demo: DemoResult | undefined; signIns: DemoResult['signIns'] }> {
  let handle: DatabaseHandle
  try {
    handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new StartupError(error.message)
    if (config.databaseUrl) {
      throw new StartupError(`DATABASE_URL: could not connect (${(error as Error).message})`)
    }
    throw error
  }
  try {
    await prepareSchema(handle)
    const empty = (await countCouncils(handle.db)) === 0
    const seed =
      config.seedDemo === 'always'
        ? !(await findCouncil(handle.db, 'DEMO'))
        : config.seedDemo === 'auto' && handle.kind === 'embedded' && empty
    const demo = seed ? await loadDemo(handle.db, { password: config.demoPassword, now: new Date() }) : undefined
    const signIns = demo
      ? demo.signIns
      : config.environment === 'production'
        ? []
        : await demoSignInsStillSet(handle.db, config.demoPassword)
    return { handle, demo, signIns }
  } catch (error) {
    await handle.close()
    throw error
  }
}
