import { installInpage } from './install';

/**
 * Runs in the page's own JS world at document_start, before any page script: wraps window.ethereum
 * (also when assigned later) and every EIP-6963 provider, and holds reviewed requests until the user decides.
 * Kept dependency-light: it is parsed on every page load.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    installInpage();
  },
});
