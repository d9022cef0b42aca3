import { isHex, type Address, type Hex } from 'viem';
import { text, type Localized } from '../../i18n/localized';
import type { TypedDataPayload } from '../request';
import { asAddress, asBigInt } from '../typed-data/values';

/** The fields of a Safe transaction, as the Safe contract executes them. */
export interface SafeTxFields {
  to: Address;
  value: bigint;
  data: Hex;
  /** 0 CALL, 1 DELEGATECALL; anything else makes the Safe revert. */
  operation: number;
  safeTxGas: bigint;
  /** `baseGas` (Safe 1.0.0 and later), `dataGas` before. */
  baseGas: bigint;
  gasPrice: bigint;
  gasToken: Address;
  refundReceiver: Address;
  nonce: bigint;
}

interface SafeTypedBase {
  /** The domain's verifyingContract: the Safe that would execute or accept this. */
  safe?: Address;
  /** The domain's chainId (Safe 1.3.0 and later); absent before. */
  chainId?: number;
  /** Which Safe versions hash their domain and type this way; undefined when none does (see `problems`). */
  versions?: Localized;
  /** How the layout departs from every Safe version's: the signature is then valid for no Safe, and no hash is shown. */
  problems: Localized[];
  /** Values that are not what their type says (what MetaMask would sign cannot be known): no hash is shown either. */
  unreadable: Localized[];
}

export type SafeTypedData = (SafeTypedBase & { kind: 'tx'; tx: SafeTxFields; gasField: 'baseGas' | 'dataGas' }) | (SafeTypedBase & { kind: 'message'; message: Hex });

type Field = { name: string; type: string };
const ZERO = '0x0000000000000000000000000000000000000000';

/** SafeTx as Safe ≥ 1.0.0 declares it (SAFE_TX_TYPEHASH), in order; 0.1.0 named baseGas `dataGas`. */
const SAFE_TX = (gas: 'baseGas' | 'dataGas'): Field[] => [
  { name: 'to', type: 'address' },
  { name: 'value', type: 'uint256' },
  { name: 'data', type: 'bytes' },
  { name: 'operation', type: 'uint8' },
  { name: 'safeTxGas', type: 'uint256' },
  { name: gas, type: 'uint256' },
  { name: 'gasPrice', type: 'uint256' },
  { name: 'gasToken', type: 'address' },
  { name: 'refundReceiver', type: 'address' },
  { name: 'nonce', type: 'uint256' },
];
const SAFE_MESSAGE: Field[] = [{ name: 'message', type: 'bytes' }];
/** DOMAIN_SEPARATOR_TYPEHASH: EIP712Domain(uint256 chainId,address verifyingContract) from 1.3.0, (address verifyingContract) before. */
const DOMAIN_WITH_CHAIN: Field[] = [{ name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }];
const DOMAIN_LEGACY: Field[] = [{ name: 'verifyingContract', type: 'address' }];

const key = (fields: readonly Field[]) => fields.map((f) => `${f.type} ${f.name}`).join(',');
const sameSet = (a: readonly Field[], b: readonly Field[]) => a.length === b.length && key([...a].sort((x, y) => (x.name < y.name ? -1 : 1))) === key([...b].sort((x, y) => (x.name < y.name ? -1 : 1)));

/** The SafeTx / SafeMessage shape, by the declared struct (names and types, any order); undefined for anything else. */
function shapeOf(data: TypedDataPayload): { kind: 'tx'; gasField: 'baseGas' | 'dataGas' } | { kind: 'message' } | undefined {
  const fields = data.types[data.primaryType];
  if (!fields) return undefined;
  if (data.primaryType === 'SafeTx') {
    for (const gas of ['baseGas', 'dataGas'] as const) if (sameSet(fields, SAFE_TX(gas))) return { kind: 'tx', gasField: gas };
  }
  if (data.primaryType === 'SafeMessage' && sameSet(fields, SAFE_MESSAGE)) return { kind: 'message' };
  return undefined;
}

