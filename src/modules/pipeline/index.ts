/**
 * The commissioning pipeline (ADR 0047): the council's planned procurements and contracts ending, published for the
 * market as a page, CSV and Atom feed, with the s.93 pipeline notice's content.
 */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerPipelineRoutes } from './routes.ts'

export const pipelineModule: CatalystModule = {
  name: 'pipeline',
  stage: 'plan',
  navigation: [{ text: 'Pipeline', href: paths.pipeline.mine.href(), permission: 'opportunities:read', activeWhen: '/pipeline' }],
  register(app, context) {
    registerPipelineRoutes(app, context)
  },
}
