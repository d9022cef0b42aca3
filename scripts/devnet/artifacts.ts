/**
 * Loads the bytecode and ABI of the real Uniswap contracts (and WETH9) from the installed npm
 * packages. Nothing is recompiled: what is deployed is exactly what the packages ship.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Abi, Hex } from 'viem';

export interface Artifact {
  abi: Abi;
  bytecode: Hex;
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

interface RawArtifact {
  abi: Abi | string;
  bytecode: string;
}

function loadJson(path: string): Artifact {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RawArtifact;
  const abi = typeof raw.abi === 'string' ? (JSON.parse(raw.abi) as Abi) : raw.abi;
  const bytecode = (raw.bytecode.startsWith('0x') ? raw.bytecode : `0x${raw.bytecode}`) as Hex;
  if (bytecode.length <= 2) throw new Error(`artifact has no bytecode: ${path}`);
  return { abi, bytecode };
}

/** Waffle-style `build/<Name>.json` (v2-core, v2-periphery). */
function waffle(pkg: string, name: string): Artifact {
  return loadJson(join(packageDir(pkg), 'build', `${name}.json`));
}

/** Hardhat-style `artifacts/contracts/<sub>/<Name>.sol/<Name>.json`. */
function hardhat(pkg: string, sub: string, name: string): Artifact {
  const file = join(packageDir(pkg), 'artifacts', 'contracts', sub, `${name}.sol`, `${name}.json`);
  return loadJson(file);
}

function hardhatIfPresent(pkg: string, sub: string, name: string): Artifact | undefined {
  try {
    const file = join(packageDir(pkg), 'artifacts', 'contracts', sub, `${name}.sol`, `${name}.json`);
    return existsSync(file) ? loadJson(file) : undefined;
  } catch {
    return undefined;
  }
}

export const artifacts = {
  weth9: () => waffle('@uniswap/v2-periphery', 'WETH9'),
  v2Factory: () => waffle('@uniswap/v2-core', 'UniswapV2Factory'),
  v2Pair: () => waffle('@uniswap/v2-core', 'UniswapV2Pair'),
  v2Router02: () => waffle('@uniswap/v2-periphery', 'UniswapV2Router02'),
  v3Factory: () => hardhat('@uniswap/v3-core', '', 'UniswapV3Factory'),
  v3Pool: () => hardhat('@uniswap/v3-core', '', 'UniswapV3Pool'),
  swapRouter: () => hardhat('@uniswap/v3-periphery', '', 'SwapRouter'),
  quoterV2: () => hardhat('@uniswap/v3-periphery', 'lens', 'QuoterV2'),
  nftDescriptorLibrary: () => hardhat('@uniswap/v3-periphery', 'libraries', 'NFTDescriptor'),
  positionDescriptor: () => hardhat('@uniswap/v3-periphery', '', 'NonfungibleTokenPositionDescriptor'),
  positionManager: () => hardhat('@uniswap/v3-periphery', '', 'NonfungiblePositionManager'),
  swapRouter02: () => hardhatIfPresent('@uniswap/swap-router-contracts', '', 'SwapRouter02'),
  universalRouter: () => hardhatIfPresent('@uniswap/universal-router', '', 'UniversalRouter'),
  /** Permit2 is not shipped as an artifact by any installed package (checked: universal-router 2.1.0). */
  permit2: () => hardhatIfPresent('@uniswap/universal-router', 'permit2', 'Permit2'),
};

/**
 * Links a Hardhat library placeholder (`__$<34 hex>$__`) at the offsets recorded in the
 * artifact's `linkReferences`. We replace every placeholder of the given length-40 form.
 */
export function linkLibrary(bytecode: Hex, placeholderPrefix: string, address: Hex): Hex {
  const addr = address.slice(2).toLowerCase();
  const pattern = new RegExp(`__\\$${placeholderPrefix}\\$__`, 'g');
  const linked = bytecode.replace(pattern, addr);
  if (linked === bytecode) throw new Error('library placeholder not found in bytecode');
  return linked as Hex;
}

/** Finds the single library placeholder hash in a bytecode, e.g. `cea9be97...` for NFTDescriptor. */
export function findPlaceholder(bytecode: Hex): string {
  const match = /__\$([0-9a-f]{34})\$__/.exec(bytecode);
  if (!match?.[1]) throw new Error('no library placeholder in bytecode');
  return match[1];
}

/** Safe's contracts, Hardhat-style under `build/artifacts/contracts/<sub>/<Name>.sol/<Name>.json` (@safe-global/safe-contracts 1.4.1). */
export function safeArtifact(sub: string, name: string): Artifact & { deployedBytecode: Hex } {
  const file = join(packageDir('@safe-global/safe-contracts'), 'build', 'artifacts', 'contracts', sub, `${name}.sol`, `${name}.json`);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { deployedBytecode: string };
  return { ...loadJson(file), deployedBytecode: raw.deployedBytecode as Hex };
}
