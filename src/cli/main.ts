/** The `catalyst` command line: each command lives in its own file beside this one. */
import { Command } from 'commander'
import { endQuietlyWhenOutputCloses } from './common.ts'
import { registerDemo } from './demo.ts'
import { registerExport } from './export-registers.ts'
import { registerRegisterImports } from './import-registers.ts'
import { registerImport } from './import-councils.ts'
import { registerIndicatorImport } from './import-indicators.ts'
import { registerWardImport } from './import-wards.ts'
import { registerSpend, registerSpendImport } from './import-spend.ts'
import { registerMigrate } from './migrate.ts'
import { registerRedFlags } from './red-flags.ts'
import { registerRisk } from './risk.ts'
import { registerRouteAdvice } from './route-advice.ts'
import { registerOutbox } from './outbox.ts'
import { registerTokens } from './tokens.ts'
import { registerUsers } from './users.ts'

endQuietlyWhenOutputCloses()

const program = new Command()
  .name('catalyst')
  .description(
    'Run Catalyst tasks on the configured database: the embedded one in CATALYST_DATA_DIR (./data) by default, or DATABASE_URL.',
  )
  .version('0.1.0')
  .showSuggestionAfterError(true)

registerMigrate(program)
registerDemo(program)
registerUsers(program)
registerTokens(program)
registerRouteAdvice(program)
registerOutbox(program)
const imports = registerImport(program)
// Modules add their own file imports to the group: registerXImport(imports).
registerRegisterImports(imports)
registerExport(program)
registerSpendImport(imports)
registerIndicatorImport(imports)
registerWardImport(imports)
registerSpend(program)
registerRedFlags(program)
registerRisk(program)

await program.parseAsync(process.argv)
