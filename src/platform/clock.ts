/** The time, injected so that tests can fix it (financial years and summer time are part of the domain). */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()
