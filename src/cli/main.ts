/** The `catalyst` command line: each command lives in its own file beside this one, loaded only when run (program.ts). */
import { endQuietlyWhenOutputCloses } from './common.ts'
import { buildProgram } from './program.ts'

endQuietlyWhenOutputCloses()

const program = await buildProgram(process.argv.slice(2))
await program.parseAsync(process.argv)
