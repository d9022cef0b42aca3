/**
 * The transactions that take standing approvals away, each exactly what revoke tools send: `approve(spender, 0)`,
 * `setApprovalForAll(operator, false)`, an ERC-721 `approve(0x0, tokenId)`, Permit2 `approve(token, spender, 0, 0)`
 * for one Permit2 allowance and `lockdown([(token, spender)…])` for several (one transaction). The review engine reads
 * each of them as a revocation (`ok`, core/review/analyzers/revocation.ts).
 */
import { encodeFunctionData, erc20Abi, parseAbi, type Address, type Hex } from 'viem';
import { PERMIT2_ABI } from './confirm';
import { candidateKey, PERMIT2, ZERO_ADDRESS, type ApprovalRow } from './types';

const NFT_WRITE_ABI = parseAbi([
  'function setApprovalForAll(address operator, bool approved)',
  'function approve(address to, uint256 tokenId)',
]);

export interface RevokeCall {
  to: Address;
  data: Hex;
  value: '0x0';
  /** The inventory rows this call takes away. */
  keys: string[];
}

/** One call per row, except Permit2 allowances: several go in one lockdown. */
export function revokeCalls(rows: readonly Pick<ApprovalRow, 'kind' | 'token' | 'spender' | 'tokenId'>[]): RevokeCall[] {
  const out: RevokeCall[] = [];
  const permit2 = rows.filter((r) => r.kind === 'permit2');
  for (const r of rows) {
    const keys = [candidateKey(r)];
    switch (r.kind) {
      case 'erc20':
        out.push({ to: r.token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [r.spender, 0n] }), value: '0x0', keys });
        break;
      case 'nft-all':
        out.push({ to: r.token, data: encodeFunctionData({ abi: NFT_WRITE_ABI, functionName: 'setApprovalForAll', args: [r.spender, false] }), value: '0x0', keys });
        break;
      case 'nft-one':
        out.push({ to: r.token, data: encodeFunctionData({ abi: NFT_WRITE_ABI, functionName: 'approve', args: [ZERO_ADDRESS, BigInt(r.tokenId ?? '0')] }), value: '0x0', keys });
        break;
      case 'permit2':
        if (permit2.length === 1) out.push({ to: PERMIT2, data: encodeFunctionData({ abi: PERMIT2_ABI, functionName: 'approve', args: [r.token, r.spender, 0n, 0] }), value: '0x0', keys });
        break;
    }
  }
  if (permit2.length > 1) {
    out.push({
      to: PERMIT2,
      data: encodeFunctionData({ abi: PERMIT2_ABI, functionName: 'lockdown', args: [permit2.map((r) => ({ token: r.token, spender: r.spender }))] }),
      value: '0x0',
      keys: permit2.map(candidateKey),
    });
  }
  return out;
}

/**
 * EIP-5792 answers meaning "this wallet will not batch here" (send one after another instead): 5700 a required
 * capability is unsupported, 5710 the chain is unsupported (MetaMask 13.5 on the devnet: "EIP-7702 not supported on
 * chain"), 5740 the batch is too large, 5760 atomicity unsupported; -32601 / 4200 the method is not there. A user's
 * rejection (4001) is not one of them.
 */
export const BATCH_UNSUPPORTED_CODES: ReadonlySet<number> = new Set([5700, 5710, 5740, 5760, -32601, 4200]);
