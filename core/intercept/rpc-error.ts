/** EIP-1193 error the dApp receives when the user rejects: code 4001, like MetaMask's. */
export class UserRejectedRequestError extends Error {
  override name = 'UserRejectedRequestError';
  readonly code = 4001;
  constructor(message = 'User rejected the request.') {
    super(message);
  }
}