/** Which Safe versions sign exactly this layout (type order and domain), or why none does. */
function versionsOf(data: TypedDataPayload, kind: 'tx' | 'message', gasField: 'baseGas' | 'dataGas'): { versions?: Localized; problem?: Localized } {
  const domain = data.types.EIP712Domain;
  const ordered = kind === 'message' || key(data.types[data.primaryType]!) === key(SAFE_TX(gasField));
  const withChain = domain !== undefined && key(domain) === key(DOMAIN_WITH_CHAIN);
  const legacy = domain !== undefined && key(domain) === key(DOMAIN_LEGACY);
  const unusable = text(
    'so the signature is not valid for any Safe (it hashes differently from what a Safe checks)',
    'そのため、この署名はどの Safe でも有効になりません（Safe が検証するハッシュと一致しません）',
  );
  if (!ordered) return { problem: text(`The SafeTx fields are not in the order Safe declares them, ${unusable.en}`, `SafeTx のフィールドが Safe の定義と異なる順序です。${unusable.ja}`) };
  if (!withChain && !legacy) {
    const declared = domain ? domain.map((f) => f.name).join(', ') || 'nothing' : 'no EIP712Domain type';
    return { problem: text(`The domain declares ${declared}, not a Safe's (chainId and verifyingContract, or verifyingContract alone), ${unusable.en}`, `ドメインの宣言（${declared}）が Safe のもの（chainId と verifyingContract、または verifyingContract のみ）ではありません。${unusable.ja}`) };
  }
  if (kind === 'message') return { versions: withChain ? text('Safe 1.3.0 or later', 'Safe 1.3.0 以降') : text('Safe 1.0.0–1.2.0', 'Safe 1.0.0〜1.2.0') };
  if (gasField === 'dataGas') return withChain ? { problem: text(`No Safe version pairs dataGas (before 1.0.0) with a chainId domain (1.3.0 and later), ${unusable.en}`, `dataGas（1.0.0 より前）と chainId 付きのドメイン（1.3.0 以降）を組み合わせる Safe はありません。${unusable.ja}`) } : { versions: text('Safe 0.1.0 (before 1.0.0)', 'Safe 0.1.0（1.0.0 より前）') };
  return { versions: withChain ? text('Safe 1.3.0 or later', 'Safe 1.3.0 以降') : text('Safe 1.0.0–1.2.0', 'Safe 1.0.0〜1.2.0') };
}

function bytesOf(value: unknown): Hex | undefined {
  return typeof value === 'string' && isHex(value, { strict: true }) && value.length % 2 === 0 ? (value.toLowerCase() as Hex) : undefined;
}

/**
 * Reads EIP-712 `SafeTx` and `SafeMessage` typed data, recognised by their declared struct (not by the page or the
 * domain's name), for every Safe version: 0.1.0 (`dataGas`), 1.0.0–1.2.0 (domain without chainId), 1.3.0 and
 * later. Values that are not what the types say are listed in `problems`, never thrown.
 */
export function parseSafeTypedData(data: TypedDataPayload): SafeTypedData | undefined {
  const shape = shapeOf(data);
  if (!shape) return undefined;
  const problems: Localized[] = [];
  const unreadable: Localized[] = [];
  const { versions, problem } = versionsOf(data, shape.kind, shape.kind === 'tx' ? shape.gasField : 'baseGas');
  if (problem) problems.push(problem);
  const safe = data.domain.verifyingContract;
  if (!safe) problems.push(text('The domain names no Safe (no verifyingContract)', 'ドメインに Safe（verifyingContract）の指定がありません'));
  const base = { safe, chainId: data.domain.chainId, versions, problems, unreadable };
  const m = data.message;
  if (shape.kind === 'message') {
    const message = bytesOf(m.message);
    if (!message) unreadable.push(text('The message is not hex bytes', 'message が 16 進のバイト列ではありません'));
    return { ...base, kind: 'message', message: message ?? '0x' };
  }
  const bad = (field: string) => unreadable.push(text(`"${field}" is not a valid value for its type`, `「${field}」が型に合わない値です`));
  const address = (field: string, fallback = ZERO) => asAddress(m[field]) ?? (bad(field), fallback as Address);
  const uint = (field: string) => {
    const v = asBigInt(m[field]);
    if (v === undefined || v < 0n || v >= 2n ** 256n) return bad(field), 0n;
    return v;
  };
  const data_ = bytesOf(m.data) ?? (bad('data'), '0x');
  const operation = uint('operation');
  if (operation > 255n) bad('operation');
  const tx: SafeTxFields = {
    to: address('to'),
    value: uint('value'),
    data: data_,
    operation: Number(operation & 0xffn),
    safeTxGas: uint('safeTxGas'),
    baseGas: uint(shape.gasField),
    gasPrice: uint('gasPrice'),
    gasToken: address('gasToken'),
    refundReceiver: address('refundReceiver'),
    nonce: uint('nonce'),
  };
  return { ...base, kind: 'tx', tx, gasField: shape.gasField };
}
