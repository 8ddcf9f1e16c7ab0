// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

/**
 * @title TestERC1155
 * @notice Test ERC-1155 where anyone can mint any amount of any id to themselves.
 */
contract TestERC1155 is ERC1155 {
    constructor() ERC1155("") {}

    /// @notice Mints `amount` of `id` to the caller.
    function mint(uint256 id, uint256 amount) external {
        _mint(msg.sender, id, amount, "");
    }
}
