/** The demo councils' areas: Demo Borough Council covers TS1 to TS5; the other council covers Cambridge's CB1 and CB2. */
import type { DemoSeed } from '../../platform/modules.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { areaSettings } from './area.ts'

export const seedDemoAreas: DemoSeed = async (tx, context) => {
  const areas = [
    { councilId: context.demoCouncilId, postcodeDistricts: ['TS1', 'TS2', 'TS3', 'TS4', 'TS5'] },
    { councilId: context.otherCouncilId, postcodeDistricts: ['CB1', 'CB2'] },
  ]
  for (const area of areas) {
    const current = await readSettings(tx, area.councilId, areaSettings)
    if (current.postcodeDistricts.length > 0) continue
    await writeSettings(tx, { actor: context.actor, councilId: area.councilId, section: areaSettings, values: { postcodeDistricts: area.postcodeDistricts }, now: context.now })
  }
}
