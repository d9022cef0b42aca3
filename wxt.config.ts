import { defineConfig } from 'wxt';
import { nodeGlobalsFor } from './scripts/build/node-globals';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // MetaMask's external-extension provider (components/metamask/) runs on Node-style streams: readable-stream 3 and
  // extension-port-stream use `process` and `Buffer` as globals; they get them from npm, scoped to their files.
  vite: () => ({ plugins: [nodeGlobalsFor(['readable-stream', 'extension-port-stream'])] }),
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
