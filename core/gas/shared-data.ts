/**
 * Where the real fee data files (../shared/data/gas) are, for tests and benches run in Node:
 * beside the repository (a clone next to ../shared) or beside a worktree one level deeper.
 * Not part of the engine's public API (index.ts does not export it).
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['../../../shared/data/gas/', '../../../../shared/data/gas/'];

/** URL of the gas data folder; throws with the places looked at when it is missing. */
export function gasDataDir(): URL {
  for (const rel of CANDIDATES) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) return url;
  }
  throw new Error(`gas data folder not found (looked at ${CANDIDATES.join(', ')} relative to core/gas)`);
}

export const gasDataFile = (name: string): URL => new URL(name, gasDataDir());
