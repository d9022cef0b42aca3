/** L2 fee components read on chain through an injected `call` (viem PublicClient.call-compatible). */
import { decodeFunctionResult, encodeFunctionData, type Address, type Hex } from 'viem';
import { gasChain } from './chains';
import { UnsupportedChainError } from './errors';

export type EthCall = (args: { to: Address; data: Hex }) => Promise<{ data?: Hex | undefined }>;

export const OP_GAS_PRICE_ORACLE: Address = '0x420000000000000000000000000000000000000F';
export const ARB_NODE_INTERFACE: Address = '0x00000000000000000000000000000000000000C8';

const gasPriceOracleAbi = [
  { type: 'function', name: 'getL1Fee', stateMutability: 'view', inputs: [{ name: '_data', type: 'bytes' }], outputs: [{ name: '', type: 'uint256' }] },
] as const;

const nodeInterfaceAbi = [
  {
    type: 'function',
    name: 'gasEstimateComponents',
    stateMutability: 'payable',
    inputs: [
      { name: 'to', type: 'address' },
      { name: 'contractCreation', type: 'bool' },
      { name: 'data', type: 'bytes' },
    ],
    outputs: [
      { name: 'gasEstimate', type: 'uint64' },
      { name: 'gasEstimateForL1', type: 'uint64' },
      { name: 'baseFee', type: 'uint256' },
      { name: 'l1BaseFeeEstimate', type: 'uint256' },
    ],
  },
] as const;

async function callOrThrow(call: EthCall, to: Address, data: Hex, what: string): Promise<Hex> {
  let result: { data?: Hex | undefined };
  try {
    result = await call({ to, data });
  } catch (e) {
    throw new UnsupportedChainError(`${what} failed on this node: ${(e as Error).message}`);
  }
  if (!result.data || result.data === '0x') throw new UnsupportedChainError(`${what} returned no data; is this the right chain?`);
  return result.data;
}

/** OP Stack / Base: L1 data fee (wei) for a serialized (signed or unsigned) transaction. */
export async function opStackL1Fee(call: EthCall, serializedTx: Hex): Promise<bigint> {
  const data = encodeFunctionData({ abi: gasPriceOracleAbi, functionName: 'getL1Fee', args: [serializedTx] });
  const out = await callOrThrow(call, OP_GAS_PRICE_ORACLE, data, 'GasPriceOracle.getL1Fee');
  return decodeFunctionResult({ abi: gasPriceOracleAbi, functionName: 'getL1Fee', data: out });
}

export interface ArbitrumGasComponents {
  gasEstimate: bigint;
  /** Part of gasEstimate that pays for L1 calldata. */
  gasEstimateForL1: bigint;
  baseFee: bigint;
  l1BaseFeeEstimate: bigint;
  /** gasEstimateForL1 × baseFee, wei. */
  l1FeeWei: bigint;
  totalFeeWei: bigint;
}

/** Arbitrum: NodeInterface.gasEstimateComponents (a virtual contract, answered by eth_call). */
export async function arbitrumGasComponents(call: EthCall, to: Address, data: Hex, contractCreation = false): Promise<ArbitrumGasComponents> {
  const input = encodeFunctionData({ abi: nodeInterfaceAbi, functionName: 'gasEstimateComponents', args: [to, contractCreation, data] });
  const out = await callOrThrow(call, ARB_NODE_INTERFACE, input, 'NodeInterface.gasEstimateComponents');
  const [gasEstimate, gasEstimateForL1, baseFee, l1BaseFeeEstimate] = decodeFunctionResult({ abi: nodeInterfaceAbi, functionName: 'gasEstimateComponents', data: out });
  return { gasEstimate, gasEstimateForL1, baseFee, l1BaseFeeEstimate, l1FeeWei: gasEstimateForL1 * baseFee, totalFeeWei: gasEstimate * baseFee };
}

/** L1 data fee for any supported chain (0 on L1s); throws UnsupportedChainError otherwise. */
export async function l1DataFee(chainId: number, call: EthCall, tx: { serialized: Hex; to: Address; data: Hex }): Promise<bigint> {
  const chain = gasChain(chainId);
  if (chain.l2 === 'op-stack') return opStackL1Fee(call, tx.serialized);
  if (chain.l2 === 'arbitrum') return (await arbitrumGasComponents(call, tx.to, tx.data)).l1FeeWei;
  if (!chain.known) throw new UnsupportedChainError(`chain ${chainId} is not known; its L1 data fee cannot be computed`);
  return 0n;
}
