import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { decide, drivers, readVerdict, type BrowserSession } from './driver';
import { serveStatic } from './static-server';

/** A wallet backed by anvil's unlocked accounts, and a path to the node the wrapper never sees (`__around`). */
const page = (rpc: string) => `<!doctype html><html><body><h1>dapp</h1><script>
const rpc = (method, params) => fetch(${JSON.stringify(rpc)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((r) => r.json()).then((b) => { if (b.error) throw b.error; return b.result; });
window.ethereum = { isMetaMask: true, request: (a) => rpc(a.method, a.params || []) };
window.__send = (tx) => { window.__result = undefined; window.ethereum.request({ method: 'eth_sendTransaction', params: [tx] }).then((r) => (window.__result = 'ok ' + r), (e) => (window.__result = 'error ' + e.code)); };
window.__around = (tx) => rpc('eth_sendTransaction', [tx]);
</script></body></html>`;

let devnet: Devnet;
let server: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, seed: 13, traffic: false, quiet: true });
  server = await serveStatic({ '/': page(devnet.rpcUrl) });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await devnet?.stop();
});

/** The watcher's state in the extension's IndexedDB (kv store, key bypassWatch), read from an extension context. */
const watchState = (b: BrowserSession) =>
  b.inExtension(
    () =>
      new Promise<{ accounts: Record<string, unknown>; events: { hash?: string }[] } | undefined>((resolve) => {
        const open = indexedDB.open('preflight');
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('bypassWatch');
          get.onsuccess = () => {
            resolve(get.result);
            open.result.close();
          };
        };
      }),
  );

describe.each(drivers)('bypass watcher, on-chain part (built extension, $name, anvil)', (driver) => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await driver.launch();
    await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('a transaction sent straight to the node after a reviewed one is noticed and shown in the Reviews tab', async () => {
    const tab = await browser.newPage();
    await tab.goto(server.url);
    const from = devnet.accounts[2]!;
    await tab.evaluate((tx) => (window as unknown as { __send(t: unknown): void }).__send(tx), { from, to: devnet.accounts[3], value: '0x1' });
    const frame = await browser.reviewFrame(tab);
    await readVerdict(frame, 15_000);
    await decide(frame, 'continue');
    await tab.waitForFunction(() => (window as unknown as { __result?: string }).__result);
    const sent = await tab.evaluate(() => (window as unknown as { __result?: string }).__result);
    expect(sent).toMatch(/^ok 0x[0-9a-f]{64}$/);
    await expect.poll(async () => Object.keys((await watchState(browser))?.accounts ?? {}).length, { timeout: 10_000 }).toBe(1);
    const around = await tab.evaluate((tx) => (window as unknown as { __around(t: unknown): Promise<string> }).__around(tx), { from, to: devnet.accounts[4], value: '0x2' });
    // The minute alarm, brought forward (unpacked extensions may fire alarms early); it stays periodic. A check whose
    // node did not answer waits for the next alarm by design, so under load the next one is brought forward too.
    const bringAlarmForward = () => browser.inExtension(() => (globalThis as unknown as { chrome: { alarms: { create(n: string, a: object): Promise<void> } } }).chrome.alarms.create('gas-sample-and-alerts', { when: Date.now() + 100, periodInMinutes: 1 }));
    const hashes = async () => (await watchState(browser))?.events.map((e) => e.hash) ?? [];
    for (let alarm = 0; alarm < 4 && (await hashes()).length === 0; alarm++) {
      await bringAlarmForward();
      await expect.poll(async () => (await hashes()).length, { timeout: 8_000 }).toBeGreaterThan(0).catch(() => undefined);
    }
    expect(await hashes()).toEqual([around]);

    const popup = await browser.openExtensionPage('popup.html');
    await popup.locator('[data-testid="tab-reviews"]').click();
    const notice = popup.locator('[data-testid="bypass-notice"]');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/another device, wallet or app/);
    expect(await popup.locator('[data-testid="bypass-item"]').getAttribute('data-hash')).toBe(around);
    await popup.locator('[data-testid="bypass-dismiss"]').press('Enter'); // keyboard reachable
    await expect.poll(() => notice.count()).toBe(0);
    expect((await watchState(browser))?.events).toEqual([]);
    await popup.close();
    await tab.close();
  }, 120_000);
});
