/**
 * Contracts for the "drains in disguise" cases (issue 21), compiled from contracts/*.sol: a scam-like contract that
 * keeps the ETH paid into claim() / SecurityUpdate(), and an honest airdrop whose payable claim() pays tokens back.
 */
import type { Address } from 'viem';
import { compileDevContracts } from './compile.ts';
import { deploy, type DevnetClients } from './chain.ts';

export interface DrainContracts {
  claimScam: Address;
  airdrop: Address;
}

export async function deployDrainContracts(c: DevnetClients, deployer: Address, log: (msg: string) => void): Promise<DrainContracts> {
  const compiled = compileDevContracts(log);
  const need = (name: string) => {
    const a = compiled[name];
    if (!a) throw new Error(`compiled output lacks ${name}`);
    return a;
  };
  const claimScam = await deploy(c, deployer, need('DevClaimScam'), [], 'DevClaimScam');
  const airdrop = await deploy(c, deployer, need('DevAirdrop'), [], 'DevAirdrop');
  return { claimScam, airdrop };
}
