/**
 * `catalyst red-flags --council CODE [--json] [--today YYYY-MM-DD]`: the council's red flags as the /red-flags page
 * shows them, rule by rule, open and dismissed; with --json, one JSON object on the last line.
 */
import type { Command } from 'commander'
import { findCouncil } from '../modules/councils/service.ts'
import { londonDate } from '../modules/contracts/dates.ts'
import { councilRedFlags } from '../modules/red-flags/service.ts'
import { action, report, UserError, withDatabase, type OutputOptions } from './common.ts'

export function registerRedFlags(program: Command): void {
  program
    .command('red-flags')
    .description('list a council’s red flags: each rule, its open flags with their evidence, and the dismissed ones')
    .option('--council <code>', 'the council')
    .option('--today <date>', 'the date to check on (YYYY-MM-DD); today in London by default')
    .option('--json', 'print the answer as one JSON object on the last line')
    .action(
      action(async (options: OutputOptions & { council?: string; today?: string }) => {
        if (!options.council) throw new UserError('give --council CODE: the council whose red flags to list')
        if (options.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new UserError('--today must be a date like 2026-11-22')
        await withDatabase(async ({ handle }) => {
          const council = await findCouncil(handle.db, options.council!)
          if (!council) throw new UserError(`no council with code ${options.council}`)
          const today = options.today ?? londonDate(new Date())
          const groups = await councilRedFlags(handle.db, council.id, today)
          const human = [`Red flags for ${council.name} (${council.code}) on ${today}`]
          for (const g of groups) {
            human.push('', `${g.rule.id} ${g.rule.name}: ${g.open.length} open, ${g.dismissed.length} dismissed`)
            for (const f of g.open) human.push(`  - ${f.summary}`, ...f.evidence.map((e) => `      ${e.label}: ${e.value}`))
            for (const d of g.dismissed) human.push(`  x ${d.flag?.summary ?? d.dismissal.flagKey} (dismissed by ${d.dismissal.dismissedBy}: ${d.dismissal.reason})`)
          }
          report(options, human, {
            council: council.code,
            today,
            rules: groups.map((g) => ({
              id: g.rule.id,
              name: g.rule.name,
              why: g.rule.why,
              legalBasis: g.rule.legalBasis,
              settings: g.rule.settings,
              open: g.open,
              dismissed: g.dismissed.map((d) => ({ key: d.dismissal.flagKey, summary: d.flag?.summary ?? null, stillRaised: d.flag !== null, reason: d.dismissal.reason, dismissedBy: d.dismissal.dismissedBy, dismissedAt: d.dismissal.dismissedAt })),
            })),
          })
        })
      }),
    )
}
