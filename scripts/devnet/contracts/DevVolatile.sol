// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// A volatile 18-decimal devnet token with thin liquidity; open mint (devnet only).
contract DevVolatile is ERC20 {
    constructor() ERC20("Volatile Token", "VOL") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
