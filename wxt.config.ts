import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'Preflight',
    description: 'Reviews signing requests locally before MetaMask opens: approvals, permits, gas timing, MEV risk.',
    // Each permission is justified in the README. No host permissions: RPC nodes answer CORS requests.
    permissions: ['storage', 'alarms', 'notifications'],
    web_accessible_resources: [
      // The review panel is framed on dApp pages; use_dynamic_url keeps pages from fingerprinting it.
      { resources: ['review.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true },
    ],
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
  },
});
