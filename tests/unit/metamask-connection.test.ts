/**
 * components/metamask over the real @metamask/providers stack (StreamProvider, object-multiplex, extension-port-stream,
 * readable-stream) in Node, against ports that behave as Chromium's do: one whose far end is MetaMask's wire format
 * ({ name: 'metamask-provider', data: JSON-RPC }), one that closes at once (no such extension), one that never
 * answers. The real MetaMask is in tests/e2e/metamask-withdraw.e2e.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connect, PortLike } from '@/components/metamask/connection';
import { MetaMaskConnection } from '@/components/metamask/connection';
import { discoverMetaMask, probeMetaMask } from '@/components/metamask/discover';
import { MetaMask } from '@/components/metamask/metamask';
import { MetaMaskDisconnectedError, MetaMaskNotFoundError, MetaMaskRpcError } from '@/components/metamask/errors';
import { knownMetaMasks } from '@/core/metamask/extension-ids';

type Rpc = { id: number | string; method: string; params?: unknown };
type Answer = { result: unknown } | { error: { code: number; message: string } } | 'silent';

interface FakePort extends PortLike {
  frames: unknown[];
  /** Closes the port from MetaMask's side (its worker restarted, the extension was turned off). */
  drop(): void;
  disconnected: boolean;
}

function port(onFrame: (frame: { name: string; data: Rpc }, reply: (data: unknown) => void) => void): FakePort {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const p: FakePort = {
    frames: [],
    disconnected: false,
    onMessage: { addListener: (cb) => void onMessage.push(cb) },
    onDisconnect: { addListener: (cb) => void onDisconnect.push(cb) },
    postMessage(frame) {
      if (p.disconnected) throw new Error('Attempting to use a disconnected port object');
      p.frames.push(frame);
      // Structured clone, then MetaMask's answer on a later task, as a real port delivers it.
      const copy = JSON.parse(JSON.stringify(frame)) as { name: string; data: Rpc };
      setTimeout(() => onFrame(copy, (data) => !p.disconnected && onMessage.forEach((cb) => cb({ name: 'metamask-provider', data }))), 1);
    },
    disconnect() {
      p.disconnected = true;
    },
    drop() {
      if (p.disconnected) return;
      p.disconnected = true;
      onDisconnect.forEach((cb) => cb());
    },
  };
  return p;
}

/** A MetaMask answering by method; `undefined` from answer() = not answered. */
function metaMaskPort(answer: (req: Rpc) => Answer): FakePort {
  return port((frame, reply) => {
    if (frame.name !== 'metamask-provider') return;
    const req = frame.data;
    if (req.method === 'metamask_getProviderState') return reply({ jsonrpc: '2.0', id: req.id, result: { accounts: [], chainId: '0x7a69', isUnlocked: true, networkVersion: '31337' } });
    const a = answer(req);
    if (a === 'silent') return;
    reply({ jsonrpc: '2.0', id: req.id, ...a });
  });
}

/** No extension with this id: Chromium's port closes right after connect. */
function missingPort(): FakePort {
  const p = port(() => undefined);
  setTimeout(() => p.drop(), 1);
  return p;
}

const chain = (req: Rpc): Answer => (req.method === 'eth_chainId' ? { result: '0x7a69' } : { error: { code: -32601, message: `The method "${req.method}" does not exist / is not available.` } });

// The package's log lines go to console.debug (hidden in the browser by default); not printed here either.
beforeEach(() => void vi.spyOn(console, 'debug').mockImplementation(() => undefined));
afterEach(() => vi.restoreAllMocks());

