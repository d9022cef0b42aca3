/**
 * Which extension ids may be MetaMask, in the order they are tried. Pure: the browser and the user's own id come in
 * as parameters. MetaMask's Chromium ids are fixed by the `key` in each build's manifest; Firefox ids are the
 * manifest's gecko id. The Chrome Web Store, Flask and Edge ids are those of @metamask/providers'
 * external-extension-config.json (not exported by the package); the test build's is in shared/vendor/README.md.
 */
export interface KnownMetaMask {
  id: string;
  /** What this build is, for the user ("MetaMask (Chrome Web Store)"). */
  name: string;
}

export type BrowserFamily = 'chromium' | 'firefox';

const CHROMIUM: readonly KnownMetaMask[] = [
  { id: 'nkbihfbeogaeaoehlefnkodbefgpgknn', name: 'MetaMask (Chrome Web Store)' },
  { id: 'ejbalbakoplchlghecdalmeeeajnimhm', name: 'MetaMask (Edge Add-ons)' },
  { id: 'ljfoeinjpaedjfecbmggjgodbgkmjkjk', name: 'MetaMask Flask' },
  { id: 'pbbkamfgmaedccnfkmjcofcecjhfgldn', name: 'MetaMask Beta' },
  { id: 'hebhblbkkdabgoldnojllkipeoacjioc', name: 'MetaMask (test build, built from source)' },
];

const FIREFOX: readonly KnownMetaMask[] = [
  { id: 'webextension@metamask.io', name: 'MetaMask' },
  { id: 'webextension-flask@metamask.io', name: 'MetaMask Flask' },
  { id: 'webextension-beta@metamask.io', name: 'MetaMask Beta' },
];

export function knownMetaMasks(browser: BrowserFamily): readonly KnownMetaMask[] {
  return browser === 'firefox' ? FIREFOX : CHROMIUM;
}

export class InvalidExtensionIdError extends Error {
  override name = 'InvalidExtensionIdError';
}

/** A Chromium extension id: 32 letters a–p (the hex digits of a key hash, shifted). */
const CHROMIUM_ID = /^[a-p]{32}$/;
/** A Firefox add-on id: an email-like id or a {GUID}. */
const FIREFOX_ID = /^(?:[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+|\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\})$/;

/**
 * The id the user typed, checked: Chromium ids are 32 letters a–p (shown under the extension on
 * chrome://extensions with Developer mode on). Throws InvalidExtensionIdError with what to type instead.
 */
export function parseExtensionId(input: string, browser: BrowserFamily): string {
  const id = input.trim();
  if (browser === 'chromium') {
    const lower = id.toLowerCase();
    if (CHROMIUM_ID.test(lower)) return lower;
    throw new InvalidExtensionIdError(`"${id}" is not an extension id: it is 32 letters a–p, shown under MetaMask on chrome://extensions with Developer mode on.`);
  }
  if (FIREFOX_ID.test(id)) return id;
  throw new InvalidExtensionIdError(`"${id}" is not an add-on id: it looks like name@example.org or {GUID}, shown on about:debugging.`);
}

/**
 * The ids to try, each once: the user's own (Settings) first, then the one that answered last time, then the
 * known builds of this browser.
 */
export function candidateIds(browser: BrowserFamily, opts: { custom?: string; lastFound?: string } = {}): string[] {
  const ids = [opts.custom, opts.lastFound, ...knownMetaMasks(browser).map((k) => k.id)].filter((x): x is string => typeof x === 'string' && x.length > 0);
  return [...new Set(ids)];
}

/** The name of a known build, or undefined for an id the user gave. */
export function metaMaskName(id: string): string | undefined {
  return [...CHROMIUM, ...FIREFOX].find((k) => k.id === id)?.name;
}
