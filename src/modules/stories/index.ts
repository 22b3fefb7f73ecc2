/** Residents' stories about services: told without an account, moderated, answered by providers in public. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerModerationRoutes } from './moderation-routes.ts'
import { registerStoryRoutes } from './routes.ts'

export const storiesModule: CatalystModule = {
  name: 'stories',
  navigation: [
    { text: 'Moderation', href: paths.moderation.queue.href(), permission: 'stories:moderate', activeWhen: '/moderation' },
    { text: 'Stories', href: paths.stories.council.href(), permission: 'stories:read-council', activeWhen: '/stories/council' },
    { text: 'Stories about you', href: paths.stories.provider.href(), permission: 'stories:respond-own', activeWhen: '/stories/provider' },
  ],
  register(app, context) {
    registerStoryRoutes(app, context)
    registerModerationRoutes(app, context)
  },
}
