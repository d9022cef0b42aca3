import type { Analyzer } from '../analyzer';
import { addChainAnalyzer } from './add-chain';
import { approvalAnalyzer } from './approval';
import { batchAnalyzer } from './batch';
import { chainSwitchAnalyzer } from './chain-switch';
import { ethSignAnalyzer } from './eth-sign';
import { gasTimingAnalyzer } from './gas-timing';
import { marketplaceOrderAnalyzer } from './marketplace-order';
import { mevAnalyzer } from './mev';
import { nativeBalanceAnalyzer } from './native-balance';
import { permitAnalyzer } from './permit';
import { permit2Analyzer } from './permit2';
import { personalSignAnalyzer } from './personal-sign';
import { phishingAnalyzer } from './phishing';
import { simulationAnalyzer } from './simulation';
import { transferAnalyzer } from './transfer';
import { typedDataTreeAnalyzer } from './typed-data-tree';
import { scamAddressAnalyzer } from './scam-address';
import { exposureAnalyzer } from './exposure';
import { delegationAnalyzer } from './delegation';
import { eip7702Analyzer } from './eip7702';
import { swapRecipientAnalyzer } from './swap-recipient';
import { batchTransfersAnalyzer } from './batch-transfers';
import { scamCallAnalyzer } from './scam-call';
import { safeAnalyzer } from './safe';
import { firstTimeAnalyzer } from './first-time';
import { batchApprovalsAnalyzer } from './batch-approvals';
import { ownershipAnalyzer } from './ownership';

/**
 * Every check the review runs, in order of precedence for the plain-sentence summary
 * (the first analyzer that gives a summary wins). To add a check: add one file here and one line below.
 */
export const DEFAULT_ANALYZERS: readonly Analyzer[] = [
  batchAnalyzer,
  approvalAnalyzer,
  ethSignAnalyzer,
  chainSwitchAnalyzer,
  // Before the permits: a UniswapX order is also a Permit2 signature, and the order says more.
  marketplaceOrderAnalyzer,
  permitAnalyzer,
  permit2Analyzer,
  typedDataTreeAnalyzer,
  personalSignAnalyzer,
  transferAnalyzer,
  nativeBalanceAnalyzer,
  simulationAnalyzer,
  addChainAnalyzer,
  phishingAnalyzer,
  scamAddressAnalyzer,
  mevAnalyzer,
  gasTimingAnalyzer,
  exposureAnalyzer,
  delegationAnalyzer,
  eip7702Analyzer,
  swapRecipientAnalyzer,
  batchTransfersAnalyzer,
  scamCallAnalyzer,
  firstTimeAnalyzer,
  batchApprovalsAnalyzer,
  ownershipAnalyzer,
  // Safe transactions and messages; the Safe's own calls go through every check above that reviews calls.
  safeAnalyzer(() => DEFAULT_ANALYZERS),
];
