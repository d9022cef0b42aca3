import { hashDomain, hashStruct, hashTypedData, type Hex, type TypedDataDomain } from 'viem';
import type { TypedDataPayload } from '../request';
import type { SafeTypedData } from './typed-data';

/**
 * What a signer compares on the device: the EIP-712 domain hash (the Safe's domain separator), the message hash (the
 * SafeTx or SafeMessage struct hash) and the hash actually signed, keccak256(0x1901 ‖ domain ‖ message): the
 * `safeTxHash` the Safe app shows and `getTransactionHash()` returns, or the Safe message hash.
 */
export interface SafeHashes {
  domainHash: Hex;
  messageHash: Hex;
  signedHash: Hex;
}

/**
 * The hashes of the typed data exactly as MetaMask signs it (the declared EIP712Domain and struct types, the values
 * read into their types), computed with viem. Undefined when the request does not hash the way any Safe does
 * (`problems` says why): a hash shown then would only mislead the comparison on the device.
 */
export function safeHashes(data: TypedDataPayload, safe: SafeTypedData): SafeHashes | undefined {
  if (safe.problems.length > 0 || safe.unreadable.length > 0 || !data.types.EIP712Domain) return undefined;
  const domain: TypedDataDomain = {};
  for (const f of data.types.EIP712Domain) {
    if (f.name === 'chainId' && safe.chainId !== undefined) domain.chainId = safe.chainId;
    else if (f.name === 'verifyingContract' && safe.safe) domain.verifyingContract = safe.safe;
    else return undefined;
  }
  const types = { EIP712Domain: data.types.EIP712Domain, [data.primaryType]: data.types[data.primaryType]! };
  const message: Record<string, unknown> =
    safe.kind === 'message' ? { message: safe.message } : { ...safe.tx, [safe.gasField]: safe.tx.baseGas };
  try {
    return {
      domainHash: hashDomain({ domain, types }),
      messageHash: hashStruct({ data: message, primaryType: data.primaryType, types }),
      signedHash: hashTypedData({ domain, types, primaryType: data.primaryType, message }),
    };
  } catch {
    return undefined;
  }
}
