/**
 * The approvals scan's cost (`npm run bench -- --only approvals`): an account with 500 ERC-20 approvals spread over
 * the devnet's blocks (anvil_mine between them), scanned by the same engine the service worker runs
 * (core/approvals/scan.ts) against four nodes: anvil directly, proxies that cap eth_getLogs at 10,000 blocks and at
 * blocks / 100 (Infura's refusal, word for word; the second makes the 100 ranges a 10,000-block cap makes of 1,000,000
 * blocks), and a proxy that caps the logs per answer (geth/Infura's "query returned more than N results"). Each scan
 * starts from nothing (no cursor) and runs to the end: wall time, JSON-RPC requests by method, HTTP requests,
 * refusals, rows found. Options: --approvals 500 --blocks 10000 --results-cap 20 --runs 3.
 * anvil 1.7.1 mines a block in time that grows with the chain (2,000 blocks: 6 s from height 0, 44 s from height
 * 6,000 on this machine), so 1,000,000 blocks cannot be built here: the default is 10,000 (README, "Approvals").
 */
import type { Address } from 'viem';
import { createPublicClient, http } from 'viem';
import type { RpcRequest } from '../../core/chain/account-scan';
import { knownTokensOf, priceReaderFor } from '../../core/approvals/chains';
import { scanInventory } from '../../core/approvals/scan';
import type { Inventory } from '../../core/approvals/types';
import { spreadApprovals } from '../devnet/approvals-world';
import { createClients } from '../devnet/chain';
import { startDevnet } from '../devnet/index';
import { startLimitingProxy, type ProxyRules } from '../devnet/limiting-proxy';
import { summarize } from './stats';

export interface ApprovalsBenchOptions {
  approvals: number;
  blocks: number;
  resultsCap: number;
  runs: number;
  log(msg: string): void;
}

export async function approvalsBench(o: ApprovalsBenchOptions): Promise<Record<string, unknown>> {
  const devnet = await startDevnet({ port: 0, quiet: true });
  try {
    const c = createClients(devnet.rpcUrl);
    const owner = devnet.accounts[7]!.toLowerCase() as Address;
    const gap = Math.max(0, Math.floor(o.blocks / o.approvals) - 1);
    const t0 = Date.now();
    await spreadApprovals(c, owner, [devnet.contracts.weth, devnet.contracts.usdc, devnet.contracts.vol], o.approvals, gap, (i) => i % 100 === 99 && o.log(`${i + 1} approvals set up`));
    const head = Number(await c.publicClient.getBlockNumber());
    o.log(`${o.approvals} approvals over ${head.toLocaleString('en-US')} blocks, set up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const nodes: { name: string; rules?: ProxyRules }[] = [
      { name: 'anvil, no limits' },
      { name: 'range cap 10,000 blocks (Infura: -32602 "range N exceeds limit of 10000")', rules: { maxRange: 10_000, style: 'infura' } },
      { name: `range cap ${Math.round(o.blocks / 100)} blocks = blocks / 100 (Infura's words)`, rules: { maxRange: Math.round(o.blocks / 100), style: 'infura' } },
      { name: `result cap ${o.resultsCap} logs per answer (geth/Infura: -32005 "query returned more than ${o.resultsCap} results")`, rules: { maxResults: o.resultsCap } },
    ];
    const out: Record<string, unknown> = { approvals: o.approvals, blocks: head, gap_blocks: gap };
    for (const node of nodes) {
      const proxy = await startLimitingProxy(devnet.rpcUrl, node.rules ?? {});
      const times: number[] = [];
      let last: { requests: Record<string, number>; http: number; refusals: number; rows: number; status: string } | undefined;
      for (let run = 0; run < o.runs; run++) {
        proxy.reset();
        const client = createPublicClient({ transport: http(proxy.url, { retryCount: 0, timeout: 60_000 }) });
        const rpc: RpcRequest = (method, params) => client.request({ method: method as never, params: params as never });
        let inv: Inventory | undefined;
        const started = performance.now();
        const r = await scanInventory({
          chainId: 31337, account: owner, rpc, now: Date.now,
          load: async () => inv, save: async (i) => void (inv = i),
          prices: ({ client: cl, mode }) => priceReaderFor(31337, cl, mode), priceAlso: knownTokensOf(31337),
          fallbackLists: async () => ({ tokens: [], collections: [], spenders: [], reviewed: [] }),
          knownSpender: () => false, blockTimeSeconds: 12,
        });
        times.push(performance.now() - started);
        last = { requests: { ...proxy.counts }, http: proxy.http, refusals: 'refusals' in r ? r.refusals : -1, rows: r.inventory.rows.length, status: r.status };
        o.log(`${node.name}, run ${run + 1}: ${times.at(-1)!.toFixed(0)} ms, ${Object.values(proxy.counts).reduce((a, b) => a + b, 0)} requests, ${last.rows} rows, ${r.status}`);
      }
      await proxy.close();
      out[node.name] = { scan_ms: summarize(times), ...last, total_requests: Object.values(last!.requests).reduce((a, b) => a + b, 0) };
    }
    return out;
  } finally {
    await devnet.stop();
  }
}
