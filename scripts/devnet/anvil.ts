/**
 * Spawns the anvil binary from the `@foundry-rs/anvil` platform package, waits until its
 * JSON-RPC answers, and stops it cleanly (also when the Node process exits).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Anvil's well-known default mnemonic, passed explicitly so the dev accounts never change. */
export const DEVNET_MNEMONIC = 'test test test test test test test test test test test junk';
export const DEVNET_CHAIN_ID = 31337;
/** Initial base fee: 20 gwei, so fee figures look like a real (calm) mainnet. */
export const DEVNET_INITIAL_BASE_FEE = 20_000_000_000n;

export interface AnvilOptions {
  /** 0 (default) lets anvil pick a free port. */
  port?: number;
  accounts?: number;
  quiet?: boolean;
  /** Default 31337 (DEVNET_CHAIN_ID); e.g. 59144 to stand in for Linea, or an id no registry knows. */
  chainId?: number;
}

export interface AnvilProcess {
  rpcUrl: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

export function anvilBinaryPath(): string {
  const platformPkg = `@foundry-rs/anvil-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const dir = dirname(require.resolve(`${platformPkg}/package.json`));
  const bin = join(dir, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!existsSync(bin)) throw new Error(`anvil binary not found at ${bin}`);
  return bin;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a signal is all we can send, and it is enough.
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export async function startAnvil(opts: AnvilOptions = {}): Promise<AnvilProcess> {
  const args = [
    '--host', '127.0.0.1',
    '--port', String(opts.port ?? 0),
    '--chain-id', String(opts.chainId ?? DEVNET_CHAIN_ID),
    '--mnemonic', DEVNET_MNEMONIC,
    '--accounts', String(opts.accounts ?? 10),
    '--balance', '10000',
    '--base-fee', DEVNET_INITIAL_BASE_FEE.toString(),
  ];
  const child = spawn(anvilBinaryPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  installExitHook();

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => live.delete(child));

  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`anvil did not start in 15 s:\n${buffer}`)), 15_000);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      buffer += text;
      if (!opts.quiet) process.stderr.write(text);
      const match = /Listening on [\d.]+:(\d+)/.exec(buffer);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`anvil exited early with code ${String(code)}:\n${buffer}`));
    });
  });
  // Keep draining output so a chatty anvil never blocks on a full pipe.
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  child.stdout?.on('data', (c: Buffer) => { if (!opts.quiet) process.stderr.write(c); });
  child.stderr?.on('data', (c: Buffer) => { if (!opts.quiet) process.stderr.write(c); });

  const rpcUrl = `http://127.0.0.1:${port}`;
  await waitForRpc(rpcUrl);

  let stopping: Promise<void> | undefined;
  return {
    rpcUrl,
    port,
    pid: child.pid ?? -1,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 3_000).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
      })();
      return stopping;
    },
  };
}

async function waitForRpc(rpcUrl: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`anvil RPC at ${rpcUrl} not ready`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
