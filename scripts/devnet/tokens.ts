/**
 * Deploys the devnet's own tokens (compiled from contracts/*.sol): USDC (6 decimals, EIP-2612),
 * VOL (18 decimals) and an ERC-721, plus the GasBurner the traffic generator uses.
 */
import type { Address } from 'viem';
import { compileDevContracts } from './compile.ts';
import { deploy, type DevnetClients } from './chain.ts';

export interface DevTokens {
  usdc: Address;
  vol: Address;
  nft: Address;
  gasBurner: Address;
}

export async function deployDevTokens(
  c: DevnetClients,
  deployer: Address,
  log: (msg: string) => void,
): Promise<DevTokens> {
  const compiled = compileDevContracts(log);
  const need = (name: string) => {
    const a = compiled[name];
    if (!a) throw new Error(`compiled output lacks ${name}`);
    return a;
  };
  const usdc = await deploy(c, deployer, need('DevUSDC'), [], 'DevUSDC');
  const vol = await deploy(c, deployer, need('DevVolatile'), [], 'DevVolatile');
  const nft = await deploy(c, deployer, need('DevNFT'), [], 'DevNFT');
  const gasBurner = await deploy(c, deployer, need('GasBurner'), [], 'GasBurner');
  return { usdc, vol, nft, gasBurner };
}
