import { toFunctionSelector, type Hex } from 'viem';

/** Functions that delegations to tokens, NFTs and ownable contracts name most, so "only transfer(…)" reads as words. */
const SIGNATURES = [
  'transfer(address,uint256)',
  'approve(address,uint256)',
  'transferFrom(address,address,uint256)',
  'increaseAllowance(address,uint256)',
  'decreaseAllowance(address,uint256)',
  'permit(address,address,uint256,uint256,uint8,bytes32,bytes32)',
  'setApprovalForAll(address,bool)',
  'safeTransferFrom(address,address,uint256)',
  'safeTransferFrom(address,address,uint256,bytes)',
  'safeTransferFrom(address,address,uint256,uint256,bytes)',
  'safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)',
  'transferOwnership(address)',
  'renounceOwnership()',
  'mint(address,uint256)',
  'burn(uint256)',
  'deposit()',
  'withdraw(uint256)',
  'multicall(bytes[])',
  'execute(bytes32,bytes)',
  'swapExactTokensForTokens(uint256,uint256,address[],address,uint256)',
  'exactInputSingle((address,address,uint24,address,uint256,uint256,uint160))',
] as const;

/**
 * Hashed on first use, not when the module loads: 21 keccaks at the service worker's start cost ~20 ms (a cold
 * keccak, before the JIT), on the path of every first request after the worker was stopped.
 */
let bySelector: ReadonlyMap<string, string> | undefined;

/** "transfer(address,uint256)" for a selector Preflight knows, else the selector itself. */
export function methodName(selector: Hex): string {
  bySelector ??= new Map(SIGNATURES.map((s) => [toFunctionSelector(`function ${s}`), s]));
  return bySelector.get(selector.toLowerCase()) ?? selector.toLowerCase();
}

