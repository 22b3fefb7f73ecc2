/** The `ical` parser has no types of its own: what the forward plan's feed test reads of it. */
declare module 'ical' {
  interface Component {
    type: string
    uid?: string
    summary?: string
    description?: string
    start?: Date & { dateOnly?: boolean }
  }
  export function parseICS(text: string): Record<string, Component>
  const ical: { parseICS: typeof parseICS }
  export default ical
}
