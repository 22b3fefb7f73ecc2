/** The council's settings for stories (ADR 0012): how long private and VCSE providers see a story first. */
import { z } from 'zod'
import { settingsSection } from '../../platform/settings/settings.ts'

export const storiesSettings = settingsSection(
  'stories',
  z.object({
    /** Care Opinion gives private, VCSE and GP providers 72 hours; 0 publishes at once. */
    providerPreviewHours: z.number().int().min(0).max(720).default(72),
  }),
)
