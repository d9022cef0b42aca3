import type { Address } from 'viem';
import { readToken, type TokenInfo } from '../chain/token';
import type { ReviewContext } from './analyzer';

/** Token metadata through the cached reader when there is one; undefined without chain access. */
export async function tokenInfo(ctx: ReviewContext, address: Address): Promise<TokenInfo | undefined> {
  if (ctx.token) return ctx.token(address);
  return ctx.client ? readToken(ctx.client, address) : undefined;
}

/** true/false when the chain answered, undefined without chain access. */
export async function hasCode(ctx: ReviewContext, address: Address): Promise<boolean | undefined> {
  if (!ctx.client) return undefined;
  const code = await ctx.client.getCode({ address });
  return !!code && code !== '0x';
}

export function isTrustedSpender(ctx: ReviewContext, address: string): boolean {
  return ctx.trustedSpenders?.includes(address.toLowerCase()) ?? false;
}
