import { encodeFunctionData, maxUint256, parseAbi } from 'viem';
import type { Lang } from '@/core/i18n/localized';
import { PRETEND_ACCOUNT } from './pretend-wallet';

const erc20 = parseAbi(['function approve(address,uint256)', 'function transfer(address,uint256)']);
const erc721 = parseAbi(['function setApprovalForAll(address,bool)']);
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const BAYC = '0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d';
const UNISWAP_V2_ROUTER = '0x7a250d5630b4cf539739df2c5dacb4c659f2488d';
/** An address nobody uses: the stand-in for a drainer's account. */
const STRANGER = '0x000000000000000000000000000000000000dead';

export interface Example {
  id: string;
  kind: 'harmless' | 'hostile';
  label: Record<Lang, string>;
  method: string;
  params: (origin: string, host: string, now: number) => unknown[];
}

const tx = (to: string, data: string, value = '0x0') => [{ from: PRETEND_ACCOUNT, to, data, value }];

/** What the test page's buttons send: everyday requests, and the ones drainers and phishing pages ask for. */
export const EXAMPLES: readonly Example[] = [
  {
    id: 'sign-in',
    kind: 'harmless',
    label: { en: 'Sign in to this page (Sign-In with Ethereum)', ja: 'このページにログイン（Sign-In with Ethereum）' },
    method: 'personal_sign',
    params: (origin, host, now) => [
      `0x${Array.from(new TextEncoder().encode(`${host} wants you to sign in with your Ethereum account:\n${PRETEND_ACCOUNT}\n\nSign in to the Preflight test page.\n\nURI: ${origin}\nVersion: 1\nChain ID: 1\nNonce: 8f3a9c2e41d7\nIssued At: ${new Date(now).toISOString()}`), (b) => b.toString(16).padStart(2, '0')).join('')}`,
      PRETEND_ACCOUNT,
    ],
  },
  {
    id: 'approve-exact',
    kind: 'harmless',
    label: { en: 'Approve exactly 100 USDC for Uniswap', ja: 'Uniswap に 100 USDC だけを承認' },
    method: 'eth_sendTransaction',
    params: () => tx(USDC, encodeFunctionData({ abi: erc20, functionName: 'approve', args: [UNISWAP_V2_ROUTER, 100_000_000n] })),
  },
  {
    id: 'send-eth',
    kind: 'harmless',
    label: { en: 'Send 0.01 ETH to a friend', ja: '友人に 0.01 ETH を送る' },
    method: 'eth_sendTransaction',
    params: () => [{ from: PRETEND_ACCOUNT, to: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8', value: '0x2386f26fc10000' }],
  },
  {
    id: 'unlimited-approval',
    kind: 'hostile',
    label: { en: 'Unlimited USDC approval for an unknown account', ja: '不明なアカウントへの USDC の無制限承認' },
    method: 'eth_sendTransaction',
    params: () => tx(USDC, encodeFunctionData({ abi: erc20, functionName: 'approve', args: [STRANGER, maxUint256] })),
  },
  {
    id: 'eth-sign',
    kind: 'hostile',
    label: { en: 'Blind signature of a hash (eth_sign)', ja: 'ハッシュへの中身の見えない署名（eth_sign）' },
    method: 'eth_sign',
    params: () => [PRETEND_ACCOUNT, '0x879a053d4800c6354e76c7985a865d2922c82fb5b3f4577b2fe08b998954f2e0'],
  },
  {
    id: 'nft-all',
    kind: 'hostile',
    label: { en: 'Hand all your BAYC NFTs to an unknown operator', ja: '不明な相手に BAYC の NFT すべての移転を許可' },
    method: 'eth_sendTransaction',
    params: () => tx(BAYC, encodeFunctionData({ abi: erc721, functionName: 'setApprovalForAll', args: [STRANGER, true] })),
  },
  {
    id: 'to-token-contract',
    kind: 'hostile',
    label: { en: 'Send USDC to the USDC contract itself (lost for good)', ja: 'USDC を USDC コントラクト自体に送る（戻りません）' },
    method: 'eth_sendTransaction',
    params: () => tx(USDC, encodeFunctionData({ abi: erc20, functionName: 'transfer', args: [USDC, 250_000_000n] })),
  },
  {
    id: 'sign-in-elsewhere',
    kind: 'hostile',
    label: { en: 'Sign in to a different site from this page', ja: 'このページから別のサイトにログイン' },
    method: 'personal_sign',
    params: (_origin, _host, now) => [
      `0x${Array.from(new TextEncoder().encode(`app.uniswap.org wants you to sign in with your Ethereum account:\n${PRETEND_ACCOUNT}\n\nURI: https://app.uniswap.org\nVersion: 1\nChain ID: 1\nNonce: 41d78f3a9c2e\nIssued At: ${new Date(now).toISOString()}`), (b) => b.toString(16).padStart(2, '0')).join('')}`,
      PRETEND_ACCOUNT,
    ],
  },
];
