import { createServer, type Server } from 'node:http';
import { createPublicClient } from 'viem';
import { afterAll, describe, expect, it } from 'vitest';
import { batchingHttp, batchLimitOf, onBatchLimitLearned, restoreBatchLimits } from './batching-http';

/**
 * A JSON-RPC server on 127.0.0.1 answering eth_getBalance with the address's last byte, the way a capped node does:
 * `cap` calls a batch at most (more: HTTP 500, as a public free tier does, hemilabs/ui-monorepo#887), or per-call
 * errors (`revert`). Records every body it got: a batch's size, or 1 for a single call.
 */
const servers: Server[] = [];
async function node(opts: { cap?: number; revert?: boolean; short?: boolean; hangUp?: boolean; busyOnce?: string }): Promise<{ url: string; bodies: number[]; at: number[]; batches: () => number[] }> {
  const bodies: number[] = [];
  /** When each body arrived (ms). */
  const at: number[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { id: number; params: [string] } | { id: number; params: [string] }[];
      const calls = Array.isArray(parsed) ? parsed : [parsed];
      bodies.push(Array.isArray(parsed) ? calls.length : 1);
      at.push(Date.now());
      // HTTP 429 with Retry-After (seconds) to the first request.
      if (opts.busyOnce !== undefined && bodies.length === 1) return void res.writeHead(429, { 'retry-after': opts.busyOnce }).end('slow down');
      if (opts.hangUp) return void req.socket.destroy(); // not reached: no HTTP answer at all
      // Answers only the first 3 calls of a bigger batch, without an error (a proxy that truncates).
      if (opts.short && Array.isArray(parsed) && calls.length > 3) calls.splice(3);
      if (Array.isArray(parsed) && opts.cap !== undefined && calls.length > opts.cap) return void res.writeHead(500).end('batch too large');
      const answer = (c: { id: number; params: [string] }) =>
        opts.revert ? { jsonrpc: '2.0', id: c.id, error: { code: 3, message: 'execution reverted' } } : { jsonrpc: '2.0', id: c.id, result: `0x${c.params[0].slice(-2)}` };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Array.isArray(parsed) ? calls.map(answer) : answer(calls[0]!)));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, bodies, at, batches: () => bodies.filter((n) => n > 1) };
}
afterAll(() => {
  for (const s of servers) s.close();
});

const clientOf = (url: string) => createPublicClient({ transport: batchingHttp(url, { timeout: 2_000, retryCount: 1, retryDelay: 10 }) });
const addresses = Array.from({ length: 7 }, (_, i) => `0x${'00'.repeat(19)}${(i + 1).toString(16).padStart(2, '0')}` as const);
/** Seven balance reads made together (one client per node): one batch on a node that takes it. */
const clients = new Map<string, ReturnType<typeof clientOf>>();
const client = (url: string) => clients.get(url) ?? clients.set(url, clientOf(url)).get(url)!;
const sevenTogether = (url: string) => Promise.all(addresses.map((address) => client(url).getBalance({ address })));

describe('batchingHttp', () => {
  it('a node that takes batches gets one batch for calls made together', async () => {
    const n = await node({});
    expect(await sevenTogether(n.url)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(n.bodies).toEqual([7]);
    expect(batchLimitOf(n.url)).toBe('none');
  });

  it('a node that takes 3 calls a batch: the refused batch is sent again in batches of 3, and that is kept (and told)', async () => {
    const n = await node({ cap: 3 });
    const told: Record<string, number>[] = [];
    onBatchLimitLearned((all) => told.push({ ...all }));
    expect(await sevenTogether(n.url)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(n.bodies[0]).toBe(7); // refused
    expect(n.bodies.slice(1).every((size) => size <= 3)).toBe(true);
    expect(batchLimitOf(n.url)).toBe('small');
    expect(told.at(-1)?.[n.url]).toBe(1);
    const before = n.bodies.length;
    await sevenTogether(n.url);
    expect(n.bodies.slice(before).every((size) => size <= 3)).toBe(true); // nothing refused the second time
  });

  it('a node that takes no batches at all: each call alone', async () => {
    const n = await node({ cap: 1 });
    expect(await sevenTogether(n.url)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(batchLimitOf(n.url)).toBe('no-batches');
    const before = n.bodies.length;
    await sevenTogether(n.url);
    expect(n.bodies.slice(before)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('what an earlier worker learned is used from the first call (restoreBatchLimits)', async () => {
    const n = await node({ cap: 3 });
    restoreBatchLimits({ [n.url]: 1, 'http://127.0.0.1:1': 'junk' });
    await sevenTogether(n.url);
    expect(n.bodies.every((size) => size <= 3)).toBe(true);
    expect(batchLimitOf('http://127.0.0.1:1')).toBe('none');
  });

  it('a batch answered short, without an error: refused, sent again in batches of 3', async () => {
    const n = await node({ short: true });
    expect(await sevenTogether(n.url)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(batchLimitOf(n.url)).toBe('small');
  });

  it('a node that is not reached (the connection dropped, no HTTP status): the one retry it always had, nothing learned', async () => {
    const n = await node({ hangUp: true });
    await expect(client(n.url).getBalance({ address: addresses[0]! })).rejects.toThrow();
    expect(n.bodies).toEqual([1, 1]); // the call, then its retry (retryCount 1): no batch-size escalation
    expect(batchLimitOf(n.url)).toBe('none');
  });

  it('HTTP 429 with Retry-After: the batch is sent again as a batch, after the time the node asked for, nothing learned', async () => {
    const n = await node({ busyOnce: '1' });
    expect(await sevenTogether(n.url)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(n.bodies).toEqual([7, 7]);
    expect(n.at[1]! - n.at[0]!).toBeGreaterThanOrEqual(950); // it asked for a second
    expect(batchLimitOf(n.url)).toBe('none');
  });

  it("a call's own JSON-RPC error is its answer: not sent again, nothing learned", async () => {
    const n = await node({ revert: true });
    const results = await Promise.allSettled(addresses.slice(0, 4).map((address) => client(n.url).getBalance({ address })));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(n.bodies).toEqual([4]);
    expect(batchLimitOf(n.url)).toBe('none');
  });
});
