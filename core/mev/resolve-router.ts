import { parseAbi, type Address, type Hex } from 'viem';

/** What a router is, learned from the chain rather than from an address list. */
export interface RouterInfo {
  address: Address;
  /** v2: Router02-style (factory + WETH); v3: SwapRouter (factory + WETH9); v3-02: SwapRouter02 (factoryV2 too). */
  style: 'v2' | 'v3' | 'v3-02' | 'unknown';
  factoryV2?: Address;
  factoryV3?: Address;
  weth?: Address;
}

export interface ReadClient {
  readContract(args: { address: Address; abi: typeof ROUTER_GETTERS; functionName: 'factory' | 'factoryV2' | 'WETH' | 'WETH9' }): Promise<Address>;
}

const ROUTER_GETTERS = parseAbi([
  'function factory() view returns (address)',
  'function factoryV2() view returns (address)',
  'function WETH() view returns (address)',
  'function WETH9() view returns (address)',
]);

/** Uniswap's own deployments, used when a router (the Universal Router) exposes no getters. */
export const KNOWN_FACTORIES: Record<number, { v2?: Address; v3?: Address; weth?: Address }> = {
  1: { v2: '0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f', v3: '0x1F98431c8aD98523631AE4a59f267346ea31F984', weth: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2' },
};

/**
 * Reads factory(), factoryV2(), WETH() and WETH9() from the router in one batch (one round trip
 * over a batching transport). A Router02 fork answers factory + WETH; a SwapRouter fork factory +
 * WETH9; SwapRouter02 also factoryV2. Getters that revert are simply absent.
 */
export async function resolveRouter(client: ReadClient, address: Address): Promise<RouterInfo> {
  const read = (functionName: 'factory' | 'factoryV2' | 'WETH' | 'WETH9'): Promise<Address | undefined> =>
    client.readContract({ address, abi: ROUTER_GETTERS, functionName }).then(
      (a) => (/^0x0{40}$/i.test(a) ? undefined : a),
      () => undefined,
    );
  const [factory, factoryV2, weth, weth9] = await Promise.all([read('factory'), read('factoryV2'), read('WETH'), read('WETH9')]);
  if (factory && factoryV2 && weth9) return { address, style: 'v3-02', factoryV2, factoryV3: factory, weth: weth9 };
  if (factory && weth) return { address, style: 'v2', factoryV2: factory, weth };
  if (factory && weth9) return { address, style: 'v3', factoryV3: factory, weth: weth9 };
  return { address, style: 'unknown' };
}

export type { Hex };
