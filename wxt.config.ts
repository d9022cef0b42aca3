import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'Preflight',
    description: 'Reviews signing requests locally before MetaMask opens: approvals, permits, gas timing, MEV risk.',
    permissions: ['storage', 'alarms', 'notifications'],
  },
});