describe('MetaMaskConnection (the package’s StreamProvider over a port)', () => {
  it('answers requests with MetaMask’s result, passing the params as given, in MetaMask’s frame format', async () => {
    let seen: Rpc | undefined;
    const p = metaMaskPort((req) => {
      if (req.method === 'eth_call') {
        seen = req;
        return { result: '0x01' };
      }
      return chain(req);
    });
    const c = new MetaMaskConnection('x', () => p);
    expect(await c.request({ method: 'eth_chainId' })).toBe('0x7a69');
    const call = [{ to: '0x0000000000000000000000000000000000000001', data: '0x70a08231' }, 'latest'];
    expect(await c.request({ method: 'eth_call', params: call })).toBe('0x01');
    expect(seen?.params).toEqual(call);
    const frame = p.frames.find((f) => (f as { data: Rpc }).data.method === 'eth_call') as { name: string; data: Rpc & { jsonrpc: string } };
    expect(frame.name).toBe('metamask-provider');
    expect(frame.data.jsonrpc).toBe('2.0');
    c.close();
  });

  it('MetaMask’s refusals keep their code: 4001 is the user rejecting, -32601 a method MetaMask does not serve', async () => {
    const c = new MetaMaskConnection('x', () => metaMaskPort((req) => (req.method === 'eth_sendTransaction' ? { error: { code: 4001, message: 'User denied transaction signature.' } } : chain(req))));
    const rejected = await c.request({ method: 'eth_sendTransaction', params: [{}] }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(MetaMaskRpcError);
    expect((rejected as MetaMaskRpcError).userRejected).toBe(true);
    const refused = await c.request({ method: 'eth_simulateV1', params: [] }).catch((e: unknown) => e);
    expect((refused as MetaMaskRpcError).code).toBe(-32601);
    expect((refused as MetaMaskRpcError).userRejected).toBe(false);
    c.close();
  });

  it('a port that closes while a request waits rejects it at once (the package alone would leave it pending)', async () => {
    const p = metaMaskPort((req) => (req.method === 'eth_sendTransaction' ? 'silent' : chain(req)));
    const c = new MetaMaskConnection('x', () => p);
    const pending = c.request({ method: 'eth_sendTransaction', params: [{}] });
    setTimeout(() => p.drop(), 20);
    await expect(pending).rejects.toBeInstanceOf(MetaMaskDisconnectedError);
    expect(c.closed).toBe(true);
    await expect(c.request({ method: 'eth_chainId' })).rejects.toBeInstanceOf(MetaMaskDisconnectedError);
  });
});

describe('finding MetaMask (probes with a budget)', () => {
  it('a missing id is told apart in milliseconds, a silent one within the budget; neither logs at warn or error level', async () => {
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    const missing = await probeMetaMask('missing', { connect: () => missingPort(), budgetMs: 2_000 });
    expect(missing.probe.outcome).toBe('disconnected');
    expect(missing.probe.ms).toBeLessThan(1_000);
    const silent = await probeMetaMask('silent', { connect: () => metaMaskPort(() => 'silent'), budgetMs: 300 });
    expect(silent.probe.outcome).toBe('timeout');
    expect(silent.probe.ms).toBeGreaterThanOrEqual(290);
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('tries the Settings id first, then the known builds, and stops at the first that answers', async () => {
    const known = knownMetaMasks('chromium').map((k) => k.id);
    const installed = known[2]!; // e.g. only Flask installed
    const tried: string[] = [];
    const connect: Connect = (id) => {
      tried.push(id);
      return id === installed ? metaMaskPort(chain) : missingPort();
    };
    const d = await discoverMetaMask({ browser: 'chromium', custom: 'abcdefghijklmnopabcdefghijklmnop', connect });
    expect(d.found?.extensionId).toBe(installed);
    expect(d.found?.chainId).toBe('0x7a69');
    expect(d.found?.name).toBe('MetaMask Flask');
    expect(tried).toEqual(['abcdefghijklmnopabcdefghijklmnop', known[0], known[1], installed]);
    expect(d.probes.map((p) => p.outcome)).toEqual(['disconnected', 'disconnected', 'disconnected', 'answered']);
    d.found?.connection.close();
  });

  it('no MetaMask anywhere: every known id tried, none found', async () => {
    const d = await discoverMetaMask({ browser: 'chromium', connect: () => missingPort() });
    expect(d.found).toBeUndefined();
    expect(d.probes.map((p) => p.extensionId)).toEqual(knownMetaMasks('chromium').map((k) => k.id));
  });
});

describe('MetaMask (kept connection, the API the worker uses)', () => {
  const memory = () => {
    let last: string | undefined;
    return { get: async () => last, set: async (id: string) => void (last = id) };
  };

  it('keeps one connection, remembers the id that answered, and repeats a read once when the port closed meanwhile', async () => {
    const ports: FakePort[] = [];
    const installed = knownMetaMasks('chromium')[0]!.id;
    const mm = new MetaMask({
      browser: 'chromium', customId: async () => undefined, lastFound: memory(),
      connect: (id) => {
        const p = id === installed ? metaMaskPort((req) => (req.method === 'eth_blockNumber' ? { result: '0x10' } : chain(req))) : missingPort();
        ports.push(p);
        return p;
      },
    });
    expect(await mm.request({ method: 'eth_chainId' })).toBe('0x7a69');
    expect(await mm.request({ method: 'eth_blockNumber' })).toBe('0x10');
    expect(ports).toHaveLength(1); // found on the first id, and kept
    ports[0]!.drop(); // MetaMask's worker restarted
    expect(await mm.request({ method: 'eth_blockNumber' })).toBe('0x10');
    expect(ports).toHaveLength(2);
  });

  it('a request that waits for the user is not repeated when the port closes (MetaMask may already show it)', async () => {
    const ports: FakePort[] = [];
    const mm = new MetaMask({
      browser: 'chromium', customId: async () => knownMetaMasks('chromium')[0]!.id, lastFound: memory(),
      connect: () => {
        const p = metaMaskPort((req) => (req.method === 'eth_requestAccounts' ? 'silent' : chain(req)));
        ports.push(p);
        return p;
      },
    });
    const pending = mm.request({ method: 'eth_requestAccounts' });
    // Drop the port once MetaMask has the request (not after a fixed delay: discovery is slower under load).
    const sent = (p: FakePort | undefined) => p?.frames.some((f) => (f as { data?: Rpc }).data?.method === 'eth_requestAccounts') === true;
    await vi.waitFor(() => expect(sent(ports[0])).toBe(true), { timeout: 10_000, interval: 5 });
    ports[0]!.drop();
    await expect(pending).rejects.toBeInstanceOf(MetaMaskDisconnectedError);
    expect(ports).toHaveLength(1);
  });

  it('says while a request of its own waits for the user, from the flow’s first check to MetaMask’s answer (reads do not count)', async () => {
    let refuse: (() => void) | undefined;
    const mm = new MetaMask({
      browser: 'chromium', customId: async () => knownMetaMasks('chromium')[0]!.id, lastFound: memory(),
      connect: () =>
        port((frame, reply) => {
          const req = frame.data;
          if (req.method === 'eth_sendTransaction') refuse = () => reply({ jsonrpc: '2.0', id: req.id, error: { code: 4001, message: 'User denied transaction signature.' } });
          else reply({ jsonrpc: '2.0', id: req.id, ...(chain(req) as object) });
        }),
    });
    await mm.request({ method: 'eth_chainId' });
    expect(mm.waitingForUser).toBe(false);
    const flow = mm.userFlow(async () => {
      await mm.request({ method: 'eth_chainId' });
      return mm.request({ method: 'eth_sendTransaction', params: [{}] });
    });
    expect(mm.waitingForUser).toBe(true); // already during the chain check before the send
    await vi.waitFor(() => expect(refuse).toBeDefined());
    expect(mm.waitingForUser).toBe(true);
    refuse!();
    await expect(flow).rejects.toBeInstanceOf(MetaMaskRpcError);
    expect(mm.waitingForUser).toBe(false);
  });

  it('an installed MetaMask that does not answer yet (starting) is told apart from none installed', async () => {
    const installed = knownMetaMasks('chromium')[1]!.id;
    const mm = new MetaMask({ browser: 'chromium', customId: async () => undefined, lastFound: memory(), budgetMs: 200, connect: (id) => (id === installed ? metaMaskPort(() => 'silent') : missingPort()) });
    const e = (await mm.find().catch((x: unknown) => x)) as MetaMaskNotFoundError;
    expect(e).toBeInstanceOf(MetaMaskNotFoundError);
    expect(e.silent).toEqual([installed]);
    expect(e.message).toMatch(/installed but did not answer yet/);
  });

  it('says which ids it tried when none answers', async () => {
    const mm = new MetaMask({ browser: 'firefox', customId: async () => undefined, lastFound: memory(), connect: () => missingPort() });
    const e = await mm.find().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MetaMaskNotFoundError);
    expect((e as MetaMaskNotFoundError).tried).toEqual(knownMetaMasks('firefox').map((k) => k.id));
    expect((e as Error).message).toMatch(/Settings → MetaMask/);
  });
});
