// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/**
 * @title DaoToken
 * @notice The platform's governance token: an ERC-20 with EIP-2612 permits and checkpointed, delegable votes.
 * @dev Votes are checkpointed by timestamp (ERC-6372 `mode=timestamp`): on an OP-stack L2 block numbers follow the
 * sequencer's block time, which can change, so seconds are the stable unit for voting delays and periods.
 * The whole supply is minted once at construction; there is no mint or burn afterwards.
 */
contract DaoToken is ERC20, ERC20Permit, ERC20Votes {
    /**
     * @notice Creates the token and mints `initialSupply` to `recipient`.
     * @param name_ ERC-20 name, also the EIP-712 domain name used by permits and vote delegation by signature.
     * @param symbol_ ERC-20 symbol.
     * @param recipient Receiver of the initial supply (e.g. the timelock treasury or a distributor).
     * @param initialSupply Amount minted, in the smallest unit (18 decimals).
     *
     * Requirements:
     * - `recipient` is not the zero address (enforced by {ERC20-_mint}).
     *
     * Emits a {Transfer} event from the zero address.
     */
    constructor(
        string memory name_,
        string memory symbol_,
        address recipient,
        uint256 initialSupply
    ) ERC20(name_, symbol_) ERC20Permit(name_) {
        _mint(recipient, initialSupply);
    }

    /**
     * @notice The current timepoint of the votes clock: the block timestamp.
     */
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /**
     * @notice ERC-6372 description of the clock.
     */
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /**
     * @notice Returns the next unused permit/delegation nonce of `owner`.
     */
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
