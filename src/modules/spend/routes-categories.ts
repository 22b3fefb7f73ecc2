/** The council's spend categories: map the files' spellings of one category onto one name, and undo a mapping. */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { actorOf } from '../providers/routes.ts'
import { CategoryMappingError, mapCategories, publishedCategories, unmapCategory, type PublishedCategory } from './categories.ts'

const label = (category: string) => (category === '' ? 'Not stated' : category)
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [])
const pounds = (pence: number) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

/** The mappings as groups: each council category name with the published spellings counted under it. */
function groupsOf(categories: PublishedCategory[]) {
  const groups = new Map<string, PublishedCategory[]>()
  for (const c of categories) if (c.mapsTo !== null) groups.set(c.mapsTo, [...(groups.get(c.mapsTo) ?? []), c])
  const own = new Map(categories.filter((c) => c.mapsTo === null).map((c) => [c.category, c]))
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
    .map(([name, members]) => {
      // The name's own spelling, if the files use it unmapped, counts under it too.
      const all = [...(own.has(name) ? [own.get(name)!] : []), ...members]
      return {
        name,
        payments: all.reduce((s, c) => s + c.payments, 0),
        amountPence: all.reduce((s, c) => s + c.amountPence, 0),
        members: members.map((m) => ({ category: m.category, label: label(m.category), payments: m.payments, amountPence: m.amountPence })),
        ownSpelling: own.get(name),
      }
    })
}

export function registerCategoryRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const importer = { preHandler: requirePermission('spend:import') }

  const render = async (
    reply: FastifyReply,
    councilId: string,
    status: number,
    options: { chosen?: string[]; mapsTo?: string; errors?: FormErrors; done?: string | undefined } = {},
  ) => {
    const categories = await publishedCategories(db, councilId)
    const chosen = new Set(options.chosen ?? [])
    return reply.code(status).view('spend/views/categories.njk', {
      pageTitle: 'Spend categories',
      empty: categories.length === 0,
      groups: groupsOf(categories),
      categoryItems: categories.map((c) => ({
        value: c.category,
        text: label(c.category),
        checked: chosen.has(c.category),
        hint: {
          text: `${c.payments.toLocaleString('en-GB')} ${c.payments === 1 ? 'payment' : 'payments'}, ${pounds(c.amountPence)}${c.mapsTo !== null ? `. Counted under “${c.mapsTo}”` : ''}`,
        },
      })),
      mapsTo: options.mapsTo ?? '',
      done: options.done,
      errorList: options.errors?.errorList ?? [],
      fieldErrors: options.errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.spend.categories.pattern, importer, async (request, reply) => {
    const principal = principalOf(request)
    const done = (request.query as Record<string, unknown>).done
    return render(reply, principal.councilId, 200, { done: typeof done === 'string' ? done.slice(0, 300) : undefined })
  })

  app.post(paths.spend.categories.pattern, importer, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const chosen = list(body.categories)
    const mapsTo = typeof body.mapsTo === 'string' ? body.mapsTo : ''
    try {
      const { changed } = await mapCategories(db, { councilId: principal.councilId, categories: chosen, mapsTo, actor: actorOf(request, principal), now: context.clock() })
      const name = mapsTo.trim().replace(/\s+/g, ' ')
      const done = changed === 0 ? `Nothing changed: those categories already count under “${name}”` : `${changed} ${changed === 1 ? 'category now counts' : 'categories now count'} under “${name}”`
      return reply.redirect(`${paths.spend.categories.href()}?done=${encodeURIComponent(done)}`, 303)
    } catch (error) {
      if (!(error instanceof CategoryMappingError)) throw error
      // The checkboxes' first input carries the field's id, as the GOV.UK error summary links to it.
      return render(reply, principal.councilId, 400, { chosen, mapsTo, errors: singleError(error.field, error.message) })
    }
  })

  app.post(paths.spend.unmapCategory.pattern, importer, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const category = typeof body.category === 'string' ? body.category : ''
    const removed = await unmapCategory(db, { councilId: principal.councilId, category, actor: actorOf(request, principal), now: context.clock() })
    const done = removed ? `“${label(category)}” counts under its own name again` : `“${label(category)}” was not mapped`
    return reply.redirect(`${paths.spend.categories.href()}?done=${encodeURIComponent(done)}`, 303)
  })
}
