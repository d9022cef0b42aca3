import type { Analyzer } from '../analyzer';
import { approvalAnalyzer } from './approval';
import { chainSwitchAnalyzer } from './chain-switch';
import { ethSignAnalyzer } from './eth-sign';

/**
 * Every check the review runs, in order of precedence for the plain-sentence summary
 * (the first analyzer that gives a summary wins). To add a check: add one file here and one line below.
 */
export const DEFAULT_ANALYZERS: readonly Analyzer[] = [approvalAnalyzer, ethSignAnalyzer, chainSwitchAnalyzer];
