import type { Address } from 'viem';
import type { ReviewContext } from './analyzer';

/** What an account's code says about it. EIP-7702 accounts carry 0xef0100 ‖ the 20-byte address they delegate to. */
export type AccountCode =
  | { status: 'no-code' }
  | { status: 'delegated'; delegate: Address }
  | { status: 'contract' }
  | { status: 'unread'; reason: string };

/** The code read gives up after this long: the rest of the review must still arrive in time. */
export const CODE_BUDGET_MS = 1_500;

const DESIGNATOR = /^0xef0100([0-9a-f]{40})$/;

export function classifyCode(code: string | undefined): AccountCode {
  const c = (code ?? '0x').toLowerCase();
  if (c === '0x' || c === '') return { status: 'no-code' };
  const m = DESIGNATOR.exec(c);
  return m ? { status: 'delegated', delegate: `0x${m[1]!}` as Address } : { status: 'contract' };
}

/** The node's own words where viem keeps them (`details`), else the first line of the message. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 120);
  const details = (error as Error & { details?: unknown }).details;
  return (typeof details === 'string' && details ? details : (error.message.split('\n')[0] ?? error.name)).slice(0, 120);
}

/** One bounded eth_getCode of the account (latest block); never throws: a failure says what it could not read. */
export async function readAccountCode(ctx: Pick<ReviewContext, 'client' | 'signal'>, account: Address): Promise<AccountCode> {
  if (!ctx.client) return { status: 'unread', reason: 'no RPC for this chain' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<AccountCode>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'unread', reason: `no answer within ${CODE_BUDGET_MS} ms` }), CODE_BUDGET_MS);
    ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });
  const read = ctx.client.getCode({ address: account }).then(
    (code) => classifyCode(code),
    (error: unknown) => ({ status: 'unread', reason: reasonOf(error) }) as AccountCode,
  );
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
