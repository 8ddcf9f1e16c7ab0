// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/**
 * @title TestERC721
 * @notice Test ERC-721 where anyone can mint any unused token id to themselves.
 */
contract TestERC721 is ERC721 {
    constructor() ERC721("Test NFT", "TNFT") {}

    /// @notice Mints `tokenId` to the caller.
    function mint(uint256 tokenId) external {
        _mint(msg.sender, tokenId);
    }
}
