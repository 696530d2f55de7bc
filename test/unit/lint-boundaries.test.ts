// The layering rule (eslint.config.js) catches what it exists to catch: each
// case is a file that would break a boundary, linted as if it stood at that
// path in the tree (ESLint's lintText with a filePath; nothing is written).
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(__dirname, '../..') });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering lint', () => {
  it('refuses a renderer → electron import', async () => {
    expect(await problems('renderer/src/lib/lint-case.ts', "import { startCore } from '../../../electron/core/core';\nexport const f = startCore;\n"))
      .toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"renderer-lib" to elements of type "core"/)]);
  });

  it('refuses a shared → electron/core import', async () => {
    expect(await problems('shared/model/lint-case.ts', "import type { SessionContext } from '../../electron/core/acs/session';\nexport type S = SessionContext;\n"))
      .toEqual([expect.stringMatching(/^boundaries\/dependencies: .*part="model" to elements of type "core-part" .*part="acs"/)]);
  });

  it('refuses a folder cycle (store → acs, while acs imports store)', async () => {
    expect(await problems('electron/core/store/lint-case.ts', "import { newSession } from '../acs/session';\nexport const f = newSession;\n"))
      .toEqual([expect.stringMatching(/^boundaries\/dependencies: .*part="store" to .*part="acs"/)]);
  });

  it('refuses the virtual CPEs importing the ACS core', async () => {
    expect(await problems('electron/sim/lint-case.ts', "import { newSession } from '../core/acs/session';\nexport const f = newSession;\n"))
      .toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"sim" to .*"core-part"/)]);
  });

  it("refuses an 'electron' import outside the shell, allows it in the shell", async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await problems('electron/core/acs/lint-case.ts', code)).toEqual([expect.stringMatching(/^no-restricted-imports: .*only electron\/main\.ts/)]);
    expect(await problems('shared/api/lint-case.ts', code)).toEqual([expect.stringMatching(/^no-restricted-imports:/)]);
    expect(await problems('electron/shell/lint-case.ts', code)).toEqual([]);
  });

  it('refuses a renderer folder cycle (firmware → device, while device embeds firmware) and shared UI importing a page', async () => {
    expect(await problems('renderer/src/features/firmware/lint-case.ts', "import { DevicePage } from '../device/DevicePage';\nexport const p = DevicePage;\n"))
      .toEqual([expect.stringMatching(/^boundaries\/dependencies: .*feature="firmware" to .*feature="device"/)]);
    expect(await problems('renderer/src/components/lint-case.ts', "import { DevicePage } from '../features/device/DevicePage';\nexport const p = DevicePage;\n"))
      .toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"renderer-components" to .*"renderer-feature"/)]);
  });

  it('accepts an import the layering allows', async () => {
    expect(await problems('electron/core/acs/lint-case.ts', "import { DeviceStore } from '../store/device-store';\nexport const s = DeviceStore;\n")).toEqual([]);
  });
});
