/** The lazily loaded command tree says and accepts exactly what the full one does. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Command } from 'commander'
import { buildProgram, COMMANDS, IMPORTS } from './program.ts'

const find = (parent: Command, name: string) => parent.commands.find((command) => command.name() === name)

/** Everything commander would print for a command and each of its subcommands. */
function describe(command: Command): string {
  return [command.helpInformation(), ...command.commands.map(describe)].join('\n')
}

test('the full program lists every command in the tables, in their order', async () => {
  const full = await buildProgram([])
  const topNames = COMMANDS.flatMap((entry) => (entry === 'import' ? ['import'] : entry.names))
  assert.deepEqual(
    full.commands.map((command) => command.name()),
    topNames,
  )
  assert.deepEqual(
    find(full, 'import')!.commands.map((command) => command.name()),
    IMPORTS.flatMap((entry) => entry.names),
  )
})

test('each command loaded on its own is the same command as in the full program', async () => {
  const full = await buildProgram(['--help'])
  for (const entry of COMMANDS) {
    if (entry === 'import') continue
    for (const name of entry.names) {
      const lazy = await buildProgram([name, '--json'])
      assert.deepEqual(
        lazy.commands.map((command) => command.name()),
        [name],
        `catalyst ${name} loads only ${name}`,
      )
      assert.equal(describe(find(lazy, name)!), describe(find(full, name)!), `catalyst ${name}`)
    }
  }
  for (const entry of IMPORTS) {
    for (const name of entry.names) {
      const lazy = await buildProgram(['import', name, 'file.csv'])
      const group = find(lazy, 'import')!
      assert.ok(group.commands.length <= IMPORTS.reduce((n, e) => Math.max(n, e.names.length), 0), `catalyst import ${name} loads one file`)
      assert.equal(describe(find(group, name)!), describe(find(find(full, 'import')!, name)!), `catalyst import ${name}`)
    }
  }
})

test('a name the tables do not know loads every command, so help and suggestions stay whole', async () => {
  const allImports = IMPORTS.flatMap((entry) => entry.names).length
  for (const args of [[], ['help', 'users'], ['usres']]) {
    const program = await buildProgram(args)
    assert.equal(program.commands.length, COMMANDS.length, args.join(' '))
    assert.equal(find(program, 'import')!.commands.length, allImports, args.join(' '))
  }
  for (const args of [['import'], ['import', 'contrcts'], ['import', '--help']]) {
    const program = await buildProgram(args)
    assert.equal(find(program, 'import')!.commands.length, allImports, args.join(' '))
  }
})
