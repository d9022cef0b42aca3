// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// An honest airdrop with a claim fee: `claim()` takes a small ETH fee and pays the caller 100 DROP in return, so a
/// simulation shows tokens coming back. The must-not-regress case for the scam-name check. Devnet only.
contract DevAirdrop is ERC20 {
    uint256 public constant FEE = 0.001 ether;
    uint256 public constant AMOUNT = 100 ether;
    mapping(address => bool) public claimed;

    constructor() ERC20("Devnet Airdrop", "DROP") {}

    function claim() external payable {
        require(msg.value == FEE, "fee is 0.001 ETH");
        require(!claimed[msg.sender], "already claimed");
        claimed[msg.sender] = true;
        _mint(msg.sender, AMOUNT);
    }
}
