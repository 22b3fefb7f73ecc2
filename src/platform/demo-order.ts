/**
 * The order the modules' demo seeds run in: the order of the module list, except that a module's seed waits until
 * every module it names in `demo.after` has run. A name that no module has, or a circle of waits, stops the demo
 * with a message naming them, rather than loading half of it.
 */
import type { CatalystModule, DemoSeed } from './modules.ts'

export function demoSeedsInOrder(modules: CatalystModule[]): { name: string; seed: DemoSeed }[] {
  const withDemo = modules.filter((module) => module.demo)
  const names = new Set(withDemo.map((module) => module.name))
  for (const module of withDemo) {
    for (const name of module.demo!.after ?? []) {
      if (!names.has(name)) throw new Error(`The ${module.name} demo waits for the ${name} demo, which no module has`)
    }
  }
  const done = new Set<string>()
  const ordered: { name: string; seed: DemoSeed }[] = []
  while (ordered.length < withDemo.length) {
    const next = withDemo.find((module) => !done.has(module.name) && (module.demo!.after ?? []).every((name) => done.has(name)))
    if (!next) {
      const waiting = withDemo.filter((module) => !done.has(module.name)).map((module) => module.name)
      throw new Error(`The demos of ${waiting.join(', ')} wait for each other`)
    }
    done.add(next.name)
    ordered.push({ name: next.name, seed: next.demo!.seed })
  }
  return ordered
}
