/**
 * A provision of law as the Act writes it: "s.74(4)", "Sch 8 para 4", "reg 43". Every answer the procurement rules
 * give carries the provisions it relied on, so an officer can check it and a test can say which section decides it.
 */
export type Citation = string

export const ACT_COMMENCEMENT = '2025-02-24'

/** Unique citations in the order first relied on. */
export function mergeCitations(...lists: (readonly Citation[])[]): Citation[] {
  return [...new Set(lists.flat())]
}
