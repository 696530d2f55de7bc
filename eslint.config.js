// ESLint (flat config): typescript-eslint's recommended rules, React hooks
// rules for the renderer, and the layering every folder README describes,
// enforced by eslint-plugin-boundaries. The allowed imports below form a DAG
// (each layer imports only layers listed before it), so a folder cycle always
// breaks at least one rule. `npm test` runs this (npm run lint).
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Element types, most specific first (boundaries takes the first match). */
const ELEMENTS = [
  // Only the Electron shell may import 'electron' (see no-restricted-imports below).
  { type: 'shell', pattern: ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**/*'], mode: 'file' },
  { type: 'entry', pattern: ['electron/headless.ts', 'electron/cli-options.ts', 'electron/startup-problem.ts', 'electron/*.mjs'], mode: 'file' },
  { type: 'ui-server', pattern: 'electron/ui-server' },
  { type: 'core', pattern: 'electron/core/core.ts', mode: 'file' },
  { type: 'core-part', pattern: 'electron/core/*', capture: ['part'] },
  { type: 'sim', pattern: 'electron/sim' },
  { type: 'lib', pattern: 'electron/lib' },
  { type: 'shared', pattern: 'shared/*', capture: ['part'] },
  // The renderer's own layers (renderer/README.md): the shell, one folder per page, then shared widgets, the API, helpers.
  { type: 'renderer-app', pattern: ['renderer/src/main.tsx', 'renderer/src/App.tsx', 'renderer/src/env.d.ts', 'renderer/*.ts'], mode: 'file' },
  { type: 'renderer-feature', pattern: 'renderer/src/features/*', capture: ['feature'] },
  { type: 'renderer-components', pattern: 'renderer/src/components' },
  { type: 'renderer-api', pattern: 'renderer/src/api' },
  { type: 'renderer-lib', pattern: 'renderer/src/lib' },
];

const el = (type, captured) => ({ type, ...(captured ? { captured } : {}) });
const sharedParts = (...parts) => el('shared', { part: parts.length ? `{${parts.join(',')}}` : '*' });
const coreParts = (...parts) => el('core-part', { part: parts.length > 1 ? `{${parts.join(',')}}` : parts[0] });
const policy = (from, ...allowed) => ({ from: { element: from }, allow: { to: { element: allowed } } });

/** Within the ACS core: who may import whom. Listed in layer order; nothing imports upward. */
const CORE_LAYERS = {
  runtime: [],
  store: ['runtime'],
  files: ['runtime', 'store'],
  check: ['runtime', 'store'],
  log: ['runtime', 'store', 'check'],
  acs: ['runtime', 'store', 'log', 'check'],
  transfers: ['runtime', 'store', 'files', 'acs'],
  diagnostics: ['runtime', 'store', 'acs'],
  settings: ['runtime', 'store', 'log', 'acs'],
  api: ['runtime', 'store', 'files', 'check', 'log', 'acs', 'transfers', 'diagnostics', 'settings'],
};

const POLICIES = [
  policy(el('shared', { part: 'cwmp' }), sharedParts('cwmp')),
  policy(el('shared', { part: 'model' }), sharedParts('cwmp', 'model')),
  policy(el('shared', { part: 'api' }), sharedParts('cwmp', 'model', 'api')),
  policy(el('lib'), sharedParts(), el('lib')),
  policy(el('sim'), sharedParts(), el('lib'), el('sim')),
  // The API handlers start and stop virtual CPEs (sim.start): the core hosts the sim, never the reverse.
  ...Object.entries(CORE_LAYERS).map(([p, below]) =>
    policy(el('core-part', { part: p }), sharedParts(), el('lib'), coreParts(p, ...below), ...(p === 'api' ? [el('sim')] : []))),
  policy(el('core'), sharedParts(), el('lib'), el('sim'), el('core-part')),
  policy(el('ui-server'), sharedParts(), el('core'), el('core-part'), el('ui-server')),
  policy(el('entry'), sharedParts(), el('lib'), el('sim'), el('core'), el('core-part'), el('ui-server'), el('entry')),
  policy(el('shell'), sharedParts(), el('lib'), el('sim'), el('core'), el('core-part'), el('ui-server'), el('entry'), el('shell')),
  policy(el('renderer-lib'), sharedParts(), el('renderer-lib')),
  policy(el('renderer-api'), sharedParts(), el('renderer-lib'), el('renderer-api')),
  policy(el('renderer-components'), sharedParts(), el('renderer-lib'), el('renderer-api'), el('renderer-components')),
  // A feature may use its own folder and what lies below; the device page embeds the firmware and diagnostics panels (never the reverse).
  ...['devices', 'firmware', 'diagnostics', 'log', 'settings', 'device'].map((f) => policy(el('renderer-feature', { feature: f }),
    sharedParts(), el('renderer-lib'), el('renderer-api'), el('renderer-components'), el('renderer-feature', { feature: f }),
    ...(f === 'device' ? [el('renderer-feature', { feature: '{firmware,diagnostics}' })] : []))),
  policy(el('renderer-app'), sharedParts(), el('renderer-lib'), el('renderer-api'), el('renderer-components'), el('renderer-feature'), el('renderer-app')),
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'dist/**', 'renderer/dist/**', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,mjs,js}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { '@stylistic': stylistic },
    rules: {
      // Unused names are a compile error already where it matters; a leading _ marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The line limit (issue 11): long strings, regexes and URLs (SVG paths, messages, patterns) may run on.
      '@stylistic/max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      // A `let` assigned once but read first by a closure (a forward reference) stays a `let`.
      'prefer-const': ['error', { destructuring: 'all', ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      // mode: 'file' (deprecated in v7, still supported) is how a single file (main.ts, core.ts) is its own element.
      'boundaries/legacy-warnings': false,
      'boundaries/include': ['electron/**/*', 'shared/**/*', 'renderer/**/*'],
      'import/resolver': { typescript: { project: 'tsconfig.json' }, node: true },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: POLICIES }],
      // Every file belongs to a layer, and nothing imports a file outside them.
      'boundaries/no-unknown-files': 'error',
      'boundaries/no-unknown-dependencies': 'error',
      // Everything but the shell runs under plain Node (tests, headless) or in the sandboxed renderer.
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "only electron/main.ts, electron/preload.ts and electron/shell/** import 'electron'" }] }],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
