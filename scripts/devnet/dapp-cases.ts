/**
 * The demo dApp's requests, built on the server with viem against the live devnet (quotes, nonces),
 * so the page itself stays plain JavaScript. Each case is one EIP-1193 request.
 */
import { encodeFunctionData, encodePacked, maxUint256, numberToHex, parseAbi, parseEther, parseUnits, toFunctionSelector, toHex, zeroAddress, type Address, type Hex } from 'viem';
import { mintableErc20Abi, quoterV2Abi, swapRouterAbi, v2RouterAbi } from './abis.ts';
import { createClients } from './chain.ts';
import type { Devnet } from './index.ts';
import { claimRequest, deployFlipClaim, deploySimulationSpoof } from './spoofing.ts';

export interface DappRequest {
  method: string;
  params?: unknown;
  /** How the page calls it: the modern request() (default) or legacy sendAsync. */
  via?: 'request' | 'sendAsync';
}

const PERMIT2: Address = '0x000000000022D473030F116dDEE9F6B43aC78BA3';
const SEAPORT_15: Address = '0x00000000000000ADc04C56Bf30aC9d3c0aAF14dC';
/** A plain account nobody on the devnet controls: the "drainer". */
const STRANGER_EOA: Address = '0x5d7a3c6f1c5b0a0b1e8f7aa9c0de3b2f4a6e8c91';
const nftAbi = parseAbi(['function setApprovalForAll(address operator, bool approved)']);
const safeReadAbi = parseAbi(['function nonce() view returns (uint256)']);
const safeOwnerAbi = parseAbi(['function addOwnerWithThreshold(address owner, uint256 _threshold)']);

const tx = (from: Address, to: Address, data?: Hex, value?: bigint, gas?: bigint) => ({
  method: 'eth_sendTransaction',
  params: [{ from, to, ...(data ? { data } : {}), ...(value !== undefined ? { value: toHex(value) } : {}), ...(gas ? { gas: toHex(gas) } : {}) }],
});

/** Swaps carry a gas limit: an estimate made in the same second as the last block misses V3's oracle write. */
const SWAP_GAS = 600_000n;

function siwe(domain: string, origin: string, address: Address, chainId: number): string {
  return [
    `${domain} wants you to sign in with your Ethereum account:`,
    address,
    '',
    'Sign in to the Preflight demo dApp.',
    '',
    `URI: ${origin}`,
    'Version: 1',
    `Chain ID: ${chainId}`,
    'Nonce: 8f3k2j1h9g7d',
    `Issued At: ${new Date(0).toISOString()}`,
  ].join('\n');
}

