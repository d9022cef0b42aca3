import type { Hex } from 'viem';

/**
 * Which block-context values a contract's runtime code reads, from its bytecode alone (pure): TIMESTAMP
 * (block.timestamp), NUMBER (block.number), ORIGIN (tx.origin), COINBASE (block.coinbase), and whether it runs other
 * code in its own context (DELEGATECALL: a proxy or a library, whose code this scan does not see).
 *
 * What a scan can tell: that the opcode is in reachable code (outside PUSH data, the compiler's metadata trailer, and
 * bytes after a block's end that no JUMPDEST starts: revert strings, other contracts' creation code). What it cannot: whether the branch that reads it is the one that moves the user's assets (every
 * Uniswap router reads TIMESTAMP for its deadline), what code a proxy or library runs, or data a compiler placed
 * after the code that happens to contain these bytes. So it never raises a finding on its own: it names the
 * contract when a simulation at a later block has already shown the outcome depends on time.
 */
export interface BlockContextReads {
  timestamp: boolean;
  number: boolean;
  origin: boolean;
  coinbase: boolean;
  delegatecall: boolean;
  /** EIP-7702: the account's code is a delegation to this address (its code is elsewhere). */
  delegatedTo?: Hex;
}

const OP = { ORIGIN: 0x32, COINBASE: 0x41, TIMESTAMP: 0x42, NUMBER: 0x43, JUMPDEST: 0x5b, PUSH1: 0x60, PUSH32: 0x7f, DELEGATECALL: 0xf4 } as const;
/** STOP, JUMP, RETURN, REVERT, INVALID, SELFDESTRUCT: what follows is unreachable until the next JUMPDEST. */
const ENDS_BLOCK: ReadonlySet<number> = new Set([0x00, 0x56, 0xf3, 0xfd, 0xfe, 0xff]);

function bytesOf(code: Hex): Uint8Array {
  const hex = code.startsWith('0x') ? code.slice(2) : code;
  const out = new Uint8Array(Math.floor(hex.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * The code without Solidity's / Vyper's CBOR metadata trailer: its length is the last two bytes, and it starts with a
 * CBOR map (0xa1–0xa5). Bytes that do not look like one are kept (scanned as code: at worst a false positive).
 */
function withoutMetadata(code: Uint8Array): Uint8Array {
  if (code.length < 4) return code;
  const length = (code[code.length - 2]! << 8) | code[code.length - 1]!;
  const start = code.length - 2 - length;
  if (length === 0 || start < 0) return code;
  const first = code[start]!;
  return first >= 0xa1 && first <= 0xa5 ? code.subarray(0, start) : code;
}

export function scanBlockContext(code: Hex): BlockContextReads {
  const all = bytesOf(code);
  if (all.length === 23 && all[0] === 0xef && all[1] === 0x01 && all[2] === 0x00) {
    const delegatedTo = `0x${[...all.subarray(3)].map((b) => b.toString(16).padStart(2, '0')).join('')}` as Hex;
    return { timestamp: false, number: false, origin: false, coinbase: false, delegatecall: false, delegatedTo };
  }
  const ops = withoutMetadata(all);
  const r: BlockContextReads = { timestamp: false, number: false, origin: false, coinbase: false, delegatecall: false };
  // Bytes after a block's end are data (revert strings, other contracts' creation code) until a JUMPDEST.
  let reachable = true;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (!reachable) {
      if (op === OP.JUMPDEST) reachable = true;
      continue;
    }
    if (ENDS_BLOCK.has(op)) {
      reachable = false;
      continue;
    }
    if (op >= OP.PUSH1 && op <= OP.PUSH32) {
      i += op - OP.PUSH1 + 1; // skip the pushed bytes: data, not opcodes
      continue;
    }
    if (op === OP.TIMESTAMP) r.timestamp = true;
    else if (op === OP.NUMBER) r.number = true;
    else if (op === OP.ORIGIN) r.origin = true;
    else if (op === OP.COINBASE) r.coinbase = true;
    else if (op === OP.DELEGATECALL) r.delegatecall = true;
  }
  return r;
}

/** "block.timestamp, block.number" for what a scan found; empty when none. */
export function readsNamed(r: BlockContextReads): string[] {
  return [r.timestamp && 'block.timestamp', r.number && 'block.number', r.coinbase && 'block.coinbase', r.origin && 'tx.origin'].filter((x): x is string => !!x);
}
