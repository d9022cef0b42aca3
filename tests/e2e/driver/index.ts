import { chromiumDriver } from './chromium';
import { firefoxDriver } from './firefox';
import type { BrowserName, Driver } from './types';

export type { BrowserName, BrowserSession, Driver, DriverPage, Loc, PanelSurface, Surface } from './types';
export { clickCase, clickInPanel, decide, inputStalls, panelReview, pressInPanel, readVerdict } from './flows';

const ALL: Record<BrowserName, Driver> = { chromium: chromiumDriver, firefox: firefoxDriver };

/**
 * The browsers the shared end-to-end files run in: `PREFLIGHT_E2E_BROWSERS=chromium,firefox` (the default: both, one
 * after the other in the same file). `npm test` runs the Chromium and the Firefox halves as two vitest processes
 * side by side (scripts/test.ts), each with one browser named here.
 */
export function selectedDrivers(): Driver[] {
  const names = (process.env.PREFLIGHT_E2E_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(n in ALL)) throw new Error(`PREFLIGHT_E2E_BROWSERS: unknown browser ${n} (chromium, firefox)`);
  return names.map((n) => ALL[n as BrowserName]);
}

/** For describe.each: `describe.each(drivers)('… ($name)', (driver) => …)`. */
export const drivers: Driver[] = selectedDrivers();