export async function buildCase(name: string, devnet: Devnet, pageOrigin: string): Promise<DappRequest> {
  const c = createClients(devnet.rpcUrl, devnet.chainId);
  const user = devnet.accounts[0]!;
  const k = devnet.contracts;
  const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
  const chainId = devnet.chainId;

  const v2Swap = async (slippageBps: bigint) => {
    const amountIn = parseUnits('1000', 6);
    const amounts = await c.publicClient.readContract({ address: k.v2Router, abi: v2RouterAbi, functionName: 'getAmountsOut', args: [amountIn, [k.usdc, k.weth]] });
    const minOut = (amounts[1]! * (10_000n - slippageBps)) / 10_000n;
    return tx(user, k.v2Router, encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactTokensForTokens', args: [amountIn, minOut, [k.usdc, k.weth], user, deadline] }), undefined, SWAP_GAS);
  };
  const v2SwapShallow = async (slippageBps: bigint) => {
    const amountIn = parseEther('1');
    const amounts = await c.publicClient.readContract({ address: k.v2Router, abi: v2RouterAbi, functionName: 'getAmountsOut', args: [amountIn, [k.weth, k.vol]] });
    const minOut = (amounts[1]! * (10_000n - slippageBps)) / 10_000n;
    return tx(user, k.v2Router, encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactTokensForTokens', args: [amountIn, minOut, [k.weth, k.vol], user, deadline] }), undefined, SWAP_GAS);
  };
  const v3Swap = async (slippageBps: bigint, tokenOut: Address = k.usdc, fee = 3000) => {
    const amountIn = parseEther('1');
    if (!k.quoterV2) throw new Error('QuoterV2 is not deployed');
    const { result } = await c.publicClient.simulateContract({ address: k.quoterV2, abi: quoterV2Abi, functionName: 'quoteExactInputSingle', args: [{ tokenIn: k.weth, tokenOut, amountIn, fee, sqrtPriceLimitX96: 0n }] });
    const minOut = (result[0] * (10_000n - slippageBps)) / 10_000n;
    return tx(user, k.swapRouter, encodeFunctionData({ abi: swapRouterAbi, functionName: 'exactInputSingle', args: [{ tokenIn: k.weth, tokenOut, fee, recipient: user, deadline, amountIn, amountOutMinimum: minOut, sqrtPriceLimitX96: 0n }] }), undefined, SWAP_GAS);
  };
  const approve = (spender: Address, amount: bigint) => tx(user, k.usdc, encodeFunctionData({ abi: mintableErc20Abi, functionName: 'approve', args: [spender, amount] }));
  const typed = (data: object) => ({ method: 'eth_signTypedData_v4', params: [user, JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))] });

  switch (name) {
    case 'eth-transfer':
      return tx(user, devnet.accounts[1]!, undefined, parseEther('0.01'));
    case 'approve-exact':
      return approve(k.v2Router, parseUnits('100', 6));
    case 'approve-unlimited':
      return approve(k.v2Router, maxUint256);
    case 'approve-eoa':
      return approve(STRANGER_EOA, maxUint256);
    case 'set-approval-for-all':
      return tx(user, k.nft, encodeFunctionData({ abi: nftAbi, functionName: 'setApprovalForAll', args: [k.swapRouter, true] }));
    case 'swap-v2-0.5':
      return v2Swap(50n);
    case 'swap-v2-10':
      return v2Swap(1000n);
    case 'swap-v3-0.5':
      return v3Swap(50n);
    case 'swap-v3-10':
      return v3Swap(1000n);
    case 'swap-shallow-v2-10':
      return v2SwapShallow(1000n);
    case 'swap-shallow-v3-10':
      return v3Swap(1000n, k.vol, 10000);
    case 'permit': {
      const nonce = await c.publicClient.readContract({ address: k.usdc, abi: mintableErc20Abi, functionName: 'nonces', args: [user] });
      return typed({
        types: {
          EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
          Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
        },
        primaryType: 'Permit',
        domain: { name: 'USD Coin', version: '1', chainId, verifyingContract: k.usdc },
        message: { owner: user, spender: STRANGER_EOA, value: maxUint256, nonce, deadline: maxUint256 },
      });
    }
    case 'permit2':
      return typed({
        types: {
          EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
          PermitDetails: [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint160' }, { name: 'expiration', type: 'uint48' }, { name: 'nonce', type: 'uint48' }],
          PermitSingle: [{ name: 'details', type: 'PermitDetails' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }],
        },
        primaryType: 'PermitSingle',
        domain: { name: 'Permit2', chainId, verifyingContract: PERMIT2 },
        message: { details: { token: k.usdc, amount: 2n ** 160n - 1n, expiration: 2n ** 48n - 1n, nonce: 0 }, spender: STRANGER_EOA, sigDeadline: deadline },
      });
    case 'seaport-order':
      return typed({
        types: {
          EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
          OrderComponents: [
            { name: 'offerer', type: 'address' }, { name: 'zone', type: 'address' }, { name: 'offer', type: 'OfferItem[]' }, { name: 'consideration', type: 'ConsiderationItem[]' },
            { name: 'orderType', type: 'uint8' }, { name: 'startTime', type: 'uint256' }, { name: 'endTime', type: 'uint256' }, { name: 'zoneHash', type: 'bytes32' },
            { name: 'salt', type: 'uint256' }, { name: 'conduitKey', type: 'bytes32' }, { name: 'counter', type: 'uint256' },
          ],
          OfferItem: [{ name: 'itemType', type: 'uint8' }, { name: 'token', type: 'address' }, { name: 'identifierOrCriteria', type: 'uint256' }, { name: 'startAmount', type: 'uint256' }, { name: 'endAmount', type: 'uint256' }],
          ConsiderationItem: [
            { name: 'itemType', type: 'uint8' }, { name: 'token', type: 'address' }, { name: 'identifierOrCriteria', type: 'uint256' }, { name: 'startAmount', type: 'uint256' }, { name: 'endAmount', type: 'uint256' }, { name: 'recipient', type: 'address' },
          ],
        },
        primaryType: 'OrderComponents',
        domain: { name: 'Seaport', version: '1.5', chainId, verifyingContract: SEAPORT_15 },
        message: {
          offerer: user,
          zone: '0x0000000000000000000000000000000000000000',
          offer: [{ itemType: 2, token: k.nft, identifierOrCriteria: 1, startAmount: 1, endAmount: 1 }],
          consideration: [{ itemType: 0, token: '0x0000000000000000000000000000000000000000', identifierOrCriteria: 0, startAmount: 1, endAmount: 1, recipient: user }],
          orderType: 0,
          startTime: 0,
          endTime: deadline,
          zoneHash: `0x${'00'.repeat(32)}`,
          salt: 1,
          conduitKey: `0x${'00'.repeat(32)}`,
          counter: 0,
        },
      });
    case 'eth-sign':
      return { method: 'eth_sign', params: [user, `0x${'ab'.repeat(32)}`] };
    case 'personal-sign-siwe':
      return { method: 'personal_sign', params: [toHex(siwe(new URL(pageOrigin).host, pageOrigin, user, chainId)), user] };
    case 'siwe-mismatch':
      return { method: 'personal_sign', params: [toHex(siwe('evil.example', 'https://evil.example', user, chainId)), user] };
    case 'switch-chain':
      return { method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] };
    case 'add-chain':
      return { method: 'wallet_addEthereumChain', params: [{ chainId: numberToHex(8453), chainName: 'Base', rpcUrls: ['https://base-rpc.evil.example'], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, blockExplorerUrls: [] }] };
    case 'connect':
      return { method: 'eth_requestAccounts' };
    case 'add-devnet':
      return { method: 'wallet_addEthereumChain', params: [{ chainId: numberToHex(chainId), chainName: 'Preflight devnet', rpcUrls: [devnet.rpcUrl], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, blockExplorerUrls: null }] };
    case 'switch-devnet':
      return { method: 'wallet_switchEthereumChain', params: [{ chainId: numberToHex(chainId) }] };
    case 'watch-asset':
      return { method: 'wallet_watchAsset', params: { type: 'ERC20', options: { address: k.usdc, symbol: 'USDC', decimals: 6 } } };
    case 'send-calls': {
      const swap = await v2Swap(50n);
      const approveCall = approve(k.v2Router, parseUnits('1000', 6));
      const strip = (r: { params: { to: Address; data?: Hex }[] }) => ({ to: r.params[0]!.to, data: r.params[0]!.data, value: '0x0' });
      return { method: 'wallet_sendCalls', params: [{ version: '2.0.0', from: user, chainId: numberToHex(chainId), atomicRequired: false, calls: [strip(approveCall), strip(swap)] }] };
    }
    case 'get-balance':
      return { method: 'eth_getBalance', params: [user, 'latest'] };
    case 'legacy-send-async':
      return { method: 'personal_sign', params: [toHex('Legacy sendAsync message'), user], via: 'sendAsync' };
    case 'eth-transfer-lookalike': {
      // Same first and last 4 hex characters as account 1 (a past recipient), different in between.
      const real = devnet.accounts[1]!.toLowerCase();
      const fake = `${real.slice(0, 6)}${'0'.repeat(32)}${real.slice(-4)}` as Address;
      return tx(user, fake, undefined, parseEther('0.01'));
    }
    case 'send-all': {
      const balance = await c.publicClient.getBalance({ address: user });
      const block = await c.publicClient.getBlock();
      const maxFee = (block.baseFeePerGas ?? 1n) * 2n;
      return { method: 'eth_sendTransaction', params: [{ from: user, to: devnet.accounts[2], value: toHex(balance - 21_000n * maxFee - 1_000n), gas: toHex(21_000n), maxFeePerGas: toHex(maxFee), maxPriorityFeePerGas: toHex(1_000_000_000n) }] };
    }
    case 'swap-revert': {
      const amountIn = parseUnits('1000', 6);
      const amounts = await c.publicClient.readContract({ address: k.v2Router, abi: v2RouterAbi, functionName: 'getAmountsOut', args: [amountIn, [k.usdc, k.weth]] });
      return tx(user, k.v2Router, encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactTokensForTokens', args: [amountIn, amounts[1]! * 2n, [k.usdc, k.weth], user, deadline] }));
    }
    case 'overpay-fee': {
      const block = await c.publicClient.getBlock();
      const r = tx(user, devnet.accounts[1]!, undefined, parseEther('0.01'));
      return { method: r.method, params: [{ ...r.params[0], maxFeePerGas: toHex((block.baseFeePerGas ?? 1n) * 20n + 50_000_000_000n), maxPriorityFeePerGas: toHex(50_000_000_000n) }] };
    }
    case 'approve-odd': {
      // The selector's leading zero dropped (0x95ea7b3…, odd length): MetaMask pads it back and executes the approve.
      const r = approve(k.v2Router, parseUnits('100', 6));
      return { method: r.method, params: [{ ...r.params[0], data: `0x${r.params[0]!.data!.slice(3)}` }] };
    }
    case 'revoke-eoa':
      return tx(user, k.nft, encodeFunctionData({ abi: nftAbi, functionName: 'setApprovalForAll', args: [STRANGER_EOA, false] }));
    case 'high-cap-normal-tip': {
      // A max fee 100× the base fee with a normal 1 gwei tip: EIP-1559 charges base + tip, nothing extra.
      const block = await c.publicClient.getBlock();
      const r = tx(user, devnet.accounts[1]!, undefined, parseEther('0.01'));
      return { method: r.method, params: [{ ...r.params[0], maxFeePerGas: toHex((block.baseFeePerGas ?? 1n) * 100n + 1_000_000_000n), maxPriorityFeePerGas: toHex(1_000_000_000n) }] };
    }
    case 'zeroex-giveaway':
      // A 0x v4 sell order of the devnet NFT #1 to a fixed taker for nothing: the NFT-drainer listing.
      return typed({
        types: {
          EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
          ERC721Order: [
            { name: 'direction', type: 'uint8' }, { name: 'maker', type: 'address' }, { name: 'taker', type: 'address' }, { name: 'expiry', type: 'uint256' }, { name: 'nonce', type: 'uint256' },
            { name: 'erc20Token', type: 'address' }, { name: 'erc20TokenAmount', type: 'uint256' }, { name: 'fees', type: 'Fee[]' }, { name: 'erc721Token', type: 'address' }, { name: 'erc721TokenId', type: 'uint256' },
            { name: 'erc721TokenProperties', type: 'Property[]' },
          ],
          Fee: [{ name: 'recipient', type: 'address' }, { name: 'amount', type: 'uint256' }, { name: 'feeData', type: 'bytes' }],
          Property: [{ name: 'propertyValidator', type: 'address' }, { name: 'propertyData', type: 'bytes' }],
        },
        primaryType: 'ERC721Order',
        domain: { name: 'ZeroEx', version: '1.0.0', chainId, verifyingContract: '0xDef1C0ded9bec7F1a1670819833240f027b25EfF' },
        message: { direction: 0, maker: user, taker: STRANGER_EOA, expiry: deadline, nonce: 1, erc20Token: '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE', erc20TokenAmount: 0, fees: [], erc721Token: k.nft, erc721TokenId: 1, erc721TokenProperties: [] },
      });
    case 'send-calls-revert': {
      // Approve 1,000 USDC, then swap 2,000: the second call fails, and only because of the first.
      const amountIn = parseUnits('2000', 6);
      const swap = tx(user, k.v2Router, encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactTokensForTokens', args: [amountIn, 0n, [k.usdc, k.weth], user, deadline] }));
      const approveCall = approve(k.v2Router, parseUnits('1000', 6));
      const strip = (r: { params: { to: Address; data?: Hex }[] }) => ({ to: r.params[0]!.to, data: r.params[0]!.data, value: '0x0' });
      return { method: 'wallet_sendCalls', params: [{ version: '2.0.0', from: user, chainId: numberToHex(chainId), atomicRequired: true, calls: [strip(approveCall), strip(swap)] }] };
    }
    case 'approve-scam-spender':
      // 100 USDC to the first address of ScamSniffer's public list (../shared/data/threat): known-scam-address.
      return approve(SCAM_LISTED_SPENDER, parseUnits('100', 6));
    case 'transfer-to-token':
      return tx(user, k.usdc, encodeFunctionData({ abi: mintableErc20Abi, functionName: 'transfer', args: [k.usdc, parseUnits('1', 6)] }));
    // Issue 21: delegations (MetaMask Delegation Framework) from account 0's smart account, and an EIP-7702 account.
    case 'delegation-open':
      return typed(delegationTypedData(devnet, { delegate: STRANGER_EOA, caveats: [], salt: 1n }));
    case 'delegation-restricted': {
      // What an agent gets from the Smart Accounts Kit's function-call scope plus a transfer cap and a time window:
      // only USDC, only transfer(), at most 100 USDC in all, for the next 8 hours.
      const e = devnet.delegation.enforcers;
      const now = BigInt(Math.floor(Date.now() / 1000));
      return typed(
        delegationTypedData(devnet, {
          delegate: devnet.accounts[1]!,
          caveats: [
            { enforcer: e.AllowedTargetsEnforcer, terms: encodePacked(['address'], [k.usdc]) },
            { enforcer: e.AllowedMethodsEnforcer, terms: toFunctionSelector('function transfer(address,uint256)') },
            { enforcer: e.ERC20TransferAmountEnforcer, terms: encodePacked(['address', 'uint256'], [k.usdc, parseUnits('100', 6)]) },
            { enforcer: e.TimestampEnforcer, terms: encodePacked(['uint128', 'uint128'], [now - 60n, now + 8n * 3600n]) },
          ],
          salt: 2n,
        }),
      );
    }
    case 'delegated-account-sign': {
      // Account 5 upgraded to MetaMask's smart account (EIP-7702 designator 0xef0100 ‖ EIP7702StatelessDeleGator), then a sign-in.
      const account = devnet.accounts[DELEGATED_ACCOUNT_INDEX]!;
      await c.testClient.setCode({ address: account, bytecode: `0xef0100${devnet.delegation.eip7702Delegator.slice(2).toLowerCase()}` });
      return { method: 'personal_sign', params: [toHex(siwe(new URL(pageOrigin).host, pageOrigin, account, chainId)), account] };
    }
    // Issue 21, drains in disguise.
    case 'scam-claim':
      // 0.5 ETH into claim() of a contract that keeps it (scripts/devnet/contracts/DevClaimScam.sol).
      return tx(user, k.claimScam, encodeFunctionData({ abi: parseAbi(['function claim() payable']), functionName: 'claim' }), parseEther('0.5'), 200_000n);
    case 'swap-pays-other': {
      // A V2 swap at 0.5 % whose output goes to a stranger, not to the sender.
      const amountIn = parseUnits('1000', 6);
      const amounts = await c.publicClient.readContract({ address: k.v2Router, abi: v2RouterAbi, functionName: 'getAmountsOut', args: [amountIn, [k.usdc, k.weth]] });
      return tx(user, k.v2Router, encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactTokensForTokens', args: [amountIn, (amounts[1]! * 9_950n) / 10_000n, [k.usdc, k.weth], STRANGER_EOA, deadline] }), undefined, SWAP_GAS);
    }
    case 'seaport-bulk-free-leaf': {
      // A Seaport bulk listing (seaport-js tree of height 2): NFTs #1 and #2 at 1 ETH, #3 for 1 wei to a stranger, one padding leaf.
      const zero = '0x0000000000000000000000000000000000000000';
      const item = [{ name: 'itemType', type: 'uint8' }, { name: 'token', type: 'address' }, { name: 'identifierOrCriteria', type: 'uint256' }, { name: 'startAmount', type: 'uint256' }, { name: 'endAmount', type: 'uint256' }];
      const leaf = (id: number, price: bigint, to: Address) => ({
        offerer: user, zone: zero, offer: [{ itemType: 2, token: k.nft, identifierOrCriteria: id, startAmount: 1, endAmount: 1 }],
        consideration: [{ itemType: 0, token: zero, identifierOrCriteria: 0, startAmount: price, endAmount: price, recipient: to }],
        orderType: 0, startTime: 0, endTime: deadline, zoneHash: `0x${'00'.repeat(32)}`, salt: id, conduitKey: `0x${'00'.repeat(32)}`, counter: 0,
      });
      const pad = { offerer: zero, zone: zero, offer: [], consideration: [], orderType: 0, startTime: 0, endTime: 0, zoneHash: `0x${'00'.repeat(32)}`, salt: 0, conduitKey: `0x${'00'.repeat(32)}`, counter: 0 };
      return typed({
        types: {
          EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
          BulkOrder: [{ name: 'tree', type: 'OrderComponents[2][2]' }],
          OrderComponents: [
            { name: 'offerer', type: 'address' }, { name: 'zone', type: 'address' }, { name: 'offer', type: 'OfferItem[]' }, { name: 'consideration', type: 'ConsiderationItem[]' },
            { name: 'orderType', type: 'uint8' }, { name: 'startTime', type: 'uint256' }, { name: 'endTime', type: 'uint256' }, { name: 'zoneHash', type: 'bytes32' },
            { name: 'salt', type: 'uint256' }, { name: 'conduitKey', type: 'bytes32' }, { name: 'counter', type: 'uint256' },
          ],
          OfferItem: item,
          ConsiderationItem: [...item, { name: 'recipient', type: 'address' }],
        },
        primaryType: 'BulkOrder',
        domain: { name: 'Seaport', version: '1.5', chainId, verifyingContract: SEAPORT_15 },
        message: { tree: [[leaf(1, parseEther('1'), user), leaf(2, parseEther('1'), user)], [leaf(3, 1n, STRANGER_EOA), pad]] },
      });
    }
    // Issue 21: Safe transactions on the devnet's Safe.
    case 'safe-transfer':
    case 'safe-delegatecall':
    case 'safe-add-owner': {
      // SafeTx typed data for the devnet's Safe (owners accounts 0-2, 2 of 3), signed by account 0, at the Safe's nonce.
      const safe = devnet.safe.address;
      const nonce = await c.publicClient.readContract({ address: safe, abi: safeReadAbi, functionName: 'nonce' });
      const tx =
        name === 'safe-transfer'
          ? { to: devnet.accounts[3]!, value: parseEther('1'), data: '0x' as Hex, operation: 0 }
          : name === 'safe-delegatecall'
            ? // The Bybit shape: DELEGATECALL into a contract that is not Safe's (here the devnet's USDC) with transfer(x, 0).
              { to: k.usdc, value: 0n, data: encodeFunctionData({ abi: mintableErc20Abi, functionName: 'transfer', args: [STRANGER_EOA, 0n] }), operation: 1 }
            : { to: safe, value: 0n, data: encodeFunctionData({ abi: safeOwnerAbi, functionName: 'addOwnerWithThreshold', args: [STRANGER_EOA, 2n] }), operation: 0 };
      return typed({
        types: {
          EIP712Domain: [{ name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
          SafeTx: [
            { name: 'to', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'data', type: 'bytes' }, { name: 'operation', type: 'uint8' },
            { name: 'safeTxGas', type: 'uint256' }, { name: 'baseGas', type: 'uint256' }, { name: 'gasPrice', type: 'uint256' }, { name: 'gasToken', type: 'address' },
            { name: 'refundReceiver', type: 'address' }, { name: 'nonce', type: 'uint256' },
          ],
        },
        primaryType: 'SafeTx',
        domain: { chainId, verifyingContract: safe },
        message: { ...tx, safeTxGas: 0, baseGas: 0, gasPrice: 0, gasToken: zeroAddress, refundReceiver: zeroAddress, nonce },
      });
    }
    case 'eth-transfer-fresh':
      // Issue 22: 0.01 ETH to an address nothing on the devnet has used (no code, nonce 0, no balance), never sent to before.
      return tx(user, UNUSED_ADDRESS, undefined, parseEther('0.01'));
    // Issue 22: a claim that pays while simulated and keeps the deposit a minute later; and one its owner (account 9)
    // flips between the review and Continue. Each request gets a fresh contract (scripts/devnet/spoofing.ts).
    case 'spoof-claim':
      return claimRequest(user, await deploySimulationSpoof(c, devnet.accounts[9]!));
    case 'flip-claim':
      return claimRequest(user, await deployFlipClaim(c, devnet.accounts[9]!));
    default:
      throw new Error(`unknown case ${name}`);
  }
}

/** The devnet account the 'delegated-account-sign' case upgrades to MetaMask's smart account (EIP-7702). */
export const DELEGATED_ACCOUNT_INDEX = 5;
const ROOT_AUTHORITY: Hex = `0x${'f'.repeat(64)}`;

/** A Delegation (EIP-712, as the Smart Accounts Kit signs it) from account 0's smart account, for the devnet DelegationManager. */
export function delegationTypedData(devnet: Devnet, d: { delegate: Address; caveats: { enforcer: Address; terms: Hex }[]; salt: bigint }) {
  return {
    types: {
      EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
      Caveat: [{ name: 'enforcer', type: 'address' }, { name: 'terms', type: 'bytes' }],
      Delegation: [{ name: 'delegate', type: 'address' }, { name: 'delegator', type: 'address' }, { name: 'authority', type: 'bytes32' }, { name: 'caveats', type: 'Caveat[]' }, { name: 'salt', type: 'uint256' }],
    },
    primaryType: 'Delegation' as const,
    domain: { name: 'DelegationManager', version: '1', chainId: devnet.chainId, verifyingContract: devnet.delegation.delegationManager },
    message: { delegate: d.delegate, delegator: devnet.delegation.smartAccount, authority: ROOT_AUTHORITY, caveats: d.caveats, salt: d.salt },
  };
}
/** An address nothing on the devnet uses: the "fresh" recipient of eth-transfer-fresh (rejected in tests, so it stays unused). */
export const UNUSED_ADDRESS: Address = '0x7e1a3b5c9d2f4a6b8c0d1e2f3a4b5c6d7e8f9a0b';

/** The first entry of ScamSniffer's public scam-address list (snapshot in ../shared/data/threat). */
export const SCAM_LISTED_SPENDER: Address = '0x101ce0cedd142f199c9ef61739ae59b6611a0fc0';

export const CASES = [
  'eth-transfer', 'approve-exact', 'approve-unlimited', 'approve-eoa', 'set-approval-for-all',
  'swap-v2-0.5', 'swap-v2-10', 'swap-v3-0.5', 'swap-v3-10', 'permit', 'permit2', 'seaport-order',
  'eth-sign', 'personal-sign-siwe', 'siwe-mismatch', 'switch-chain', 'add-chain', 'watch-asset',
  'send-calls', 'get-balance', 'legacy-send-async', 'transfer-to-token', 'eth-transfer-lookalike', 'send-all',
  'swap-revert', 'overpay-fee', 'swap-shallow-v2-10', 'swap-shallow-v3-10', 'add-devnet', 'switch-devnet', 'connect',
  // Issue 12: parser parity, no false alarms, new request kinds, scam data.
  'approve-odd', 'revoke-eoa', 'high-cap-normal-tip', 'zeroex-giveaway', 'send-calls-revert', 'approve-scam-spender',
  // Issue 21: delegations and EIP-7702.
  'delegation-open', 'delegation-restricted', 'delegated-account-sign',
  // Issue 21: drains in disguise.
  'scam-claim', 'swap-pays-other', 'seaport-bulk-free-leaf',
  // Issue 21: Safe transactions on the devnet's Safe.
  'safe-transfer', 'safe-delegatecall', 'safe-add-owner',
  // Issue 22: first time, locally.
  'eth-transfer-fresh',
  // Issue 22: simulation spoofing (time window) and a claim flipped by its owner after the review.
  'spoof-claim', 'flip-claim',
] as const;
