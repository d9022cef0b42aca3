/**
 * Serves the demo dApp on 127.0.0.1: the static page and wallet (scripts/devnet/dapp/), the devnet
 * addresses at /config.json, and each button's request at /api/case/<name> (built live with viem).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCase, CASES } from './dapp-cases.ts';
import type { Devnet } from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const STATIC: Record<string, string> = { '/': 'index.html', '/wallet.js': 'wallet.js', '/app.js': 'app.js' };
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8' };

export interface DappServer {
  url: string;
  stop(): Promise<void>;
}

export async function startDapp(opts: { port?: number; devnet: Devnet }): Promise<DappServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const file = STATIC[url.pathname];
    if (file) return send(200, TYPES[file.split('.').pop()!]!, readFileSync(join(here, 'dapp', file), 'utf8'));
    if (url.pathname === '/config.json') {
      return send(200, 'application/json', JSON.stringify({ rpcUrl: opts.devnet.rpcUrl, chainId: opts.devnet.chainId, accounts: opts.devnet.accounts, contracts: opts.devnet.contracts, cases: CASES }));
    }
    const m = /^\/api\/case\/([a-z0-9.-]+)$/.exec(url.pathname);
    if (m) {
      const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
      buildCase(m[1]!, opts.devnet, origin).then(
        (r) => send(200, 'application/json', JSON.stringify(r)),
        (e: unknown) => send(400, 'application/json', JSON.stringify({ error: e instanceof Error ? e.message : String(e) })),
      );
      return;
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
