// The demo dApp's wallet: an EIP-1193 provider backed by anvil's unlocked accounts, exposed the way
// MetaMask does (window.ethereum and EIP-6963). ?inject=late assigns window.ethereum after 1.5 s;
// ?inject=6963 only announces it through EIP-6963; ?wallet=browser injects nothing, so the page uses
// the wallet extension the browser has (the real MetaMask in tests/e2e/metamask*.e2e.ts).
(function () {
  'use strict';
  if (new URLSearchParams(location.search).get('wallet') === 'browser') return;
  var config = null;
  var chainId = null; // the devnet's chain id (config.json) until the dApp switches
  var listeners = {};
  var nextId = 1;
  var callBatches = {}; // wallet_sendCalls id -> transaction hashes

  function rpc(method, params) {
    return fetch(config.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: method, params: params || [] }),
    })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        if (j.error) { var e = new Error(j.error.message); e.code = j.error.code; e.data = j.error.data; throw e; }
        return j.result;
      });
  }

  // For wallet_sendCalls (EIP-5792 calls carry no gas): estimate and add a buffer, as MetaMask does.
  // Anvil estimates against the latest block, so a swap mined in a later second (when V2/V3 write
  // their price oracles) would otherwise run out of gas. If the estimate fails, send as is and let
  // the node report it. (Plain eth_sendTransaction goes to anvil untouched; the demo's swap cases
  // carry their own gas limit.)
  function sendCallTransaction(tx) {
    if (tx.gas) return rpc('eth_sendTransaction', [tx]);
    return rpc('eth_estimateGas', [tx]).then(
      function (estimate) {
        var buffered = Math.min(Math.ceil(parseInt(estimate, 16) * 1.5), 25000000);
        return rpc('eth_sendTransaction', [Object.assign({}, tx, { gas: '0x' + buffered.toString(16) })]);
      },
      function () { return rpc('eth_sendTransaction', [tx]); }
    );
  }

  function emit(event, value) { (listeners[event] || []).forEach(function (fn) { try { fn(value); } catch (e) { console.error(e); } }); }

  function ready() {
    if (config) return Promise.resolve();
    return fetch('/config.json').then(function (r) { return r.json(); }).then(function (c) { config = c; if (!chainId) chainId = '0x' + c.chainId.toString(16); });
  }

  var provider = {
    isMetaMask: true,
    isDevnetWallet: true,
    request: function (args) {
      var method = args && args.method;
      var params = (args && args.params) || [];
      return ready().then(function () {
        switch (method) {
          case 'eth_requestAccounts':
          case 'eth_accounts':
            return [config.accounts[0]];
          case 'eth_chainId':
            return chainId;
          case 'net_version':
            return String(parseInt(chainId, 16));
          case 'wallet_switchEthereumChain':
            chainId = params[0].chainId;
            emit('chainChanged', chainId);
            return null;
          case 'wallet_addEthereumChain':
            return null;
          case 'wallet_watchAsset':
            return true;
          case 'wallet_sendCalls': {
            var batch = params[0];
            var hashes = [];
            return batch.calls.reduce(function (p, call) {
              return p.then(function () {
                return sendCallTransaction({ from: batch.from || config.accounts[0], to: call.to, data: call.data, value: call.value }).then(function (h) { hashes.push(h); });
              });
            }, Promise.resolve()).then(function () {
              var id = hashes[hashes.length - 1];
              callBatches[id] = hashes;
              return { id: id };
            });
          }
          case 'wallet_getCallsStatus': {
            var batchHashes = callBatches[params[0]];
            if (!batchHashes) { var unknown = new Error('Unknown bundle id'); unknown.code = 5730; throw unknown; }
            return Promise.all(batchHashes.map(function (h) { return rpc('eth_getTransactionReceipt', [h]); })).then(function (receipts) {
              var done = receipts.every(function (r) { return r && r.blockNumber; });
              return {
                version: '2.0.0', id: params[0], chainId: chainId, atomic: false,
                status: !done ? 100 : receipts.every(function (r) { return r.status === '0x1'; }) ? 200 : 500,
                receipts: done ? receipts.map(function (r) { return { logs: r.logs, status: r.status, blockHash: r.blockHash, blockNumber: r.blockNumber, gasUsed: r.gasUsed, transactionHash: r.transactionHash }; }) : undefined,
              };
            });
          }
          default:
            return rpc(method, params);
        }
      });
    },
    // Legacy forms, still used by older dApps.
    sendAsync: function (payload, callback) {
      provider.request({ method: payload.method, params: payload.params }).then(
        function (result) { callback(null, { id: payload.id, jsonrpc: '2.0', result: result }); },
        function (error) { callback(error, { id: payload.id, jsonrpc: '2.0', error: { code: error.code, message: error.message } }); }
      );
    },
    send: function (a, b) {
      // As MetaMask: send(method, params) resolves to the whole JSON-RPC response, not just the result.
      if (typeof a === 'string') return provider.request({ method: a, params: b }).then(function (result) { return { id: nextId++, jsonrpc: '2.0', result: result }; });
      if (typeof b === 'function') return provider.sendAsync(a, b);
      if (a && a.method === 'eth_accounts') return { id: a.id, jsonrpc: '2.0', result: config ? [config.accounts[0]] : [] };
      throw new Error('synchronous send is not supported');
    },
    on: function (event, fn) { (listeners[event] = listeners[event] || []).push(fn); return provider; },
    removeListener: function (event, fn) { listeners[event] = (listeners[event] || []).filter(function (x) { return x !== fn; }); return provider; },
  };

  var info = {
    uuid: '7d3f8c1e-2b4a-4c6d-9e8f-0a1b2c3d4e5f',
    name: 'Devnet Wallet',
    icon: 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 32 32%22%3E%3Crect width=%2232%22 height=%2232%22 rx=%226%22 fill=%22%23f6851b%22/%3E%3C/svg%3E',
    rdns: 'io.metamask.devnet',
  };
  function announce() {
    window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info: info, provider: provider }) }));
  }
  window.addEventListener('eip6963:requestProvider', announce);
  announce();

  var mode = new URLSearchParams(location.search).get('inject');
  if (mode === 'late') setTimeout(function () { window.ethereum = provider; window.dispatchEvent(new Event('ethereum#initialized')); }, 1500);
  else if (mode !== '6963') window.ethereum = provider;
  ready();
})();
