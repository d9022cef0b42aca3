import { isAddress, isHex, hexToString, type Address, type Hex } from 'viem';
import { parseChainId } from '../chain/chain-id';
import type { SigningRequest } from './types';

export interface TxFields {
  from?: Address;
  to?: Address;
  value: bigint;
  data: Hex;
  gas?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  gasPrice?: bigint;
}

export interface TypedDataDomain {
  name?: string;
  version?: string;
  chainId?: number;
  verifyingContract?: Address;
}

export interface TypedDataPayload {
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  domain: TypedDataDomain;
  message: Record<string, unknown>;
}

export type ParsedRequest =
  | { kind: 'transaction'; tx: TxFields }
  | { kind: 'calls'; from?: Address; chainId?: number; calls: TxFields[] }
  | { kind: 'typed-data'; account?: Address; version: 'v1' | 'v3' | 'v4'; data?: TypedDataPayload; legacy?: unknown }
  | { kind: 'message'; account?: Address; raw: Hex; utf8?: string }
  | { kind: 'hash'; account?: Address; hash: Hex }
  | { kind: 'switch-chain'; chainId: number }
  | { kind: 'add-chain'; chainId: number; chainName?: string; rpcUrls: string[]; currencySymbol?: string; currencyDecimals?: number }
  | { kind: 'watch-asset'; type: string; address?: Address; symbol?: string; decimals?: number };

/** The request could not be understood. Its message says what was wrong with it. */
export class MalformedRequestError extends Error {
  override name = 'MalformedRequestError';
}

function fail(message: string): never {
  throw new MalformedRequestError(message);
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function optAddress(value: unknown, what: string): Address | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) fail(`${what} is not an address`);
  return value as Address;
}

function optQuantity(value: unknown, what: string): bigint | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$/.test(value)) return BigInt(value);
  if (typeof value === 'bigint' && value >= 0n) return value;
  fail(`${what} is not a quantity`);
}

function optData(value: unknown, what: string): Hex {
  if (value === undefined || value === null || value === '') return '0x';
  if (typeof value !== 'string' || !isHex(value) || value.length % 2 !== 0) fail(`${what} is not hex data`);
  return value.toLowerCase() as Hex;
}

export function parseTx(value: unknown, what = 'transaction'): TxFields {
  const t = asRecord(value, what);
  return {
    from: optAddress(t.from, `${what}.from`),
    to: optAddress(t.to, `${what}.to`),
    value: optQuantity(t.value, `${what}.value`) ?? 0n,
    data: optData(t.data ?? t.input, `${what}.data`),
    gas: optQuantity(t.gas ?? t.gasLimit, `${what}.gas`),
    maxFeePerGas: optQuantity(t.maxFeePerGas, `${what}.maxFeePerGas`),
    maxPriorityFeePerGas: optQuantity(t.maxPriorityFeePerGas, `${what}.maxPriorityFeePerGas`),
    gasPrice: optQuantity(t.gasPrice, `${what}.gasPrice`),
  };
}

function parseTypedData(raw: unknown): TypedDataPayload {
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  const d = asRecord(value, 'typed data');
  const types = asRecord(d.types, 'typed data types') as TypedDataPayload['types'];
  for (const [name, fields] of Object.entries(types)) {
    if (!Array.isArray(fields)) fail(`typed data type ${name} is not a list`);
    for (const f of fields as unknown[]) {
      const field = asRecord(f, `field of ${name}`);
      if (typeof field.name !== 'string' || typeof field.type !== 'string') fail(`field of ${name} lacks name or type`);
    }
  }
  if (typeof d.primaryType !== 'string') fail('typed data has no primaryType');
  const domain = asRecord(d.domain ?? {}, 'typed data domain');
  return {
    types,
    primaryType: d.primaryType,
    domain: {
      name: typeof domain.name === 'string' ? domain.name : undefined,
      version: typeof domain.version === 'string' ? domain.version : undefined,
      chainId: domain.chainId === undefined ? undefined : parseChainId(typeof domain.chainId === 'number' ? domain.chainId : String(domain.chainId)),
      verifyingContract: optAddress(domain.verifyingContract, 'typed data verifyingContract'),
    },
    message: asRecord(d.message, 'typed data message'),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    fail('typed data is not valid JSON');
  }
}

/** personal_sign is [message, account]; some dApps send [account, message]. */
function splitAccountAndPayload(a: unknown, b: unknown): { account?: Address; payload: unknown } {
  const isAddr = (v: unknown): v is Address => typeof v === 'string' && isAddress(v, { strict: false });
  if (isAddr(b)) return { account: b, payload: a };
  if (isAddr(a)) return { account: a, payload: b };
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

/** Normalises a reviewed request into one shape per kind. Throws MalformedRequestError. */
export function parseRequest(req: SigningRequest): ParsedRequest {
  const p: readonly unknown[] = Array.isArray(req.params) ? req.params : req.params === undefined ? [] : [req.params];
  switch (req.method) {
    case 'eth_sendTransaction':
      return { kind: 'transaction', tx: parseTx(p[0]) };
    case 'wallet_sendCalls': {
      const b = asRecord(p[0], 'wallet_sendCalls batch');
      if (!Array.isArray(b.calls) || b.calls.length === 0) fail('wallet_sendCalls has no calls');
      return {
        kind: 'calls',
        from: optAddress(b.from, 'batch.from'),
        chainId: parseChainId(b.chainId),
        calls: b.calls.map((c, i) => ({ ...parseTx(c, `call ${i}`), from: optAddress(b.from, 'batch.from') })),
      };
    }
    case 'eth_signTypedData':
    case 'eth_signTypedData_v1': {
      // v1: [typedArray, account] — an array of {type,name,value}; rendered as a list.
      const { account, payload } = splitAccountAndPayload(p[0], p[1]);
      if (!Array.isArray(payload)) {
        // Some dApps send v4-shaped data to eth_signTypedData.
        return { kind: 'typed-data', account, version: 'v4', data: parseTypedData(payload) };
      }
      return { kind: 'typed-data', account, version: 'v1', legacy: payload };
    }
    case 'eth_signTypedData_v3':
    case 'eth_signTypedData_v4': {
      const account = optAddress(p[0], 'account');
      return { kind: 'typed-data', account, version: req.method === 'eth_signTypedData_v3' ? 'v3' : 'v4', data: parseTypedData(p[1]) };
    }
    case 'personal_sign': {
      const { account, payload } = splitAccountAndPayload(p[0], p[1]);
      if (typeof payload !== 'string') fail('personal_sign message is not a string');
      const raw = isHex(payload) ? (payload as Hex) : (`0x${Array.from(new TextEncoder().encode(payload), (x) => x.toString(16).padStart(2, '0')).join('')}` as Hex);
      return { kind: 'message', account, raw, utf8: decodeUtf8(raw) };
    }
    case 'eth_sign': {
      const account = optAddress(p[0], 'account');
      const hash = optData(p[1], 'eth_sign data');
      return { kind: 'hash', account, hash };
    }
    case 'wallet_switchEthereumChain': {
      const chainId = parseChainId(asRecord(p[0], 'switch chain parameter').chainId);
      if (chainId === undefined) fail('chainId is missing or invalid');
      return { kind: 'switch-chain', chainId };
    }
    case 'wallet_addEthereumChain': {
      const c = asRecord(p[0], 'add chain parameter');
      const chainId = parseChainId(c.chainId) ?? fail('chainId is missing or invalid');
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
