// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title TestERC20
 * @notice Test ERC-20 whose whole supply is minted to the deployer.
 */
contract TestERC20 is ERC20 {
    constructor(uint256 supply) ERC20("Test Token", "TST") {
        _mint(msg.sender, supply);
    }
}
