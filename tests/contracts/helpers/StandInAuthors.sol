// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IContentAuthors} from "../../../contracts/registry/IContentAuthors.sol";

/// @notice Names one account the proven author of every content hash, as if it had revealed them all in
/// training tasks: lets registry tests register through the author path without running tasks. Test-only.
contract StandInAuthors is IContentAuthors {
    address private immutable _author;

    constructor(address author) {
        _author = author;
    }

    function authorOf(bytes32) external view returns (address) {
        return _author;
    }
}
