// `npm run serve` / `npm run sim`: build if needed, then run one of the Node
// bundles (out/main/<name>.js) with the remaining arguments.
import { join } from 'node:path';
import { buildIfNeeded, root } from './build-if-needed.mjs';
import { runForeground } from './run-child.mjs';

const ENTRIES = ['headless', 'sim'];
const [name, ...args] = process.argv.slice(2);
if (!ENTRIES.includes(name)) {
  console.error(`Usage: node electron/run-built.mjs <${ENTRIES.join('|')}> [args...]`);
  process.exit(2);
}
buildIfNeeded();
runForeground(process.execPath, [join(root, 'out', 'main', `${name}.js`), ...args], { cwd: root });
