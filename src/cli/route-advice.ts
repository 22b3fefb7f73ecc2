/**
 * `catalyst route-advice`: the route-to-market advice on the command line. Reads the same JSON request as
 * POST /api/v1/route-advice on standard input and prints the advice; with --json, the answer is one JSON object on
 * the last line of standard output. Needs no database.
 */
import type { Command } from 'commander'
import { routeAdvice } from '../rules/procurement/route-advice-request.ts'
import { formatPence } from '../platform/money.ts'
import { action, UserError, type OutputOptions } from './common.ts'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export function registerRouteAdvice(program: Command): void {
  program
    .command('route-advice')
    .description('Advise on the route to market under the Procurement Act 2023: reads a JSON request on standard input (the same as POST /api/v1/route-advice)')
    .option('--json', 'print the answer as one JSON object on the last line')
    .option('--today <date>', 'the date to use when the request gives no startDate (YYYY-MM-DD); today by default')
    .action(
      action(async (options: OutputOptions & { today?: string }) => {
        const text = await readStdin()
        let body: unknown
        try {
          body = text.trim() === '' ? {} : JSON.parse(text)
        } catch (error) {
          throw new UserError(`standard input is not JSON: ${(error as Error).message}`)
        }
        const today = options.today ?? new Date().toISOString().slice(0, 10)
        const result = routeAdvice(body, today)
        if (!result.ok) {
          process.stderr.write(`catalyst: the request is not valid: ${result.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}\n`)
          if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, error: 'the request is not valid', errors: result.errors })}\n`)
          process.exitCode = 1
          return
        }
        const a = result.advice
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ ok: true, ...a })}\n`)
          return
        }
        const lines = [
          `${a.regimeName} (${a.regime})`,
          a.summary,
          `Value incl. VAT: ${a.valuePence === null ? 'not known' : formatPence(a.valuePence)}` + (a.thresholdPence === null ? '' : `; threshold ${formatPence(a.thresholdPence)} (${a.thresholdName})`),
          `Light touch: ${a.lightTouch ? 'yes' : 'no'}; reservable for a mutual: ${a.reservableForMutual ? 'yes' : 'no'}`,
          'Procedures:',
          ...a.procedures.map((p) => `  - ${p.name}${p.cites.length ? ` (${p.cites.join(', ')})` : ''}`),
          'Notices:',
          ...(a.notices.length ? a.notices.map((n) => `  ${n.code} ${n.name}: ${n.timing} (${n.cites.join(', ')})`) : ['  none']),
          'Duties:',
          ...a.duties.map((d) => `  - ${d.text} (${d.cites.join(', ')})`),
          ...(a.warnings.length ? ['Check:', ...a.warnings.map((w) => `  ! ${w}`)] : []),
          `Provisions relied on: ${a.cites.join(', ')}`,
        ]
        process.stdout.write(`${lines.join('\n')}\n`)
      }),
    )
}
