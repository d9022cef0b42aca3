/** Types for the detector class of the npm package `eth-phishing-detect` (1.2.0, plain CommonJS without types). */
declare module 'eth-phishing-detect/src/detector.js' {
  /** The configuration format of `src/config.json` (a single list set, "legacy" to the detector). */
  export interface LegacyPhishingDetectorConfiguration {
    whitelist?: string[];
    blacklist?: string[];
    fuzzylist?: string[];
    tolerance?: number;
  }
  /** One named list set of the multi-configuration format: allowlists of every set are checked first. */
  export interface PhishingDetectorConfiguration {
    name: string;
    version: number | string;
    allowlist?: string[];
    blocklist?: string[];
    fuzzylist?: string[];
    tolerance?: number;
  }
  export interface PhishingDetectorResult {
    result: boolean;
    /** 'whitelist' / 'blacklist' in the legacy format; 'all' when nothing matched. */
    type: 'allowlist' | 'blocklist' | 'fuzzy' | 'all' | 'whitelist' | 'blacklist';
    /** The name of the configuration that matched (multi-configuration format). */
    name?: string;
    version?: number | string;
    /** The fuzzylist entry a look-alike imitates. */
    match?: string;
  }
  export default class PhishingDetector {
    constructor(opts: LegacyPhishingDetectorConfiguration | PhishingDetectorConfiguration[]);
    check(domain: string): PhishingDetectorResult;
  }
}
