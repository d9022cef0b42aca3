import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static-server';

/**
 * The review flow in Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi (no browser
 * download): the built Firefox MV3 extension is installed as a temporary add-on. Firefox's BiDi does not
 * list the extension's panel frame, so the panel is used the way a person does: by clicking where it is
 * (it is fixed to the top right: × at its top, Reject and Continue at its bottom).
 */
const FIREFOX = '/usr/bin/firefox-esr';
const EXTENSION = resolve(process.cwd(), '.output/firefox-mv3');
const VW = 1000;
const VH = 700;
const WALLET = `window.__forwarded=[];window.ethereum={isMetaMask:true,async request(a){if(a.method==='eth_chainId')return '0x7a69';window.__forwarded.push(a);return 'ok:'+a.method;}};window.__call=(m,p)=>{window.__result=undefined;window.ethereum.request({method:m,params:p}).then(r=>window.__result='ok '+r,e=>window.__result='error '+e.code)};`;
const SIGN = ['0x68656c6c6f', '0x0000000000000000000000000000000000000001'];

let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;

beforeAll(async () => {
  // NODE_ENV production, as a user's build: vitest's NODE_ENV=test would bundle React's development build.
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  server = await serveStatic({ '/': `<!doctype html><html><body><h1>Firefox</h1><script>${WALLET}</script></body></html>` });
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, args: ['--no-remote'] });
  await browser.installExtension(EXTENSION);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openAndSign(): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: VW, height: VH });
  await page.goto(server.url + '/');
  await page.evaluate((p) => (window as unknown as { __call(m: string, p: unknown): void }).__call('personal_sign', p), SIGN);
  await page.waitForFunction(() => document.querySelectorAll('preflight-panel').length === 1, { timeout: 10_000 });
  await new Promise((r) => setTimeout(r, 1_500)); // the panel loads and shows its verdict
  return page;
}
const result = (page: Page) => page.waitForFunction(() => (window as unknown as { __result?: string }).__result, { timeout: 10_000 }).then((h) => h.jsonValue());
const forwarded = (page: Page) => page.evaluate(() => (window as unknown as { __forwarded: unknown[] }).__forwarded.length);
const panelBottom = Math.min(12 + 640, VH - 12);

describe.skipIf(!existsSync(FIREFOX))('Firefox (firefox-esr, MAIN-world content script, WebDriver BiDi)', () => {
  it('holds the request while the panel is up; × rejects with 4001', async () => {
    const page = await openAndSign();
    expect(await forwarded(page)).toBe(0);
    await page.mouse.click(VW - 12 - 42, 12 + 29); // ×
    expect(await result(page)).toBe('error 4001');
    expect(await forwarded(page)).toBe(0);
    await page.close();
  });

  it('Continue forwards the request to the wallet', async () => {
    const page = await openAndSign();
    await page.mouse.click(VW - 12 - 120, panelBottom - 21); // Continue to MetaMask
    expect(await result(page)).toBe('ok ok:personal_sign');
    expect(await forwarded(page)).toBe(1);
    await page.close();
  });
});
