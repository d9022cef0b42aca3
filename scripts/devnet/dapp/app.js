// Demo dApp: one button per reviewed method, benign and hostile. Each result element gets
// data-status="ok"|"error" and, for mined transactions, data-mined="1".
(function () {
  'use strict';
  var discovered = null;
  window.addEventListener('eip6963:announceProvider', function (e) { discovered = e.detail.provider; });
  window.dispatchEvent(new Event('eip6963:requestProvider'));

  // Re-read at click time: an extension may wrap or replace the provider after load.
  function wallet() { return window.ethereum || discovered; }

  var LABELS = {
    'eth-transfer': 'Send 0.01 ETH', 'approve-exact': 'Approve 100 USDC (V2 router)', 'approve-unlimited': 'Approve unlimited USDC (V2 router)',
    'approve-eoa': 'Approve unlimited USDC to a stranger', 'set-approval-for-all': 'setApprovalForAll (NFT)', 'swap-v2-0.5': 'V2 swap, 0.5 % slippage',
    'swap-v2-10': 'V2 swap, 10 % slippage', 'swap-v3-0.5': 'V3 swap, 0.5 % slippage', 'swap-v3-10': 'V3 swap, 10 % slippage', permit: 'Sign Permit (EIP-2612)',
    permit2: 'Sign Permit2', 'seaport-order': 'Sign Seaport order (NFT for ~0)', 'eth-sign': 'eth_sign a hash', 'personal-sign-siwe': 'Sign in (SIWE)',
    'siwe-mismatch': 'Sign in for evil.example', 'switch-chain': 'Switch to Ethereum', 'add-chain': 'Add network (fake RPC)', 'watch-asset': 'Watch USDC',
    'send-calls': 'wallet_sendCalls approve + swap', 'get-balance': 'eth_getBalance (read)', 'legacy-send-async': 'Legacy sendAsync personal_sign',
    'transfer-to-token': 'Send USDC to the USDC contract', 'eth-transfer-lookalike': 'Send 0.01 ETH to a look-alike address',
    'send-all': 'Send (almost) all ETH', 'swap-shallow-v2-10': '1 WETH → VOL, shallow V2 pool, 10 %', 'swap-shallow-v3-10': '1 WETH → VOL, shallow V3 pool, 10 %', 'swap-revert': 'V2 swap that reverts', 'overpay-fee': 'Send with a 20× max fee',
    'approve-odd': 'Approve 100 USDC, odd-length data (0x95ea7b3…)', 'revoke-eoa': 'Revoke setApprovalForAll of a stranger (NFT)', 'high-cap-normal-tip': 'Send with a 100× max fee but a normal tip',
    'zeroex-giveaway': 'Sign a 0x order: NFT to a fixed taker for 0', 'send-calls-revert': 'wallet_sendCalls approve 1,000 + swap 2,000 (fails)', 'approve-scam-spender': 'Approve 100 USDC to a scam-listed spender',
    'scam-claim': 'Pay 0.5 ETH into claim() of a scam-like contract', 'swap-pays-other': 'V2 swap whose output goes to a stranger', 'seaport-bulk-free-leaf': 'Sign a Seaport bulk listing with one NFT for 1 wei',
    'eth-transfer-fresh': 'Send 0.01 ETH to an address nobody has used',
    'add-devnet': 'Add this devnet to the wallet', 'switch-devnet': 'Switch to this devnet', connect: 'Connect (eth_requestAccounts)',
    'delegation-open': 'Sign a delegation without caveats (smart account → stranger)', 'delegation-restricted': 'Sign a delegation: only transfer() of USDC, 100 at most, 8 hours',
    'delegated-account-sign': 'Sign in from account 5, upgraded to MetaMask\'s smart account (EIP-7702)',
    'spoof-claim': 'Claim: pays 10 % while simulated, keeps the 0.01 ETH deposit a minute later', 'flip-claim': 'Claim whose owner can flip it to keep the 0.01 ETH deposit',
  };

  function setResult(el, status, text) { el.setAttribute('data-status', status); el.textContent = text; }

  function waitMined(el, hash) {
    var tries = 0;
    (function poll() {
      wallet().request({ method: 'eth_getTransactionReceipt', params: [hash] }).then(function (r) {
        if (r && r.blockNumber) { el.setAttribute('data-mined', '1'); el.textContent += ' · mined in block ' + parseInt(r.blockNumber, 16) + (r.status === '0x1' ? '' : ' (reverted)'); }
        else if (tries++ < 100) setTimeout(poll, 150);
      });
    })();
  }

  function run(name, el) {
    el.removeAttribute('data-status'); el.removeAttribute('data-mined'); el.textContent = '…';
    fetch('/api/case/' + name).then(function (r) { return r.json(); }).then(function (req) {
      if (req.error) throw new Error(req.error);
      var w = wallet();
      if (!w) throw new Error('no wallet found');
      if (req.via === 'sendAsync') {
        return new Promise(function (resolve, reject) {
          w.sendAsync({ id: 1, jsonrpc: '2.0', method: req.method, params: req.params }, function (err, res) { if (err) reject(err); else resolve(res.result); });
        });
      }
      return w.request({ method: req.method, params: req.params });
    }).then(function (result) {
      var text = typeof result === 'string' ? result : JSON.stringify(result);
      setResult(el, 'ok', text);
      var hash = typeof result === 'string' && /^0x[0-9a-f]{64}$/i.test(result) ? result : result && result.id;
      if (typeof hash === 'string' && /^0x[0-9a-f]{64}$/i.test(hash) && name !== 'eth-sign') waitMined(el, hash);
    }, function (error) {
      setResult(el, 'error', 'error ' + (error && error.code) + ': ' + (error && error.message));
    });
  }

  fetch('/config.json').then(function (r) { return r.json(); }).then(function (config) {
    document.getElementById('account').textContent = config.accounts[0];
    var list = document.getElementById('cases');
    config.cases.forEach(function (name) {
      var row = document.createElement('div'); row.className = 'case';
      var button = document.createElement('button'); button.textContent = LABELS[name] || name; button.setAttribute('data-testid', 'btn-' + name);
      var out = document.createElement('code'); out.setAttribute('data-testid', 'result-' + name);
      button.addEventListener('click', function () { run(name, out); });
      row.appendChild(button); row.appendChild(out); list.appendChild(row);
    });
    document.body.setAttribute('data-ready', '1');
  });
})();
