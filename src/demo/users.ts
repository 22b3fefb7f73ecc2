/**
 * The demo's people. Kept apart from the seed so that the settings check can test CATALYST_DEMO_PASSWORD against
 * each of their email addresses without loading the whole demo.
 */
import type { Role } from '../platform/auth/roles.ts'

export const DEMO_USERS: { email: string; displayName: string; council: 'DEMO' | 'OTHER'; role: Role; partnerCode?: string }[] = [
  { email: 'admin@demo.catalyst.test', displayName: 'Ada Admin', council: 'DEMO', role: 'admin' },
  { email: 'commissioner@demo.catalyst.test', displayName: 'Cara Commissioner', council: 'DEMO', role: 'commissioner' },
  { email: 'finance@demo.catalyst.test', displayName: 'Femi Finance', council: 'DEMO', role: 'finance' },
  { email: 'councillor@demo.catalyst.test', displayName: 'Cllr Priya Shah', council: 'DEMO', role: 'councillor' },
  { email: 'provider@demo.catalyst.test', displayName: 'Pat Provider', council: 'DEMO', role: 'provider' },
  { email: 'moderator@demo.catalyst.test', displayName: 'Mo Moderator', council: 'DEMO', role: 'moderator' },
  { email: 'admin@other.catalyst.test', displayName: 'Owen Other-Admin', council: 'OTHER', role: 'admin' },
  // A pooled fund partner: the ICB's finance lead, who sees DEMO's Better Care Fund and nothing else of DEMO.
  { email: 'icb@demo.catalyst.test', displayName: 'Imani ICB', council: 'DEMO', role: 'partner', partnerCode: 'QHM' },
]
