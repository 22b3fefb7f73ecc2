/**
 * Background jobs (ADR 0032): the page where a council's administrators see the jobs that failed for good (an email
 * that could not be sent), why, and put them back in the queue. The queue itself is platform code in
 * src/platform/jobs; this module is only its settings page.
 */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerJobRoutes } from './routes.ts'

export const jobsModule: CatalystModule = {
  name: 'jobs',
  settings: [
    {
      title: 'Background jobs',
      description: 'Work Catalyst does after a page has answered, such as sending email: the jobs that failed after every retry, with the error, and a button to try each again.',
      href: paths.settings.jobs.href(),
    },
  ],
  register: registerJobRoutes,
}
