// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title SixDecimalToken
/// @notice ERC-20 with 6 decimals, like USDC, for tests that amounts are shown in a token's own decimals; it has no
/// value. The deployer receives 1,000,000 tokens.
contract SixDecimalToken is ERC20 {
    constructor() ERC20("Six Decimal Dollar", "SIXD") {
        _mint(msg.sender, 1_000_000 * 10 ** 6);
    }

    /// @inheritdoc ERC20
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
