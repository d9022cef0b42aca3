/**
 * `npm start`: builds the extension, starts the devnet (with traffic) and the demo dApp, and opens
 * Chromium with Preflight loaded when a display exists. Runs until Ctrl-C, then stops everything.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDevnet } from './devnet/index';
import { startDapp } from './devnet/dapp-server';
import { CHROMIUM, EXTENSION_DIR, type ExtensionLocalStorage } from '../tests/e2e/harness';

async function main() {
  console.log('Building the extension…');
  execSync('npx wxt build', { stdio: 'inherit' });
  console.log('Starting the devnet…');
  const devnet = await startDevnet({ port: 8545, seed: 1, traffic: true });
  const dapp = await startDapp({ port: 5173, devnet });
  console.log(`\nDevnet RPC: ${devnet.rpcUrl} (chain ${devnet.chainId})\nDemo dApp: ${dapp.url}\n`);

  let close: (() => Promise<void>) | undefined;
  if (process.env.DISPLAY && existsSync(CHROMIUM)) {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'preflight-start-')), {
      executablePath: CHROMIUM,
      headless: false,
      viewport: null,
      args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-first-run', '--disable-background-networking'],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(
      async (rpc) => (globalThis as unknown as { chrome: { storage: { local: ExtensionLocalStorage } } }).chrome.storage.local.set({ settings: { rpcs: { '31337': rpc } } }),
      devnet.rpcUrl,
    );
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(dapp.url);
    close = () => context.close();
    console.log('Chromium is open with Preflight loaded.');
  } else {
    console.log(
      [
        'No display here, so no browser was opened. To try it in your own Chrome:',
        `  1. chrome://extensions → Developer mode → Load unpacked → ${EXTENSION_DIR}`,
        `  2. Preflight popup → Settings → set the Devnet (anvil) RPC to ${devnet.rpcUrl}`,
        `  3. open ${dapp.url} (its built-in wallet talks to the devnet; MetaMask is not needed)`,
      ].join('\n'),
    );
  }
  console.log('\nPress Ctrl-C to stop.');
  const stop = async () => {
    await close?.().catch(() => undefined);
    await dapp.stop();
    await devnet.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
