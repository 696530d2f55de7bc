// Writes that need not finish before we answer the CPE (a summary, a done
// task, a session record) go to disk in the background; the store orders them
// per device and folds concurrent ones into one write. Failures are reported,
// never thrown into a session.
export function background(p: Promise<unknown>, what: string): void {
  p.catch((e: unknown) => console.error(`background write failed (${what}):`, e instanceof Error ? e.message : e));
}
