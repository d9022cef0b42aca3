import { ListFormatError } from './list-fetch';

/**
 * MetaMask's phishing configuration: `src/config.json` of github.com/MetaMask/eth-phishing-detect, the file its
 * `eth-phishing-detect` package (and MetaMask's extension before its phishing-controller) reads: `whitelist` (the
 * allowlist), `blacklist` (the blocklist), `fuzzylist` (real sites whose look-alikes are blocked), `tolerance` (the
 * Levenshtein distance of a look-alike) and `version`. The npm package bundles a 2022 copy (13,752 blocked hosts);
 * the repository's file is updated many times a day (about 231k blocked hosts in March 2026).
 */
export const DEFAULT_PHISHING_CONFIG_URL = 'https://raw.githubusercontent.com/MetaMask/eth-phishing-detect/main/src/config.json';

/** The configuration as kept: the lists as published (the detector compares them as they are). */
export interface PhishingConfig {
  version: number | string;
  tolerance: number;
  fuzzylist: string[];
  allowlist: string[];
  blocklist: string[];
}

/** A tolerance above this would block half the web (the repository's own check only lets it shrink; it is 2). */
const MAX_TOLERANCE = 5;
/** The fuzzylist is a short list of real sites (15 in the bundled copy, "remove-only" upstream). */
const MAX_FUZZY = 1_000;

function domains(json: Record<string, unknown>, names: string[], what: string, required: boolean): string[] {
  const name = names.find((n) => n in json);
  if (name === undefined) {
    if (required) throw new ListFormatError(`The phishing configuration has no ${what} ("${names.join('" or "')}"). Check the list URL in Settings.`);
    return [];
  }
  const list = json[name];
  // eth-phishing-detect's detector throws on an entry that is not a string: refuse the file rather than break later.
  if (!Array.isArray(list) || !list.every((d): d is string => typeof d === 'string')) {
    throw new ListFormatError(`The phishing configuration's "${name}" is not a list of domain names. Check the list URL in Settings.`);
  }
  return list;
}

/**
 * Validates a fetched configuration (the legacy keys `whitelist`/`blacklist` of config.json, or `allowlist`/
 * `blocklist`). What the detector cannot use is refused with the reason; nothing is rewritten.
 */
export function parsePhishingConfig(json: unknown): PhishingConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ListFormatError('The phishing configuration is not a JSON object with allow, block and fuzzy lists. Check the list URL in Settings.');
  }
  const o = json as Record<string, unknown>;
  const blocklist = domains(o, ['blacklist', 'blocklist'], 'block list', true);
  const allowlist = domains(o, ['whitelist', 'allowlist'], 'allow list', true);
  const fuzzylist = domains(o, ['fuzzylist'], 'fuzzy list', false);
  const tolerance = o.tolerance === undefined ? 3 : o.tolerance; // the detector's own default
  if (typeof tolerance !== 'number' || !Number.isInteger(tolerance) || tolerance < 0 || tolerance > MAX_TOLERANCE) {
    throw new ListFormatError(`The phishing configuration's tolerance (${JSON.stringify(o.tolerance)}) is not a whole number from 0 to ${MAX_TOLERANCE}. Check the list URL in Settings.`);
  }
  if (fuzzylist.length > MAX_FUZZY) throw new ListFormatError(`The phishing configuration's fuzzy list has ${fuzzylist.length.toLocaleString('en-US')} entries, not a short list of real sites: refused.`);
  if (blocklist.length === 0) throw new ListFormatError('The phishing configuration blocks no site at all: refused. Check the list URL in Settings.');
  const version = typeof o.version === 'number' || (typeof o.version === 'string' && o.version !== '') ? o.version : 0;
  return { version, tolerance, fuzzylist, allowlist, blocklist };
}
