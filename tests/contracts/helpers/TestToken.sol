// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestToken
/// @notice Freely mintable ERC-20 (18 decimals) for tests and benchmarks only: it has no value.
contract TestToken is ERC20 {
    constructor() ERC20("Test Token", "TST") {}

    /// @notice Mints `amount` to `to`; anyone may call. Emits {Transfer}.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
