/**
 * A JSON-RPC proxy in front of anvil that refuses `eth_getLogs` the way public providers do, in their own words, so
 * the approvals scan meets real refusals on a real chain: a block-range cap (Infura's `-32602 "range N exceeds limit
 * of M"`, QuickNode's `-32614 "eth_getLogs is limited to a 10,000 range"` with HTTP 413, or Alchemy's `-32600 "You can
 * make eth_getLogs requests with up to a M block range. Based on your parameters, this block range should work:
 * [0x…, 0x…]"`), a result cap (`-32005 "query returned more than M results"`, geth / Infura), a rate limit (HTTP 429
 * every n-th request), or no logs at all (`-32601`); or a node far away (`latencyMs`: every HTTP request answered that
 * much later), or one that takes only a few calls a batch (`maxBatch`). Counts every JSON-RPC request by method. Tests
 * and benchmarks only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface ProxyRules {
  maxRange?: number;
  /** How the range refusal is worded (default infura). */
  style?: 'infura' | 'quicknode' | 'alchemy';
  maxResults?: number;
  /** Every n-th HTTP request answers 429 Too Many Requests. */
  rateLimitEvery?: number;
  /** eth_getLogs does not exist here (-32601). */
  noLogs?: boolean;
  /** Each HTTP request (a batch is one) is answered this many ms after it arrived: a round trip to a distant node. */
  latencyMs?: number;
  /** A batch of more calls than this is refused (0: every batch), the way `batchRefusal` says. */
  maxBatch?: number;
  /**
   * How a batch over `maxBatch` is refused: `http500` (default; a public RPC's free tier, hemilabs/ui-monorepo#887) or
   * as geth refuses one over its `--rpc.batch-request-limit` (go-ethereum rpc/handler.go `respondWithBatchTooLarge`:
   * a one-element array with a -32600 "batch too large" error carrying the first call's id).
   */
  batchRefusal?: 'http500' | 'geth';
}

interface RpcCall {
  jsonrpc: '2.0';
  id: number | string | null;
  method: string;
  params?: unknown[];
}

export interface LimitingProxy {
  url: string;
  /** JSON-RPC requests by method (a batch counts each of its calls). */
  counts: Record<string, number>;
  /** HTTP requests (a batch is one). */
  http: number;
  /** Batches refused by `maxBatch`. */
  refusedBatches: number;
  /** The size of every batch received (a single call is not a batch). */
  batchSizes: number[];
  rules: ProxyRules;
  reset(): void;
  close(): Promise<void>;
}

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export async function startLimitingProxy(upstream: string, rules: ProxyRules = {}): Promise<LimitingProxy> {
  const counts: Record<string, number> = {};
  let http = 0;
  let refusedBatches = 0;
  const batchSizes: number[] = [];
  const forward = async (calls: RpcCall[]): Promise<unknown[]> => {
    const r = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(calls) });
    return (await r.json()) as unknown[];
  };
  const head = async () => Number(BigInt(((await forward([{ jsonrpc: '2.0', id: 0, method: 'eth_blockNumber', params: [] }]))[0] as { result: string }).result));
  const blockOf = async (tag: unknown, latest: () => Promise<number>) => (tag === undefined || tag === 'latest' || tag === 'pending' || tag === 'safe' || tag === 'finalized' ? latest() : tag === 'earliest' ? 0 : Number(BigInt(tag as string)));

  /** Answers one call, or refuses it; `status` 413 for QuickNode's range refusal. */
  async function answer(call: RpcCall): Promise<{ reply: unknown; status?: number }> {
    counts[call.method] = (counts[call.method] ?? 0) + 1;
    const error = (code: number, message: string) => ({ jsonrpc: '2.0', id: call.id, error: { code, message } });
    if (call.method === 'eth_getLogs') {
      if (proxy.rules.noLogs) return { reply: error(-32601, 'the method eth_getLogs does not exist/is not available') };
      const f = (call.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string; blockHash?: string };
      if (!f.blockHash && proxy.rules.maxRange) {
        let latest: number | undefined;
        const l = async () => (latest ??= await head());
        const from = await blockOf(f.fromBlock, l);
        const to = await blockOf(f.toBlock, l);
        const span = to - from + 1;
        const max = proxy.rules.maxRange;
        if (span > max) {
          switch (proxy.rules.style ?? 'infura') {
            case 'infura':
              return { reply: error(-32602, `range ${span} exceeds limit of ${max}`) };
            case 'quicknode':
              return { reply: error(-32614, `eth_getLogs is limited to a ${max.toLocaleString('en-US')} range`), status: 413 };
            case 'alchemy':
              return { reply: error(-32600, `You can make eth_getLogs requests with up to a ${max} block range. Based on your parameters, this block range should work: [0x${from.toString(16)}, 0x${(from + max - 1).toString(16)}]`) };
          }
        }
      }
      const [reply] = await forward([call]);
      const logs = (reply as { result?: unknown[] }).result;
      if (proxy.rules.maxResults !== undefined && Array.isArray(logs) && logs.length > proxy.rules.maxResults) {
        return { reply: error(-32005, `query returned more than ${proxy.rules.maxResults} results`) };
      }
      return { reply };
    }
    return { reply: (await forward([call]))[0] };
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      http++;
      const text = await body(req);
      res.setHeader('content-type', 'application/json');
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', 'content-type');
      if (req.method === 'OPTIONS') return void res.end();
      if (proxy.rules.latencyMs) await new Promise((r) => setTimeout(r, proxy.rules.latencyMs));
      if (proxy.rules.rateLimitEvery && http % proxy.rules.rateLimitEvery === 0) {
        res.statusCode = 429;
        return void res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: 429, message: 'Too Many Requests' } }));
      }
      const parsed = JSON.parse(text) as RpcCall | RpcCall[];
      if (Array.isArray(parsed)) batchSizes.push(parsed.length);
      if (Array.isArray(parsed) && proxy.rules.maxBatch !== undefined && parsed.length > proxy.rules.maxBatch) {
        refusedBatches++;
        if (proxy.rules.batchRefusal === 'geth') {
          const first = parsed.find((m) => m.id !== undefined)?.id ?? null;
          return void res.end(JSON.stringify([{ jsonrpc: '2.0', id: first, error: { code: -32600, message: 'batch too large' } }]));
        }
        res.statusCode = 500;
        return void res.end('batch too large');
      }
      if (Array.isArray(parsed)) {
        const out = await Promise.all(parsed.map(answer));
        return void res.end(JSON.stringify(out.map((o) => o.reply)));
      }
      const { reply, status } = await answer(parsed);
      if (status) res.statusCode = status;
      res.end(JSON.stringify(reply));
    })().catch((e: unknown) => {
      res.statusCode = 502;
      res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: `proxy: ${e instanceof Error ? e.message : String(e)}` } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const proxy: LimitingProxy = {
    url: `http://127.0.0.1:${port}`,
    counts,
    get http() {
      return http;
    },
    get refusedBatches() {
      return refusedBatches;
    },
    batchSizes,
    rules,
    reset() {
      for (const k of Object.keys(counts)) delete counts[k];
      http = 0;
      refusedBatches = 0;
      batchSizes.length = 0;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  return proxy;
}
