/**
 * `npm run check:open-data [-- --standards DIR]`: exports the demo council's open data (OCDS release and record
 * packages, 360Giving JSON) from a fresh embedded database and validates each document against the official OCDS
 * 1.1.5 and 360Giving 1.4.3 schemas. The schemas are read from outside the project, as published; the test suite
 * checks the same exports with Catalyst's own schemas.
 */
import { loadDemo } from '../src/demo/seed.ts'
import { ocdsPackage } from '../src/modules/contracts/ocds/export.ts'
import { openDataIdentity } from '../src/modules/contracts/settings.ts'
import { findCouncil } from '../src/modules/councils/service.ts'
import { threeSixtyGivingJson } from '../src/modules/grants/threesixty.ts'
import { openDatabase } from '../src/platform/db/database.ts'
import { runMigrations } from '../src/platform/db/migrations.ts'
import { ocdsValidators, STANDARDS_DIR, threeSixtyGivingValidator } from './standards.ts'

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = ''
  for await (const chunk of chunks) text += chunk
  return text
}

const now = new Date()
const handle = await openDatabase({ databaseUrl: undefined, dataDir: 'memory' })
let failures = 0
try {
  await runMigrations(handle)
  await loadDemo(handle.db, { password: undefined, now })
  const council = (await findCouncil(handle.db, 'DEMO'))!
  const identity = await openDataIdentity(handle.db, council)
  const { releasePackage, recordPackage } = ocdsValidators()
  const documents = [
    { name: 'OCDS release package', validate: releasePackage, text: await collect(ocdsPackage(handle.db, { council, identity, uri: 'https://example.org/ocds-releases.json', publishedDate: now }, 'releases')) },
    { name: 'OCDS record package', validate: recordPackage, text: await collect(ocdsPackage(handle.db, { council, identity, uri: 'https://example.org/ocds-records.json', publishedDate: now }, 'records')) },
    { name: '360Giving JSON', validate: threeSixtyGivingValidator(), text: await collect(threeSixtyGivingJson(handle.db, council, identity, now)) },
  ]
  console.log(`# official schemas: ${STANDARDS_DIR}`)
  for (const document of documents) {
    const data = JSON.parse(document.text) as { releases?: unknown[]; records?: unknown[]; grants?: unknown[] }
    const count = (data.releases ?? data.records ?? data.grants ?? []).length
    if (document.validate(data)) {
      console.log(`PASS ${document.name}: ${count} entries, ${document.text.length.toLocaleString('en-GB')} characters`)
    } else {
      failures++
      console.log(`FAIL ${document.name}: ${JSON.stringify(document.validate.errors?.slice(0, 5), null, 2)}`)
    }
  }
} finally {
  await handle.close()
}
process.exit(failures === 0 ? 0 : 1)
