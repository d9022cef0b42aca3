import type { Address } from 'viem';

/** Well-known contracts, so that normal use reads as normal. Lowercase keys; chain-agnostic where the address is. */
const LABELS: Record<string, string> = {
  '0x7a250d5630b4cf539739df2c5dacb4c659f2488d': 'Uniswap V2 Router',
  '0xe592427a0aece92de3edee1f18e0157c05861564': 'Uniswap V3 SwapRouter',
  '0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45': 'Uniswap SwapRouter02',
  '0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad': 'Uniswap Universal Router',
  '0x66a9893cc07d91d95644aedd05d03f95e1dba8af': 'Uniswap Universal Router (v4)',
  '0x000000000022d473030f116ddee9f6b43ac78ba3': 'Permit2',
  '0x00000000000000adc04c56bf30ac9d3c0aaf14dc': 'Seaport 1.5',
  '0x0000000000000068f116a894984e2db1123eb395': 'Seaport 1.6',
  '0x1e0049783f008a0085193e00003d00cd54003c71': 'OpenSea Conduit',
  '0xd9e1ce17f2641f24ae83637ab66a2cca9c378b9f': 'SushiSwap Router',
  '0x1111111254eeb25477b68fb85ed929f73a960582': '1inch Router v5',
  '0x111111125421ca6dc452d289314280a0f8842a65': '1inch Router v6',
  '0xdef1c0ded9bec7f1a1670819833240f027b25eff': '0x Exchange Proxy',
  '0x6a000f20005980200259b80c5102003040001068': 'ParaSwap Augustus v6',
  '0x00000000000001ad428e4906ae43d8f9852d0dd6': 'Seaport 1.4',
  '0x29469395eaf6f95920e59f858042f0e28d98a20b': 'Blur Blend',
  '0x000000000000ad05ccc4f10045630fb830b95127': 'Blur Marketplace',
  '0x0000000000e655fae4d56241588680f86e3b2377': 'LooksRare Exchange v2',
  '0x59728544b08ab483533076417fbbb2fd0b17ce3a': 'LooksRare Exchange v1',
  '0x00000000006c3852cbef3e08e8df289169ede581': 'Seaport 1.1',
  '0x00000000000006c7676171937c444f6bde3d6282': 'Seaport 1.2',
  '0x0000000000000ad24e80fd803c6ac37206a45f15': 'Seaport 1.3',
  '0x6000da47483062a0d734ba3dc7576ce6a0b645c4': 'UniswapX Exclusive Dutch Order Reactor',
  '0x00000011f84b9aa48e5f8aa8b9897600006289be': 'UniswapX V2 Dutch Order Reactor',
  '0x000000000004444c5dc75cb358380d2e3de08a90': 'Uniswap V4 PoolManager',
  '0xbd216513d74c8cf14cf4747e6aaa6420ff64ee9e': 'Uniswap V4 PositionManager',
  '0xc36442b4a4522e871399cd717abdd847ab11fe88': 'Uniswap V3 Positions NFT',
  '0x9008d19f58aabd9ed0d60971565aa8510560ab41': 'CoW Protocol Settlement',
  '0xc92e8bdf79f0507f65a392b0ab4667716bfe0110': 'CoW Protocol Vault Relayer',
  '0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2': 'Aave V3 Pool',
  '0x7d2768de32b0b80b7a3454c06bdac94a69ddc7a9': 'Aave V2 Pool',
  '0xc3d688b66703497daa19211eedff47f25384cdc3': 'Compound V3 cUSDCv3',
  '0xae7ab96520de3a18e5e111b5eaab095312d7fe84': 'Lido stETH',
  '0x881d40237659c251811cec9c364ef91dc08d300c': 'MetaMask Swap Router',
  '0x5c7bcd6e7de5423a257d81b442095a1a6ced35c5': 'Across SpokePool',
};

/** The label of an address: the user's or the environment's own labels first, then the well-known list. */
export function labelOf(address: Address | string | undefined, extra?: Readonly<Record<string, string>>): string | undefined {
  if (!address) return undefined;
  const key = address.toLowerCase();
  return extra?.[key] ?? LABELS[key];
}

export function isKnownContract(address: Address | string | undefined, extra?: Readonly<Record<string, string>>): boolean {
  return labelOf(address, extra) !== undefined;
}

/** Every well-known contract address (lower-case): the approvals fallback tries them as spenders. */
export function knownContractAddresses(): string[] {
  return Object.keys(LABELS);
}
