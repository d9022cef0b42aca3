import { encodePacked, getContractAddress, keccak256, type Address, type Hex } from 'viem';
import { KNOWN_FACTORIES } from '../resolve-router';

/**
 * keccak256 of the UniswapV2Pair creation code (@uniswap/v2-core build/UniswapV2Pair.json; UniswapV2Library.pairFor in
 * @uniswap/v2-periphery hard-codes the same value). Checked against the package in v2-pair.test.ts.
 */
export const UNISWAP_V2_PAIR_INIT_CODE_HASH: Hex = '0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f';

/**
 * The Uniswap V2 pair of two tokens on a chain whose V2 factory Preflight knows (UniswapV2Library.pairFor: CREATE2 by the
 * factory, salt keccak256(token0 ‖ token1) of the sorted tokens); undefined elsewhere. No RPC.
 */
export function uniswapV2Pair(chainId: number, a: Address, b: Address): Address | undefined {
  const factory = KNOWN_FACTORIES[chainId]?.v2;
  if (!factory || a.toLowerCase() === b.toLowerCase()) return undefined;
  const [t0, t1] = a.toLowerCase() < b.toLowerCase() ? [a, b] : [b, a];
  const salt = keccak256(encodePacked(['address', 'address'], [t0, t1]));
  return getContractAddress({ opcode: 'CREATE2', from: factory, salt, bytecodeHash: UNISWAP_V2_PAIR_INIT_CODE_HASH }).toLowerCase() as Address;
}
