export * from './types';
export * from './analyzer';
export { reviewRequest, verdictOf } from './engine';
export { analysisFailed } from './analysis-failed';
export { parseRequest, MalformedRequestError, type ParsedRequest, type TxFields } from './request';
export { DEFAULT_ANALYZERS } from './analyzers';
