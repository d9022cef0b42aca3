/** `npm run devnet`: the devnet with traffic and the demo dApp, until Ctrl-C. Prints JSON. */
import { startDapp } from './dapp-server.ts';
import { startDevnet } from './index.ts';

const devnet = await startDevnet({ port: 8545, seed: 1, traffic: true });
const dapp = await startDapp({ port: 5173, devnet });
process.stdout.write(JSON.stringify({ rpcUrl: devnet.rpcUrl, chainId: devnet.chainId, dapp: dapp.url, startupMs: devnet.startupMs, accounts: devnet.accounts, contracts: devnet.contracts, pools: devnet.pools }, null, 2) + '\n');
const stop = async () => {
  await dapp.stop();
  await devnet.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
