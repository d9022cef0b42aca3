import type { Address } from 'viem';
import { refuse, type EncodingNotes } from './encoding-notes';
import { checksumNote } from './hex-fields';

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

const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const MAX_VISITS = 2_000;

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    refuse('the typed data is not valid JSON', '型付きデータが正しい JSON ではありません');
  }
}

/** MetaMask's TYPED_MESSAGE_SCHEMA: types (lists of {name, type}), primaryType, domain and message are required. */
function conforms(d: Record<string, unknown>): boolean {
  const types = record(d.types);
  if (!types || typeof d.primaryType !== 'string' || !record(d.domain) || !record(d.message)) return false;
  return Object.values(types).every((fields) => Array.isArray(fields) && fields.every((f) => typeof record(f)?.name === 'string' && typeof record(f)?.type === 'string'));
}

/** MetaMask: a string chain id starting with 0x is hex, any other string decimal (parseInt), a number as it is. */
function domainChainId(raw: unknown, walletChainId: number, notes: EncodingNotes): number | undefined {
  if (!raw) return undefined;
  const n = typeof raw === 'string' ? Number.parseInt(raw, raw.startsWith('0x') ? 16 : 10) : typeof raw === 'number' ? raw : NaN;
  if (typeof raw === 'string' && /^0x0[0-9a-f]/i.test(raw)) {
    notes.add('domain.chainId', `The domain's chainId is zero-padded (${raw.length > 20 ? `${raw.slice(0, 10)}…${raw.slice(-6)}` : raw}): MetaMask reads it as ${n}`, `ドメインの chainId がゼロ埋めされています（${raw.length > 20 ? `${raw.slice(0, 10)}…${raw.slice(-6)}` : raw}）。MetaMask は ${n} と読みます`);
  } else if (typeof raw === 'string' && !/^(0x[0-9a-f]+|[0-9]+)$/i.test(raw)) {
    notes.add('domain.chainId', `The domain's chainId "${raw.slice(0, 30)}" is not a number: MetaMask reads it as ${n}`, `ドメインの chainId "${raw.slice(0, 30)}" は数値ではありません。MetaMask は ${n} と読みます`);
  }
  if (n !== walletChainId) {
    notes.refuse({ en: `the signature is for chain ${Number.isFinite(n) ? n : String(raw).slice(0, 20)}, and MetaMask signs typed data only for the chain the wallet is on (${walletChainId})`, ja: `署名はチェーン ${Number.isFinite(n) ? n : String(raw).slice(0, 20)} 向けですが、MetaMask は現在のチェーン（${walletChainId}）向けの型付きデータにしか署名しません` });
  }
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * Walks the message along its declared types and notes what MetaMask 13.5 was seen to do with odd values:
 * a number above 2^53 is signed as JavaScript rounded it; a uint written as hex without 0x ("f4240") crashes
 * MetaMask's window, so nothing is signed (refused); addresses with a wrong checksum, or not hex at all.
 */
function walkMessage(types: TypedDataPayload['types'], type: string, value: unknown, path: string, notes: EncodingNotes, budget: { left: number }): void {
  if (--budget.left < 0 || value === undefined || value === null) return;
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((v, i) => walkMessage(types, array[1]!, v, `${path}[${i}]`, notes, budget));
    return;
  }
  const struct = types[type];
  if (struct) {
    const r = record(value);
    if (r) for (const f of struct) walkMessage(types, f.type, r[f.name], path ? `${path}.${f.name}` : f.name, notes, budget);
    return;
  }
  if (/^u?int\d*$/.test(type)) {
    if (typeof value === 'number' && Number.isFinite(value) && !Number.isSafeInteger(value)) {
      notes.add(path, `"${path}" is a JSON number above 2^53 (${value}): what is signed is the rounded ${BigInt(Math.trunc(value)).toString()}, not necessarily what the site meant`, `「${path}」は 2^53 を超える JSON の数値（${value}）です。署名されるのは丸められた ${BigInt(Math.trunc(value)).toString()} で、サイトの意図した値とは限りません`);
    } else if (typeof value === 'string' && /^[0-9a-f]*[a-f][0-9a-f]*$/i.test(value)) {
      refuse(`"${path}" is hex without 0x ("${value.slice(0, 20)}"): MetaMask's window cannot show it and nothing is signed`, `「${path}」が 0x なしの 16 進数（"${value.slice(0, 20)}"）です。MetaMask の画面はこれを表示できず、何も署名されません`);
    }
    return;
  }
  if (type === 'address' && typeof value === 'string') {
    if (!HEX_ADDRESS.test(value)) notes.add(path, `"${path}" (${value.slice(0, 24)}) is not a 0x address; how MetaMask signs it was not observed`, `「${path}」（${value.slice(0, 24)}）は 0x 付きのアドレスではありません。MetaMask がどう署名するかは未確認です`);
    else checksumNote(value, path, notes);
  }
}

