/**
 * Deploys the real Uniswap V2 / V3 contracts (bytecode straight from the npm artifacts),
 * plus WETH9, SwapRouter02, QuoterV2 and UniversalRouter when their artifacts are installed.
 */
import { keccak256, stringToHex, zeroAddress, type Address, type Hex } from 'viem';
import { artifacts, findPlaceholder, linkLibrary } from './artifacts.ts';
import { deploy, type DevnetClients } from './chain.ts';

/** Canonical Permit2 address (same on every chain). Used as UniversalRouter's permit2 param. */
export const CANONICAL_PERMIT2: Address = '0x000000000022D473030F116dDEE9F6B43aC78BA3';

export interface UniswapDeployment {
  weth: Address;
  v2Factory: Address;
  v2Router: Address;
  v3Factory: Address;
  swapRouter: Address;
  swapRouter02?: Address;
  quoterV2?: Address;
  positionManager: Address;
  positionDescriptor: Address;
  permit2?: Address;
  universalRouter?: Address;
  v2PairInitCodeHash: Hex;
  v3PoolInitCodeHash: Hex;
}

export async function deployUniswap(c: DevnetClients, deployer: Address): Promise<UniswapDeployment> {
  const weth = await deploy(c, deployer, artifacts.weth9(), [], 'WETH9');

  // --- V2 -----------------------------------------------------------------------------------
  const v2Factory = await deploy(c, deployer, artifacts.v2Factory(), [deployer], 'UniswapV2Factory');
  const v2Router = await deploy(c, deployer, artifacts.v2Router02(), [v2Factory, weth], 'UniswapV2Router02');
  const v2PairInitCodeHash = keccak256(artifacts.v2Pair().bytecode);

  // --- V3 -----------------------------------------------------------------------------------
  const v3Factory = await deploy(c, deployer, artifacts.v3Factory(), [], 'UniswapV3Factory');
  const v3PoolInitCodeHash = keccak256(artifacts.v3Pool().bytecode);
  const swapRouter = await deploy(c, deployer, artifacts.swapRouter(), [v3Factory, weth], 'SwapRouter');
  const quoterV2 = await deploy(c, deployer, artifacts.quoterV2(), [v3Factory, weth], 'QuoterV2');

  // NonfungibleTokenPositionDescriptor needs the external NFTDescriptor library linked in.
  const nftDescriptorLib = await deploy(c, deployer, artifacts.nftDescriptorLibrary(), [], 'NFTDescriptor');
  const descriptorArtifact = artifacts.positionDescriptor();
  const descriptorBytecode = linkLibrary(
    descriptorArtifact.bytecode,
    findPlaceholder(descriptorArtifact.bytecode),
    nftDescriptorLib,
  );
  const positionDescriptor = await deploy(
    c,
    deployer,
    { abi: descriptorArtifact.abi, bytecode: descriptorBytecode },
    [weth, stringToHex('ETH', { size: 32 })],
    'NonfungibleTokenPositionDescriptor',
  );
  const positionManager = await deploy(
    c,
    deployer,
    artifacts.positionManager(),
    [v3Factory, weth, positionDescriptor],
    'NonfungiblePositionManager',
  );

  // --- optional routers ----------------------------------------------------------------------
  const sr02 = artifacts.swapRouter02();
  const swapRouter02 = sr02
    ? await deploy(c, deployer, sr02, [v2Factory, v3Factory, positionManager, weth], 'SwapRouter02')
    : undefined;

  const permit2Artifact = artifacts.permit2();
  const permit2 = permit2Artifact ? await deploy(c, deployer, permit2Artifact, [], 'Permit2') : undefined;

  const ur = artifacts.universalRouter();
  const universalRouter = ur
    ? await deploy(
        c,
        deployer,
        ur,
        [
          {
            permit2: permit2 ?? CANONICAL_PERMIT2,
            weth9: weth,
            v2Factory,
            v3Factory,
            pairInitCodeHash: v2PairInitCodeHash,
            poolInitCodeHash: v3PoolInitCodeHash,
            v4PoolManager: zeroAddress,
            v3NFTPositionManager: positionManager,
            v4PositionManager: zeroAddress,
            spokePool: zeroAddress,
          },
        ],
        'UniversalRouter',
      )
    : undefined;

  return {
    weth,
    v2Factory,
    v2Router,
    v3Factory,
    swapRouter,
    swapRouter02,
    quoterV2,
    positionManager,
    positionDescriptor,
    permit2,
    universalRouter,
    v2PairInitCodeHash,
    v3PoolInitCodeHash,
  };
}
