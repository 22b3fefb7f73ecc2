/** Residents' stories about services: told without an account, moderated, answered by providers in public. */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { storiesAttention } from './attention.ts'
import { seedDemoStories } from './demo.ts'
import { storiesSearch } from './search.ts'
import { registerModerationRoutes } from './moderation-routes.ts'
import { registerStoryRoutes } from './routes.ts'
import { registerStoryApi } from './api.ts'
import { storiesOpenApi } from './api-docs.ts'

export const storiesModule: CatalystModule = {
  name: 'stories',
  stage: 'review',
  navigation: [
    { text: 'Moderation', href: paths.moderation.queue.href(), permission: 'stories:moderate', activeWhen: '/moderation' },
    { text: 'Stories', href: paths.stories.council.href(), permission: 'stories:read-council', activeWhen: '/stories/council' },
    { text: 'Stories about you', href: paths.stories.provider.href(), permission: 'stories:respond-own', activeWhen: '/stories/provider' },
  ],
  settings: [
    {
      title: 'Stories',
      description: 'How long a private or voluntary provider sees a story before it is public.',
      href: paths.stories.settings.href(),
    },
  ],
  attention: storiesAttention,
  search: [storiesSearch],
  demo: { seed: seedDemoStories },
  openApi: storiesOpenApi,
  register(app, context) {
    registerStoryRoutes(app, context)
    registerModerationRoutes(app, context)
    registerStoryApi(app, context)
  },
}
