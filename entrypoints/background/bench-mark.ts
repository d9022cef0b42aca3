/** A timing mark for `scripts/bench/cold-first.ts` (only the newest of each name is kept, so marks never pile up). */
export function benchMark(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}
