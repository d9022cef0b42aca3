// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

/// A devnet ERC-1155 collection with an open mint (devnet only): operator approvals on an ERC-1155 for the approvals inventory.
contract DevMulti1155 is ERC1155 {
    constructor() ERC1155("https://devnet.invalid/multi/{id}.json") {}

    function mint(address to, uint256 id, uint256 amount) external {
        _mint(to, id, amount, "");
    }
}
