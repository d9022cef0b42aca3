import { encodeFunctionData, keccak256, parseAbi, stringToHex, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest } from '../engine';
import { safeTxRequest } from '../fixtures/safe';
import type { SigningRequest } from '../types';

const OWNER = '0xd8da6bf26964af9d7eed9e03e53415d37aa96045';
const CONTRACT = '0x091d52cace1edc5527c99cdcfa6937c1635330e4';
const NEW_OWNER = '0x57ba8957ed2ff2e7ae38f4935451e81ce1eefbf5';
const abi = parseAbi(['function transferOwnership(address)', 'function grantRole(bytes32, address)', 'function changeAdmin(address)', 'function transfer(address, uint256)']);
const send = (data: Hex): SigningRequest => ({ method: 'eth_sendTransaction', params: [{ from: OWNER, to: CONTRACT, data, value: '0x0' }], origin: 'https://admin.example', chainId: 1 });
const found = async (r: SigningRequest) => (await reviewRequest(r, { now: Date.now })).findings.filter((f) => f.code === 'ownership-transfer');

describe('ownership-transfer', () => {
  it('transferOwnership, changeAdmin and a grant of DEFAULT_ADMIN_ROLE are warnings naming the contract and the new owner', async () => {
    const [f] = await found(send(encodeFunctionData({ abi, functionName: 'transferOwnership', args: [NEW_OWNER] })));
    expect(f).toMatchObject({ severity: 'warn', title: { en: 'This hands ownership of 0x091d…30e4 to 0x57ba…fbf5' } });
    expect(await found(send(encodeFunctionData({ abi, functionName: 'changeAdmin', args: [NEW_OWNER] })))).toHaveLength(1);
    expect(await found(send(encodeFunctionData({ abi, functionName: 'grantRole', args: [`0x${'0'.repeat(64)}`, NEW_OWNER] })))).toHaveLength(1);
    // Another role is not ownership.
    expect(await found(send(encodeFunctionData({ abi, functionName: 'grantRole', args: [keccak256(stringToHex('MINTER_ROLE')), NEW_OWNER] })))).toEqual([]);
    expect(await found(send(encodeFunctionData({ abi, functionName: 'transfer', args: [NEW_OWNER, 1n] })))).toEqual([]);
  });

  it('a Safe transaction making that call (the Radiant Capital shape) is flagged as the Safe\'s call', async () => {
    const r = await reviewRequest(safeTxRequest({ safe: '0x111ceeee040739fd91d29c34c33e6b3e112f2177', chainId: 42161, tx: { to: CONTRACT, data: encodeFunctionData({ abi, functionName: 'transferOwnership', args: [NEW_OWNER] }), nonce: 1 } }), { now: Date.now });
    expect(r.verdict).toBe('caution');
    expect(r.findings.find((f) => f.code === 'ownership-transfer')?.title.en).toBe("The Safe's call: This hands ownership of 0x091d…30e4 to 0x57ba…fbf5");
  });
});
