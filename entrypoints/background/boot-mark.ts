/**
 * Imported first by the worker's entry: marks when the worker's script starts to run (after it was fetched and
 * compiled, before the rest of the bundle is evaluated). `scripts/bench/cold-first.ts` reads it.
 */
performance.mark('preflight:boot');
