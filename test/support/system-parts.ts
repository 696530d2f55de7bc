// What a test needs from the system beyond Node and npm (issue 11: two
// commands on a fresh machine). A test that needs a missing part is skipped
// with one line saying what is missing and how to get it; .ci/run installs
// every part and fails when anything was skipped there.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';

export interface SystemPart { name: string; available: boolean; hint: string }

const HINTS: Record<string, string> = {
  xmllint: 'apt-get install -y libxml2-utils (the schema checks use xmllint-wasm meanwhile)',
  chromium: 'apt-get install -y chromium, or npx playwright-core install chromium, or set CHROMIUM_PATH to a Chromium/Chrome binary',
};

const seen = new Map<string, SystemPart>();
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

function onPath(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium binary the e2e tests drive: CHROMIUM_PATH, else Debian's, else
 * the one `npx playwright-core install chromium` downloads (where it would put it).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH
  ?? [DEBIAN_CHROMIUM, playwrightChromium()].find((p): p is string => p !== undefined && executable(p))
  ?? DEBIAN_CHROMIUM;

/** Whether `name` is there; when it is not, prints `missing: <name> — <how to get it>` once per process. */
export function systemPart(name: 'xmllint' | 'chromium'): SystemPart {
  let part = seen.get(name);
  if (!part) {
    const available = name === 'chromium' ? executable(CHROMIUM_PATH) : onPath(name);
    part = { name, available, hint: HINTS[name]! };
    seen.set(name, part);
    if (!available) console.warn(`missing: ${name} — ${part.hint}; the tests that need it are skipped`);
  }
  return part;
}
