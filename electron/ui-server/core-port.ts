// The core's public shape as the shells (Electron main, headless, the UI
// server) see it: types only, so the UI server can be tested without the engine.
export type { Core, CoreOptions } from '../core/core';
