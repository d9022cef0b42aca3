import { describe, expect, it } from 'vitest';
import type { ReviewContext } from './analyzer';
import { contractAge } from './contract-age';
import { FRESH_CONTRACT, MAINNET } from './fixtures/build';
import { recordedClient } from './fixtures/recorded-chain';
import { checkSpender } from './spender';

const getCodes = (c: { calls: string[] }) => c.calls.filter((m) => m === 'eth_getCode').length;

describe('checkSpender', () => {
  it('reads the spender’s code now once: the age search takes the EOA check’s read', async () => {
    const alone = recordedClient(MAINNET);
    await contractAge(alone, FRESH_CONTRACT);
    const client = recordedClient(MAINNET);
    const ctx = { client, request: { chainId: 1 }, signal: new AbortController().signal } as unknown as ReviewContext;
    const checked = await checkSpender(ctx, FRESH_CONTRACT);
    expect(checked.age?.status).toBe('new');
    expect(getCodes(client)).toBe(getCodes(alone));
  });

  it('an address without code is an EOA, from that one read', async () => {
    const client = recordedClient(MAINNET);
    const ctx = { client, request: { chainId: 1 }, signal: new AbortController().signal } as unknown as ReviewContext;
    expect((await checkSpender(ctx, '0x00000000000000000000000000000000000000e0')).age).toEqual({ status: 'eoa' });
    expect(getCodes(client)).toBe(1);
  });
});
