/** Every module Catalyst runs, in the order their navigation entries appear. */
import type { CatalystModule } from '../platform/modules.ts'
import { providersModule } from './providers/index.ts'

export const modules: CatalystModule[] = [providersModule]
