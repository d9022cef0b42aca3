import { defineConfig } from 'wxt';
import { noHtmlSinks } from './scripts/build/no-html-sinks';
import { nodeGlobalsFor } from './scripts/build/node-globals';
import { slimViemChains } from './scripts/build/slim-viem-chains';
import { slimDelegationDeployments } from './scripts/build/slim-delegation-deployments';
import { slimSafeDeploymentsPlugin } from './scripts/build/slim-safe-deployments';
import { lazyCollator } from './scripts/build/lazy-collator';
import { phishingConfigAsJson } from './scripts/build/json-data';

/**
 * Chrome: a fixed extension id, aaehnjbkoehknpnpchemaiahejiionjh, for unpacked installs. Chromium runs the extensions'
 * document_start content scripts in the order of their ids, and Preflight's stream guard can stop a request posted
 * straight to MetaMask's page stream only when its listener runs before MetaMask's (docs/SECURITY.md, "Requests that
 * go around Preflight"): an id beginning with "aa" sorts before every MetaMask id (ejbal… Edge, hebhb… the test
 * build, ljfoe… Flask, nkbih… Chrome Web Store). The key is a public key only; its private key was not kept.
 */
/**
 * `PREFLIGHT_PACKAGE=1` (set by `npm run zip`): the store packages, built into `.output/packages/` so the test build in
 * `.output/chrome-mv3` stays as it is. The Chrome Web Store refuses a manifest `key` and assigns its own id, so the
 * Chrome package carries none (README "Packages": what that id means for the stream guard).
 */
const PACKAGE_BUILD = process.env.PREFLIGHT_PACKAGE === '1';
/**
 * `PREFLIGHT_SOURCEMAP=1`: a build with source maps into `.output/maps/` (for reading what the bundles hold and what
 * the worker runs at its start, e.g. with `node --cpu-prof`); the test build stays as it is.
 */
const SOURCEMAP_BUILD = process.env.PREFLIGHT_SOURCEMAP === '1';
const CHROME_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA2I3ZIHNfza5Foi3UhgD35kvk7DaaEL6NiFMFHuq0V5qFsP27Cego6rZN7YtqVCrx0/SgC0VXh57ToVMdeYIJCRSUQLQk/Un0g2Mm4jIbDo0zv1keRb3m98Y8BLDZlyjOhhI1+8gqBd8Rpop5SSiZkxiOVrAc/yBTnRHmMRlCTjRUWt0BvyGHl9/D5ZoiuF/WpfhGvDYPQvmdmwi2m5BU68OCPlfozLVL8iYKnZvME9ziv5Mm5UFZekx4+mPQ37t/4Y4Z1ca/YPctvg9aaVM5LLVnzJZHMWjeYJHoYpPio9BBQPdmXIZObM7ue7oR6qN7rrAgJL1hy1tZFmBbHXCZwwIDAQAB';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // MetaMask's external-extension provider (components/metamask/) runs on Node-style streams: readable-stream 3 and
  // extension-port-stream use `process` and `Buffer` as globals; they get them from npm, scoped to their files.
  // viem/chains goes into the bundle as data only (see slim-viem-chains), and so does the Delegation Framework's
  // address table (see slim-delegation-deployments) and the table of Safe's contracts from @safe-global/safe-deployments
  // (see slim-safe-deployments).
  // What the service worker does at every start is kept small: fast-levenshtein's collator is built on first use
  // (lazy-collator) and the bundled phishing list is one JSON.parse of a string (json-data).
  // React DOM's dangerouslySetInnerHTML sink is replaced by a throw (no-html-sinks: Preflight never renders HTML strings).
  vite: () => ({ ...(SOURCEMAP_BUILD ? { build: { sourcemap: true } } : {}), plugins: [nodeGlobalsFor(['readable-stream', 'extension-port-stream']), slimViemChains(), slimDelegationDeployments(), slimSafeDeploymentsPlugin(), noHtmlSinks(), lazyCollator(), phishingConfigAsJson()] }),
  // `npm run zip` (scripts/zip.ts): the store packages and the sources Mozilla's review rebuilds them from.
  ...(PACKAGE_BUILD ? { outDir: '.output/packages' } : {}),
  ...(SOURCEMAP_BUILD ? { outDir: '.output/maps' } : {}),
  zip: {
    artifactTemplate: '{{name}}-{{packageVersion}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{packageVersion}}-sources.zip',
    includeSources: ['package.json', 'package-lock.json', 'tsconfig.json', 'wxt.config.ts', 'README.md', 'BUILDING.md', 'entrypoints/**', 'components/**', 'core/**', 'public/**', 'scripts/build/**'],
    excludeSources: ['**/*.bench.ts', 'core/review/fixtures/**'],
  },
  manifest: ({ browser }) => ({
    // Localised by the platform from public/_locales/<lang>/messages.json (also the source of every UI string).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Each permission is justified in the README. No host permissions: RPC nodes answer CORS requests.
    permissions: ['storage', 'alarms', 'notifications'],
    web_accessible_resources: [
      // The review panel is framed on dApp pages; use_dynamic_url keeps pages from fingerprinting it.
      { resources: ['review.html'], matches: ['http://*/*', 'https://*/*'], ...(browser === 'chrome' ? { use_dynamic_url: true } : {}) },
    ],
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
    ...(browser === 'chrome' && !PACKAGE_BUILD ? { key: CHROME_KEY } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'preflight@preflight.local',
              strict_min_version: '142.0',
              // Nothing is collected: the only traffic is JSON-RPC to the user's own nodes.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
