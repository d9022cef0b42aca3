import { browser } from 'wxt/browser';

/**
 * Is MetaMask installed? A minimal check until the MetaMask module (components/metamask) is on main: a port to
 * an extension that is not installed closes at once with lastError set; one to MetaMask stays open (its
 * externally_connectable accepts every extension). Known Chromium ids of MetaMask's builds, in order.
 */
const IDS = ['nkbihfbeogaeaoehlefnkodbefgpgknn', 'ejbalbakoplchlghecdalmeeeajnimhm', 'ljfoeinjpaedjfecbmggjgodbgkmjkjk', 'pbbkamfgmaedccnfkmjcofcecjhfgldn', 'hebhblbkkdabgoldnojllkipeoacjioc'];
const WAIT_MS = 400;

export async function metaMaskInstalled(): Promise<boolean> {
  for (const id of IDS) {
    const open = await new Promise<boolean>((resolve) => {
      let port: ReturnType<typeof browser.runtime.connect>;
      try {
        port = browser.runtime.connect(id);
      } catch {
        resolve(false);
        return;
      }
      const timer = setTimeout(() => {
        port.disconnect();
        resolve(true);
      }, WAIT_MS);
      port.onDisconnect.addListener(() => {
        void browser.runtime.lastError; // read, so the closed port is not logged as an error
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (open) return true;
  }
  return false;
}
