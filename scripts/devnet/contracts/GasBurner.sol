// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Burns (almost) all gas it is given, so the traffic generator can fill blocks to a chosen
/// level with few transactions: the gas used by a call is close to its gas limit.
contract GasBurner {
    uint256 public calls;

    fallback() external payable {
        calls += 1;
        while (gasleft() > 2_000) {}
    }
}
