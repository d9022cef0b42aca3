import type { Address, Hex } from 'viem';
import { refuse, type EncodingNotes } from './encoding-notes';
import { add0x, txAddress, txData, txQuantity } from './hex-fields';

export interface TxFields {
  from?: Address;
  to?: Address;
  value: bigint;
  data: Hex;
  gas?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  gasPrice?: bigint;
  /**
   * The dApp gave maxFeePerGas without maxPriorityFeePerGas: MetaMask 13.5 then sets the priority fee equal to
   * the max fee (seen on its mined transactions), so the user pays the whole cap per gas.
   */
  priorityFromMaxFee?: boolean;
}

/** Prefix for note fields: "" for a lone transaction, "call 2 " inside a batch. */
const at = (where: string, field: string) => (where ? `${where} ${field}` : field);

/**
 * An eth_sendTransaction parameter read as MetaMask 13.5 reads it (normalizeTransactionParams, then
 * validateTxParams): fields MetaMask does not know (`input`, `chainId`) are dropped, `gasLimit` stands in
 * for a missing `gas`, mixing `gasPrice` with EIP-1559 fees is refused.
 */
export function normaliseTransaction(raw: unknown, notes: EncodingNotes, where = ''): TxFields {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) refuse('the transaction is not an object', '取引がオブジェクトではありません');
  const t = raw as Record<string, unknown>;
  if (t.type && typeof t.type !== 'string') refuse(`"type" is a JSON ${typeof t.type}, not a string`, `「type」が文字列ではなく JSON の ${typeof t.type} です`);
  // MetaMask keeps any truthy authorizationList (even []) and adds 0x to the type, then refuses both from a website
  // (@metamask/transaction-controller validateTransactionOrigin): only MetaMask itself sets an account's code.
  if (t.authorizationList || (typeof t.type === 'string' && add0x(t.type) === '0x4')) {
    refuse(
      `it is an EIP-7702 transaction (${t.authorizationList ? 'it carries an "authorizationList"' : 'type 0x4'}) that would set your account's code, and MetaMask takes those only from itself ("External EIP-7702 transactions are not supported")`,
      `アカウントのコードを設定する EIP-7702 の取引です（${t.authorizationList ? '「authorizationList」を含む' : 'type 0x4'}）。MetaMask はこれを自分自身からしか受け付けません（"External EIP-7702 transactions are not supported"）`,
    );
  }
  if (!t.data && t.input) {
    notes.add(
      at(where, 'input'),
      `The call data is in "input", which MetaMask ignores: it sends the transaction with no call data`,
      `呼び出しデータが「input」に入っていますが、MetaMask はこれを無視し、呼び出しデータなしで送信します`,
    );
  }
  const data = txData(t.data, at(where, 'data'), notes);
  const to = t.to === '0x' ? undefined : txAddress(t.to, at(where, 'to'), notes);
  // MetaMask: no recipient is a contract deployment, which needs code.
  if (!to && !t.data) refuse('it has no recipient ("to") and no contract code to deploy', '送信先（「to」）も、デプロイするコードもありません');
  const gasPrice = txQuantity(t.gasPrice, at(where, 'gasPrice'), notes);
  const maxFeePerGas = txQuantity(t.maxFeePerGas, at(where, 'maxFeePerGas'), notes);
  let maxPriorityFeePerGas = txQuantity(t.maxPriorityFeePerGas, at(where, 'maxPriorityFeePerGas'), notes);
  if (gasPrice !== undefined && (maxFeePerGas !== undefined || maxPriorityFeePerGas !== undefined)) {
    refuse('it gives both gasPrice and EIP-1559 fees (maxFeePerGas / maxPriorityFeePerGas), which cannot be mixed', 'gasPrice と EIP-1559 の手数料（maxFeePerGas / maxPriorityFeePerGas）を同時に指定しており、混在はできません');
  }
  let priorityFromMaxFee: boolean | undefined;
  if (maxFeePerGas !== undefined && maxPriorityFeePerGas === undefined) {
    maxPriorityFeePerGas = maxFeePerGas;
    priorityFromMaxFee = true;
  }
  return {
    from: txAddress(t.from, at(where, 'from'), notes),
    to,
    value: txQuantity(t.value, at(where, 'value'), notes) ?? 0n,
    data,
    gas: txQuantity(t.gas, at(where, 'gas'), notes) ?? txQuantity(t.gasLimit, at(where, 'gasLimit'), notes),
    maxFeePerGas,
    maxPriorityFeePerGas,
    gasPrice,
    ...(priorityFromMaxFee ? { priorityFromMaxFee } : {}),
  };
}
