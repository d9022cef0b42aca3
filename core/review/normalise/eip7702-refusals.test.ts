import { describe, expect, it } from 'vitest';
import { EncodingNotes, parseRequest, WalletRefusalError } from '../request';
import type { SigningRequest } from '../types';

/** MetaMask 13.5's refusals around EIP-7702 and delegations, read from its vendored build (../shared/vendor). */
const USER = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const OTHER = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const tx = (fields: Record<string, unknown>): SigningRequest => ({ method: 'eth_sendTransaction', params: [{ from: USER, to: OTHER, ...fields }], origin: 'https://dapp.example', chainId: 31337 });
const refusal = (r: SigningRequest) => {
  const notes = new EncodingNotes();
  try {
    parseRequest(r, notes);
  } catch (e) {
    if (e instanceof WalletRefusalError) return e.reason.en;
    throw e;
  }
  return notes.refusal?.en;
};

describe('EIP-7702 transactions from a website (transaction-controller validateTransactionOrigin)', () => {
  it('any authorizationList MetaMask keeps (even an empty one), and type 0x4 however written, are refused', () => {
    for (const fields of [{ authorizationList: [{ address: OTHER }] }, { authorizationList: [] }, { type: '0x4' }, { type: '4' }, { type: '0X4' }]) {
      expect(refusal(tx(fields)), JSON.stringify(fields)).toMatch(/External EIP-7702 transactions are not supported/);
    }
  });

  it('what MetaMask drops or lets through is not refused here', () => {
    // Falsy fields are skipped by MetaMask's normaliser; 0x2 is an ordinary EIP-1559 transaction.
    for (const fields of [{ authorizationList: null }, { authorizationList: '' }, { type: '0x2' }, {}]) expect(refusal(tx(fields)), JSON.stringify(fields)).toBeUndefined();
  });
});

describe('typed data naming the signer (signature-controller validateTypedSignatureRequest)', () => {
  const typed = (primaryType: string, message: Record<string, unknown>, verifyingContract = '0x00000000000000000000000000000000000000aa'): SigningRequest => ({
    method: 'eth_signTypedData_v4',
    params: [USER, JSON.stringify({ types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], [primaryType]: [{ name: 'delegator', type: 'address' }] }, primaryType, domain: { name: 'X', chainId: 31337, verifyingContract }, message })],
    origin: 'https://dapp.example',
    chainId: 31337,
  });

  it('a Delegation whose delegator is the signing account is refused (in any letter case); another delegator is not', () => {
    expect(refusal(typed('Delegation', { delegator: USER.toUpperCase().replace('0X', '0x') }))).toMatch(/cannot sign delegations for internal accounts/);
    expect(refusal(typed('Delegation', { delegator: OTHER }))).toBeUndefined();
    expect(refusal(typed('Permission', { delegator: USER }))).toBeUndefined();
  });

  it('the signing account as verifying contract is refused', () => {
    expect(refusal(typed('Anything', { delegator: OTHER }, USER))).toMatch(/cannot use internal accounts as the verifying contract/);
  });
});
