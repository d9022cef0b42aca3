import type { Address } from 'viem';
import { decodeApproval } from './analyzers/approval';
import type { ParsedRequest, TxFields, TypedDataPayload } from './request';
import { decodeTransfer } from './transfers';
import { parsePermit } from './typed-data/permit';

/** An address the request hands something to, or lets act for the user, with the role it plays. */
export interface Counterparty {
  address: string;
  /** spender, operator, recipient, contract called, or a typed-data field name (taker, receiver, spender…). */
  role: string;
}

const ZERO = '0x0000000000000000000000000000000000000000';
const MAX_VISITS = 2_000;

/** The counterparties of one call. A revocation names none: taking an allowance from anyone is never a risk. */
function ofCall(tx: TxFields): Counterparty[] {
  const out: Counterparty[] = [];
  const approval = decodeApproval(tx.to, tx.data);
  if (approval?.kind === 'erc20' && approval.amount > 0n) out.push({ address: approval.spender, role: 'spender' });
  if (approval?.kind === 'permit2' && approval.amount > 0n) out.push({ address: approval.spender, role: 'spender' });
  if (approval?.kind === 'all' && approval.approved) out.push({ address: approval.operator, role: 'operator' });
  // An NFT approve(spender, tokenId) decodes as erc20 with amount = tokenId; approve to 0x0 is filtered below.
  const transfer = decodeTransfer(tx);
  if (transfer) out.push({ address: transfer.recipient, role: 'recipient' });
  if (tx.to && !approval && transfer?.kind !== 'native') out.push({ address: tx.to, role: 'contract called' });
  return out;
}

/** Every address-typed field of a typed-data message (nested structs and arrays too), named by its field. */
function ofTypedData(data: TypedDataPayload): Counterparty[] {
  const out: Counterparty[] = [];
  let visits = 0;
  const walk = (type: string, value: unknown, name: string): void => {
    if (++visits > MAX_VISITS || value === undefined || value === null) return;
    if (type.endsWith(']')) {
      const inner = type.slice(0, type.lastIndexOf('['));
      if (Array.isArray(value)) for (const v of value) walk(inner, v, name);
      return;
    }
    if (type === 'address') {
      if (typeof value === 'string') out.push({ address: value, role: name });
      return;
    }
    const fields = data.types[type];
    if (!fields || typeof value !== 'object') return;
    for (const f of fields) walk(f.type, (value as Record<string, unknown>)[f.name], f.name);
  };
  // A permit of 0 revokes: its spender is not a counterparty (the other fields still are).
  const permit = parsePermit(data);
  const revokes = !!permit && permit.grants.length > 0 && permit.grants.every((g) => g.amount === 0n);
  walk(data.primaryType, data.message, data.primaryType);
  if (data.domain.verifyingContract) out.push({ address: data.domain.verifyingContract, role: 'verifyingContract' });
  return revokes ? out.filter((c) => c.address.toLowerCase() !== permit.spender.toLowerCase()) : out;
}

/**
 * Who a request deals with: spenders, operators, permit spenders, order takers and receivers, recipients, the
 * contracts called. Lower-case, without the signer itself and the zero address, first role per address kept.
 */
export function counterpartiesOf(parsed: ParsedRequest): Counterparty[] {
  let all: Counterparty[] = [];
  let signer: string | undefined;
  switch (parsed.kind) {
    case 'transaction':
      all = ofCall(parsed.tx);
      signer = parsed.tx.from;
      break;
    case 'calls':
      all = parsed.calls.flatMap(ofCall);
      signer = parsed.from;
      break;
    case 'typed-data':
      all = parsed.data ? ofTypedData(parsed.data) : [];
      signer = parsed.account;
      break;
    default:
      return [];
  }
  const seen = new Set<string>([ZERO, (signer ?? '').toLowerCase()]);
  const out: Counterparty[] = [];
  for (const c of all) {
    const address = c.address.toLowerCase() as Address;
    if (seen.has(address)) continue;
    seen.add(address);
    out.push({ address, role: c.role });
  }
  return out;
}
