import type { Lang } from '../i18n/localized';
import { validateListUrl } from '../threat/list-fetch';
import { DEFAULT_PHISHING_CONFIG_URL } from '../threat/phishing-config';
import { DEFAULT_SCAM_DOMAINS_URL } from '../threat/scam-domains';
import { DEFAULT_SCAM_LIST_URL } from '../threat/scam-list';

export type Fiat = 'USD' | 'JPY';

/** Everything the user can set. Stored in browser.storage.local; validated on every read. */
export interface Settings {
  lang: Lang;
  fiat: Fiat;
  /** The user's own RPC per chain id (decimal string key); tried before the public fallbacks. */
  rpcs: Record<string, string>;
  /** Use only the user's RPC for these chains (no public fallbacks: e.g. a private RPC). */
  privateRpc: Record<string, boolean>;
  /** The user's RPC for these chains sends transactions privately (e.g. Flashbots Protect): lowers MEV risk. */
  protectedRpc: Record<string, boolean>;
  trustedOrigins: string[];
  trustedSpenders: string[];
  /** Address labels (lowercase address → name) for contracts the built-in list lacks. */
  labels: Record<string, string>;
  /** How long the panel waits for the analysis before showing "could not finish" (ms). */
  reviewTimeoutMs: number;
  /** Where the public scam-address list is fetched from (ScamSniffer's file by default; https, or http on this computer). */
  threatListUrl: string;
  /** Where MetaMask's phishing configuration is fetched from (eth-phishing-detect's config.json by default). */
  phishingListUrl: string;
  /** Where ScamSniffer's phishing-domain list is fetched from. */
  scamDomainsUrl: string;
  /**
   * Simulate a transaction again when it is released (Continue, a held request reaching its fee, a withdrawal step
   * sent) and stop it if the outcome moved (core/review/recheck.ts). On unless stored as false; no control in the
   * popup: the benchmark turns it off to measure what it costs (scripts/bench/release-check.ts).
   */
  releaseCheck: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  lang: 'en',
  fiat: 'USD',
  rpcs: {},
  privateRpc: {},
  protectedRpc: {},
  trustedOrigins: [],
  trustedSpenders: [],
  labels: {},
  reviewTimeoutMs: 4_000,
  threatListUrl: DEFAULT_SCAM_LIST_URL,
  phishingListUrl: DEFAULT_PHISHING_CONFIG_URL,
  scamDomainsUrl: DEFAULT_SCAM_DOMAINS_URL,
  releaseCheck: true,
};

/** The language a new user starts with: the browser's UI language (Japanese → 日本語, anything else → English). */
export function langOfLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** What a user who has saved nothing yet gets: the defaults in the browser's UI language. */
export function settingsForNewUser(uiLanguage: string | undefined): Settings {
  return { ...DEFAULT_SETTINGS, lang: langOfLocale(uiLanguage) };
}

function validListUrl(v: unknown, fallback: string): string {
  if (typeof v !== 'string') return fallback;
  try {
    return validateListUrl(v, 'list');
  } catch {
    return fallback;
  }
}

export class InvalidRpcUrlError extends Error {
  override name = 'InvalidRpcUrlError';
}

/** Only http(s) and ws(s) URLs; plain http only to this machine. */
export function validateRpcUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new InvalidRpcUrlError(`"${url}" is not a URL.`);
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  if (u.protocol === 'https:' || u.protocol === 'wss:' || (local && (u.protocol === 'http:' || u.protocol === 'ws:'))) return u.toString();
  throw new InvalidRpcUrlError('Use an https:// RPC URL (plain http:// only for a node on this computer).');
}

const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');

const booleans = (v: unknown): Record<string, boolean> =>
  typeof v === 'object' && v !== null ? (Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'boolean')) as Record<string, boolean>) : {};

/** Whatever is stored, returns valid settings: unknown or broken fields fall back to their defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof Settings, unknown>>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : []);
  return {
    lang: r.lang === 'ja' ? 'ja' : 'en',
    fiat: r.fiat === 'JPY' ? 'JPY' : 'USD',
    rpcs: isStringRecord(r.rpcs) ? r.rpcs : {},
    privateRpc: booleans(r.privateRpc),
    protectedRpc: booleans(r.protectedRpc),
    trustedOrigins: strings(r.trustedOrigins),
    trustedSpenders: strings(r.trustedSpenders),
    labels: isStringRecord(r.labels) ? Object.fromEntries(Object.entries(r.labels).map(([k, v]) => [k.toLowerCase(), v.slice(0, 60)])) : {},
    reviewTimeoutMs: typeof r.reviewTimeoutMs === 'number' && r.reviewTimeoutMs >= 500 && r.reviewTimeoutMs <= 60_000 ? r.reviewTimeoutMs : DEFAULT_SETTINGS.reviewTimeoutMs,
    threatListUrl: validListUrl(r.threatListUrl, DEFAULT_SCAM_LIST_URL),
    phishingListUrl: validListUrl(r.phishingListUrl, DEFAULT_PHISHING_CONFIG_URL),
    scamDomainsUrl: validListUrl(r.scamDomainsUrl, DEFAULT_SCAM_DOMAINS_URL),
    releaseCheck: r.releaseCheck !== false,
  };
}
