/**
 * Opportunity digests (ADR 0059): a provider user chooses services, areas and how often, and the daily sweep emails
 * them what is new in the council's pipeline, market engagement and grant rounds. Plan stage, beside the pipeline.
 */
import type { CatalystModule } from '../../platform/modules.ts'
import { opportunityDigest } from './reminders.ts'
import { registerOpportunityDigestRoutes } from './routes.ts'

export const opportunityDigestsModule: CatalystModule = {
  name: 'opportunity-digests',
  stage: 'plan',
  reminders: [opportunityDigest],
  register(app, context) {
    registerOpportunityDigestRoutes(app, context)
  },
}
