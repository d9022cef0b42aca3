/**
 * Multicall3 at its canonical address (0xcA11…CA11, where mainnet and most chains have it), so the devnet reads in
 * batches the way those chains do. The bytecode is viem's copy of Multicall3 (mds1/multicall, the one viem sends for
 * its deployless multicalls); its runtime code is what an eth_call of that creation code returns, set with
 * anvil_setCode (no transaction: nothing else on the devnet moves).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hex } from 'viem';
import type { DevnetClients } from './chain.ts';

export const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11';

/** viem's Multicall3 creation code (viem does not export it from its entry point; its file is read directly). */
async function multicall3CreationCode(): Promise<Hex> {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('viem/package.json')), '_esm', 'constants', 'contracts.js');
  const m = (await import(pathToFileURL(file).href)) as { multicall3Bytecode?: Hex };
  if (!m.multicall3Bytecode) throw new Error(`viem no longer has multicall3Bytecode in ${file}`);
  return m.multicall3Bytecode;
}

export async function installMulticall3(c: DevnetClients): Promise<void> {
  const existing = await c.publicClient.getCode({ address: MULTICALL3_ADDRESS });
  if (existing && existing !== '0x') return;
  const runtime = await c.publicClient.call({ data: await multicall3CreationCode() });
  if (!runtime.data || runtime.data === '0x') throw new Error('Multicall3 creation code returned no runtime code');
  await c.testClient.setCode({ address: MULTICALL3_ADDRESS, bytecode: runtime.data });
}
