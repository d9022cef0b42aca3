/**
 * Large data goes into the service worker as one `JSON.parse("…")` string, not as JavaScript literals: V8 scans a
 * string literal far faster than it parses an array or object literal of thousands of entries, and the worker
 * compiles its whole bundle at every start (Chrome stops an idle worker after ~30 s; the next request pays it).
 * This plugin does it for eth-phishing-detect's bundled `config.json` (~14,900 host names) imported by
 * core/review/phishing.ts; Vite's own JSON plugin emits each of its keys as a literal (named exports).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const PHISHING_CONFIG = 'eth-phishing-detect/src/config.json';
const VIRTUAL = '\0preflight:phishing-config';

/** A module whose default export is `json`'s value, as one JSON.parse of a string. */
export function jsonModuleSource(json: string): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(json)))});\n`;
}

export function phishingConfigAsJson(): Plugin {
  return {
    name: 'preflight-phishing-config-json',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === PHISHING_CONFIG && importer && /core[\\/]review[\\/]phishing\.ts$/.test(importer)) return VIRTUAL;
      return null;
    },
    load(id) {
      if (id !== VIRTUAL) return null;
      return jsonModuleSource(readFileSync(createRequire(import.meta.url).resolve(PHISHING_CONFIG), 'utf8'));
    },
  };
}
