// node:util parseArgs' errors say what is wrong in words a user can act on
// ("Unknown option '--cwmp-prot'"); keep that sentence, drop the error code
// and the hint about dashes that only confuses.
export function usageText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/\. To specify an option argument starting with a dash use .*$/s, '').replace(/^TypeError \[\w+\]: /, '');
}
