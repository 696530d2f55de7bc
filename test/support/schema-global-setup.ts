// Says once which schema referee checks every ACS message: the system's
// xmllint, or xmllint-wasm where libxml2-utils is not installed (schema.ts;
// system-parts.ts prints the "missing:" line).
import { refereeName } from './schema';

export default function setup(): void {
  if (refereeName() === 'xmllint-wasm') console.warn('schema referee: xmllint-wasm');
}