/**
 * MetaMask 13.5 refuses typed data from a website that names one of its own accounts as the verifying contract, or
 * as the delegator of a `Delegation` (@metamask/signature-controller validateTypedSignatureRequest). Preflight knows
 * one of those accounts, the signer: a delegation signed for it, or a domain that is it, is refused.
 */
function internalAccountRules(primaryType: string, message: Record<string, unknown>, verifyingContract: unknown, signer: Address | undefined, notes: EncodingNotes): void {
  if (!signer) return;
  const same = (v: unknown) => typeof v === 'string' && v.toLowerCase() === signer.toLowerCase();
  if (same(verifyingContract)) {
    notes.refuse({
      en: 'its verifying contract is your own account, and MetaMask refuses that from a website ("External signature requests cannot use internal accounts as the verifying contract.")',
      ja: '署名先コントラクトがあなた自身のアカウントで、MetaMask はウェブサイトからのこの要求を拒否します（"External signature requests cannot use internal accounts as the verifying contract."）',
    });
  }
  if (primaryType === 'Delegation' && same(message.delegator)) {
    notes.refuse({
      en: 'it is a delegation of your own account, and MetaMask signs those only for itself, never for a website ("External signature requests cannot sign delegations for internal accounts.")',
      ja: 'あなた自身のアカウントの委任で、MetaMask はウェブサイトからのこの署名を受け付けません（"External signature requests cannot sign delegations for internal accounts."）',
    });
  }
}

/**
 * eth_signTypedData_v3/v4 data as MetaMask 13.5 validates it (@metamask/signature-controller): an object or a
 * JSON string that conforms to the EIP-712 schema; the domain's chainId must be the wallet's chain; an integer
 * verifyingContract is refused ("Invalid input.").
 */
export function normaliseTypedData(raw: unknown, walletChainId: number, notes: EncodingNotes, signer?: Address): TypedDataPayload {
  if (Array.isArray(raw) || (typeof raw !== 'object' && typeof raw !== 'string') || raw === null) refuse('the typed data is neither an object nor a JSON string', '型付きデータがオブジェクトでも JSON 文字列でもありません');
  const d = record(typeof raw === 'string' ? parseJson(raw) : raw);
  if (!d || !conforms(d)) refuse('the typed data does not follow the EIP-712 format (types, primaryType, domain, message)', '型付きデータが EIP-712 の形式（types、primaryType、domain、message）に従っていません');
  const types = d.types as TypedDataPayload['types'];
  const domain = d.domain as Record<string, unknown>;
  const message = d.message as Record<string, unknown>;
  const vc = domain.verifyingContract;
  if (vc !== undefined && vc !== null && vc !== '' && (typeof vc !== 'string' || !HEX_ADDRESS.test(vc))) {
    refuse(`the domain's verifyingContract (${String(vc).slice(0, 24)}) is not a 0x address; MetaMask answers "Invalid input."`, `ドメインの verifyingContract（${String(vc).slice(0, 24)}）が 0x 付きのアドレスではありません。MetaMask は "Invalid input." と応答します`);
  }
  if (typeof vc === 'string' && vc) checksumNote(vc, 'domain.verifyingContract', notes);
  const chainId = domainChainId(domain.chainId, walletChainId, notes);
  walkMessage(types, d.primaryType as string, message, '', notes, { left: MAX_VISITS });
  internalAccountRules(d.primaryType as string, message, vc, signer, notes);
  return {
    types,
    primaryType: d.primaryType as string,
    domain: {
      name: typeof domain.name === 'string' ? domain.name : undefined,
      version: typeof domain.version === 'string' ? domain.version : undefined,
      chainId,
      verifyingContract: typeof vc === 'string' && vc ? (vc.toLowerCase() as Address) : undefined,
    },
    message,
  };
}
