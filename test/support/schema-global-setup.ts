// Fail fast, with the fix, when the schema referee is missing.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('xmllint not found: every ACS message is checked with it. Install it: apt-get install -y libxml2-utils');
  }
}
