// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// A devnet ERC-721 collection; open mint with sequential ids starting at 1 (devnet only).
contract DevNFT is ERC721 {
    uint256 public totalMinted;

    constructor() ERC721("Devnet Punks", "DPUNK") {}

    function mint(address to) external returns (uint256 tokenId) {
        tokenId = ++totalMinted;
        _mint(to, tokenId);
    }

    function _baseURI() internal pure override returns (string memory) {
        return "https://devnet.invalid/punks/";
    }
}
