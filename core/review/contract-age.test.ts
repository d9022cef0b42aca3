import { describe, expect, it } from 'vitest';
import { contractAge } from './contract-age';
import { C, CURVE_3POOL, DRAINER, FRESH_CONTRACT, MAINNET } from './fixtures/build';
import { recordedClient } from './fixtures/recorded-chain';

describe('contractAge: binary search of eth_getCode over block numbers', () => {
  it('an old contract is settled in a handful of calls', async () => {
    const client = recordedClient(MAINNET);
    expect(await contractAge(client, C.PERMIT2)).toEqual({ status: 'old' });
    expect(client.calls.filter((m) => m === 'eth_getCode').length).toBeLessThanOrEqual(2);
  });

  it('finds the deploy block of a new contract within 30 calls', async () => {
    const client = recordedClient(MAINNET);
    const age = await contractAge(client, FRESH_CONTRACT);
    expect(age).toEqual({ status: 'new', deployedBlock: MAINNET.contracts[FRESH_CONTRACT], ageSeconds: 14_400 * 12 });
    expect(client.calls.filter((m) => m === 'eth_getCode').length).toBeLessThanOrEqual(30);
  });

  it('an address without code is an EOA', async () => {
    expect(await contractAge(recordedClient(MAINNET), DRAINER)).toEqual({ status: 'eoa' });
  });

  it('says the age is unknown when the RPC serves no historical state', async () => {
    const age = await contractAge(recordedClient({ ...MAINNET, pruned: true }), CURVE_3POOL);
    expect(age.status).toBe('unknown');
  });

  it('a contract deployed 3 weeks ago is old; one deployed 6 days ago is new', async () => {
    const chain = { ...MAINNET, contracts: { '0x00000000000000000000000000000000000000a1': MAINNET.head - 151_200n, '0x00000000000000000000000000000000000000a2': MAINNET.head - 43_200n } };
    expect((await contractAge(recordedClient(chain), '0x00000000000000000000000000000000000000a1')).status).toBe('old');
    expect(await contractAge(recordedClient(chain), '0x00000000000000000000000000000000000000a2')).toMatchObject({ status: 'new', ageSeconds: 518_400 });
  });
});
