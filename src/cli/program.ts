/**
 * The `catalyst` command tree, loaded lazily: each command's file (and everything it imports: its module's services,
 * the demo seed, parsers) is imported only when that command is run. Loading every command took about 5 s of CPU
 * before any work began, most of it module loading through tsx; `catalyst outbox` needs a fraction of that (ADR 0056).
 *
 * `catalyst --help`, `catalyst help …`, a mistyped name or no command at all load every command, so the full
 * list and commander's "did you mean" suggestions are the same as before. A command missing from the tables
 * below is still found that way (a full load), only more slowly; program.test.ts checks that every table entry
 * registers the command it names, exactly as the full load does.
 */
import { Command } from 'commander'

type Register = (parent: Command) => void

interface Entry {
  /** The command names the file registers under its parent. */
  names: readonly string[]
  load: () => Promise<Register>
}

/** Top-level commands, in the order `catalyst --help` lists them. `import` is the group below. */
export const COMMANDS: readonly (Entry | 'import')[] = [
  { names: ['migrate'], load: async () => (await import('./migrate.ts')).registerMigrate },
  { names: ['demo'], load: async () => (await import('./demo.ts')).registerDemo },
  { names: ['users'], load: async () => (await import('./users.ts')).registerUsers },
  { names: ['tokens'], load: async () => (await import('./tokens.ts')).registerTokens },
  { names: ['route-advice'], load: async () => (await import('./route-advice.ts')).registerRouteAdvice },
  { names: ['outbox'], load: async () => (await import('./outbox.ts')).registerOutbox },
  'import',
  { names: ['export'], load: async () => (await import('./export-registers.ts')).registerExport },
  { names: ['spend'], load: async () => (await import('./import-spend.ts')).registerSpend },
  { names: ['red-flags'], load: async () => (await import('./red-flags.ts')).registerRedFlags },
  { names: ['risk'], load: async () => (await import('./risk.ts')).registerRisk },
]

/** `catalyst import …`: each module adds its own file imports to the group. */
export const IMPORTS: readonly Entry[] = [
  { names: ['councils'], load: async () => (await import('./import-councils.ts')).registerCouncilImport },
  { names: ['contracts', 'ocds', '360giving'], load: async () => (await import('./import-registers.ts')).registerRegisterImports },
  { names: ['spend'], load: async () => (await import('./import-spend.ts')).registerSpendImport },
  { names: ['indicators'], load: async () => (await import('./import-indicators.ts')).registerIndicatorImport },
  { names: ['wards'], load: async () => (await import('./import-wards.ts')).registerWardImport },
]

const pick = (entries: readonly Entry[], name: string | undefined): readonly Entry[] => {
  const found = entries.find((entry) => name !== undefined && entry.names.includes(name))
  return found ? [found] : entries
}

/**
 * The program for these arguments (process.argv without node and the script): only the command named by the first
 * word, or every command when the first word names none. The program's own options (--help, --version) take no
 * value, so the first word that is not an option is the command.
 */
export async function buildProgram(args: readonly string[]): Promise<Command> {
  const words = args.filter((arg) => !arg.startsWith('-'))
  const [first, second] = words
  const program = new Command()
    .name('catalyst')
    .description(
      'Run Catalyst tasks on the configured database: the embedded one in CATALYST_DATA_DIR (./data) by default, or DATABASE_URL.',
    )
    .version('0.1.0')
    .showSuggestionAfterError(true)

  const named = COMMANDS.find((entry) => entry !== 'import' && first !== undefined && entry.names.includes(first))
  const wanted = first === 'import' ? ['import' as const] : named ? [named] : COMMANDS
  for (const entry of wanted) {
    if (entry === 'import') {
      const imports = program.command('import').description('import data from files')
      for (const sub of first === 'import' ? pick(IMPORTS, second) : IMPORTS) (await sub.load())(imports)
    } else {
      ;(await entry.load())(program)
    }
  }
  return program
}
