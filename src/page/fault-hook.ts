/**
 * Test-only: `window.ltdFaults.inject('throw' | 'hang' | 'lose-device')` for the e2e suite's fault
 * specs (e2e/faults.spec.ts). main.tsx imports this file only when the build was made with
 * VITE_FAULTS=1 — the e2e webServer's build (playwright.config.ts) — so Vite replaces the test by
 * `false` in `npm run build` and the bundle holds neither this file nor the worker's faults.ts.
 */
import { injectFault } from '../hosts/worker/client';
import type { FaultKind } from '../shared/faults';

declare global {
  interface Window {
    ltdFaults?: { inject: (fault: FaultKind) => void };
  }
}

window.ltdFaults = { inject: injectFault };
