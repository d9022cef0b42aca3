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

const BY_SELECTOR: ReadonlyMap<string, string> = new Map(SIGNATURES.map((s) => [toFunctionSelector(`function ${s}`), s]));

/** "transfer(address,uint256)" for a selector Preflight knows, else the selector itself. */
export function methodName(selector: Hex): string {
  return BY_SELECTOR.get(selector.toLowerCase()) ?? selector.toLowerCase();
}

