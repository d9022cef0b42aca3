import { DELEGATION_CONTRACTS } from './deployment-table';

/** A smart-account implementation an EOA may point its code at (EIP-7702), with where its address is published. */
export interface SmartAccountImplementation {
  name: string;
  source: string;
}

const ETHEREUM_ORG = 'ethereum.org, "Pectra 7702 guidelines", Known implementations (ethereum/ethereum-org-website public/content/roadmap/pectra/7702/index.md, commit 116e0b8b)';

/**
 * Audited EIP-7702 implementations listed by ethereum.org's Pectra 7702 guidelines ("Known implementations"), the
 * list it suggests hardware wallets allow, and those a major wallet's maker publishes as its own in its repository
 * (Coinbase Smart Wallet). Data only; lower-cased. MetaMask's own delegator is also in ethereum.org's list.
 */
export const KNOWN_7702_IMPLEMENTATIONS: Readonly<Record<string, SmartAccountImplementation>> = {
  '0x000000009b1d0af20d8c6d0a44e162d11f9b8f00': { name: 'Uniswap Calibur', source: `${ETHEREUM_ORG}; github.com/Uniswap/calibur` },
  '0x69007702764179f14f51cdce752f4f775d74e139': { name: 'Alchemy Modular Account', source: `${ETHEREUM_ORG}; github.com/alchemyplatform/modular-account` },
  '0x5a7fc11397e9a8ad41bf10bf13f22b0a63f96f6d': { name: 'Ambire AmbireAccount7702', source: `${ETHEREUM_ORG}; github.com/AmbireTech/ambire-common` },
  '0x63c0c19a282a1b52b07dd5a65b58948a07dae32b': { name: "MetaMask's EIP7702StatelessDeleGator", source: `${ETHEREUM_ORG}; @metamask/delegation-deployments` },
  '0x4cd241e8d1510e30b2076397afc7508ae59c66c9': { name: 'Simple7702Account (Ethereum Foundation AA team)', source: `${ETHEREUM_ORG}; github.com/eth-infinitism/account-abstraction` },
  '0x17c11fddadac2b341f2455afe988fec4c3ba26e3': { name: 'Luganodes Pectra Batch Contract', source: `${ETHEREUM_ORG}; github.com/Luganodes/Pectra-Batch-Contract` },
  // An ERC-1967 proxy: the smart-wallet code it runs is set in the account's own storage, by the account's signature.
  '0x7702cb554e6bfb442cb743a7df23154544a7176c': { name: "Coinbase Smart Wallet's EIP7702Proxy", source: 'base/eip-7702-proxy README, "Deployment Addresses" (deployed on every network Coinbase Smart Wallet supports)' },
};

/** MetaMask's own EIP-7702 delegator in any version @metamask/delegation-deployments lists. */
export function isMetaMaskDelegator(address: string): boolean {
  return DELEGATION_CONTRACTS[address.toLowerCase()]?.name === 'EIP7702StatelessDeleGatorImpl';
}

/** Who wrote the code an account delegates to: MetaMask's delegator, a listed implementation, or undefined. */
export function smartAccountName(address: string): string | undefined {
  const key = address.toLowerCase();
  if (isMetaMaskDelegator(key)) return `MetaMask's EIP7702StatelessDeleGator (Delegation Framework ${DELEGATION_CONTRACTS[key]!.versions.join(', ')})`;
  return KNOWN_7702_IMPLEMENTATIONS[key]?.name;
}
