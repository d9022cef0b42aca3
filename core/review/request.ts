import { isAddress, hexToString, type Address, type Hex } from 'viem';
import { walletChainId } from './normalise/chain-id';
import { EncodingNotes, malformed, refuse } from './normalise/encoding-notes';
import { normalisePersonalMessage } from './normalise/personal-message';
import { normaliseSendCalls } from './normalise/send-calls';
import { normaliseTransaction, type TxFields } from './normalise/transaction';
import { normaliseTypedData, type TypedDataPayload } from './normalise/typed-data';
import { text } from '../i18n/localized';
import type { SigningRequest } from './types';

export { MalformedRequestError, WalletRefusalError, EncodingNotes, type EncodingNote } from './normalise/encoding-notes';
export type { TxFields } from './normalise/transaction';
export type { TypedDataDomain, TypedDataPayload } from './normalise/typed-data';

export type ParsedRequest =
  | { kind: 'transaction'; tx: TxFields }
  | { kind: 'calls'; from?: Address; chainId?: number; calls: TxFields[] }
  | { kind: 'typed-data'; account?: Address; version: 'v1' | 'v3' | 'v4'; data?: TypedDataPayload; legacy?: unknown }
  | { kind: 'message'; account?: Address; raw: Hex; utf8?: string }
  | { kind: 'hash'; account?: Address; hash: Hex }
  | { kind: 'switch-chain'; chainId: number }
  | { kind: 'add-chain'; chainId: number; chainName?: string; rpcUrls: string[]; currencySymbol?: string; currencyDecimals?: number }
  | { kind: 'watch-asset'; type: string; address?: Address; symbol?: string; decimals?: number };

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) malformed(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function optAddress(value: unknown, what: string): Address | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) malformed(`${what} is not an address`);
  return value.toLowerCase() as Address;
}

/** personal_sign is [message, account]; MetaMask also takes [account, message] and signs the same bytes. */
function splitAccountAndPayload(a: unknown, b: unknown): { account?: Address; payload: unknown } {
  const isAddr = (v: unknown): v is Address => typeof v === 'string' && isAddress(v, { strict: false });
  if (isAddr(b)) return { account: b.toLowerCase() as Address, payload: a };
  if (isAddr(a)) return { account: a.toLowerCase() as Address, payload: b };
  return { payload: a };
}

function decodeUtf8(raw: Hex): string | undefined {
  try {
    const s = hexToString(raw);
    // Reject text with control characters other than whitespace: it is binary, not a message.
    return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(s) ? undefined : s;
  } catch {
    return undefined;
  }
}

/**
 * Reads a reviewed request exactly as MetaMask 13.5 will (core/review/normalise/, after
 * ../shared/data/metamask-normalisation.md), into one shape per kind. Encodings MetaMask accepts but no
 * honest dApp needs go into `notes`; so does a refusal that leaves the request readable (typed data for
 * another chain, eth_sign). Throws WalletRefusalError when MetaMask refuses a request that cannot be read
 * the way it would sign it, MalformedRequestError when it cannot be read at all.
 */
export function parseRequest(req: SigningRequest, notes = new EncodingNotes()): ParsedRequest {
  const p: readonly unknown[] = Array.isArray(req.params) ? req.params : req.params === undefined ? [] : [req.params];
  switch (req.method) {
    case 'eth_sendTransaction':
      return { kind: 'transaction', tx: normaliseTransaction(p[0], notes) };
    case 'wallet_sendCalls':
      return { kind: 'calls', ...normaliseSendCalls(p[0], req.chainId, notes) };
    case 'eth_signTypedData':
    case 'eth_signTypedData_v1': {
      // v1: [typedArray, account], an array of {type, name, value}, rendered as a list. MetaMask refuses anything else.
      const { account, payload } = splitAccountAndPayload(p[0], p[1]);
      if (!Array.isArray(payload)) refuse('eth_signTypedData (v1) needs a list of {type, name, value}', 'eth_signTypedData（v1）には {type, name, value} のリストが必要です');
      return { kind: 'typed-data', account, version: 'v1', legacy: payload };
    }
    case 'eth_signTypedData_v3':
    case 'eth_signTypedData_v4': {
      const account = optAddress(p[0], 'account');
      return { kind: 'typed-data', account, version: req.method === 'eth_signTypedData_v3' ? 'v3' : 'v4', data: normaliseTypedData(p[1], req.chainId, notes, account) };
    }
    case 'personal_sign': {
      const { account, payload } = splitAccountAndPayload(p[0], p[1]);
      const raw = normalisePersonalMessage(payload, notes);
      return { kind: 'message', account, raw, utf8: decodeUtf8(raw) };
    }
    case 'eth_sign': {
      notes.refuse(text('MetaMask 13.5 no longer offers eth_sign ("the method does not exist")', 'MetaMask 13.5 は eth_sign を提供していません（「メソッドが存在しません」）'));
      const account = optAddress(p[0], 'account');
      const data = typeof p[1] === 'string' && /^(0x)?[0-9a-f]*$/i.test(p[1]) ? p[1].replace(/^0x/i, '') : undefined;
      if (data === undefined) malformed('eth_sign data is not hex');
      return { kind: 'hash', account, hash: `0x${(data.length % 2 ? `0${data}` : data).toLowerCase()}` as Hex };
    }
    case 'wallet_switchEthereumChain':
      return { kind: 'switch-chain', chainId: walletChainId(asRecord(p[0], 'switch chain parameter').chainId) };
    case 'wallet_addEthereumChain': {
      const c = asRecord(p[0], 'add chain parameter');
      const chainId = walletChainId(c.chainId);
      const currency = c.nativeCurrency ? asRecord(c.nativeCurrency, 'nativeCurrency') : {};
      return {
        kind: 'add-chain',
        chainId,
        chainName: typeof c.chainName === 'string' ? c.chainName.slice(0, 80) : undefined,
        rpcUrls: Array.isArray(c.rpcUrls) ? c.rpcUrls.filter((u): u is string => typeof u === 'string') : [],
        currencySymbol: typeof currency.symbol === 'string' ? currency.symbol : undefined,
        currencyDecimals: typeof currency.decimals === 'number' ? currency.decimals : undefined,
      };
    }
    case 'wallet_watchAsset': {
      const a = asRecord(p[0], 'watchAsset parameter');
      const options = a.options ? asRecord(a.options, 'watchAsset options') : {};
      return {
        kind: 'watch-asset',
        type: typeof a.type === 'string' ? a.type : 'ERC20',
        address: optAddress(options.address, 'asset address'),
        symbol: typeof options.symbol === 'string' ? options.symbol : undefined,
        decimals: typeof options.decimals === 'number' ? options.decimals : undefined,
      };
    }
  }
}
