// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721Holder} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Holder.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {AssetRegistry} from "../../../contracts/registry/AssetRegistry.sol";
import {IContentAuthors} from "../../../contracts/registry/IContentAuthors.sol";
import {TestAssertions} from "../streaming/TestAssertions.sol";

/// @dev Asset tokens move into contract custody (a multisig vault is an ERC721Receiver) with plain
/// `safeTransferFrom`, and revenue then follows them there. This test contract plays the vault.
contract AssetRegistryTest is ERC721Holder, TestAssertions, IContentAuthors {
    address private constant CREATOR = address(0xA11CE);
    bytes32 private constant CONTENT = keccak256("model weights v1");
    string private constant CID = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";

    AssetRegistry private registry;
    /// @dev This test plays the training tasks too: `author` revealed every content hash.
    address private author = CREATOR;

    function setUp() public {
        registry = new AssetRegistry(this);
    }

    function authorOf(bytes32) external view returns (address) {
        return author;
    }

    function testSafeTransferIntoReceiverVault() public {
        VM.prank(CREATOR);
        uint256 tokenId = registry.register(AssetRegistry.AssetKind.Model, CONTENT, CID, "ipfs://meta");
        VM.prank(CREATOR);
        registry.safeTransferFrom(CREATOR, address(this), tokenId);
        _assertEq("owner", uint160(registry.ownerOf(tokenId)), uint160(address(this)));

        registry.payRevenueETH{value: 3}(tokenId);
        _assertEq("vault revenue", registry.revenueOf(address(this), registry.ETH()), 3);
        _assertEq("creator revenue", registry.revenueOf(CREATOR, registry.ETH()), 0);
    }

    function testRegisterDirectlyIntoReceiverVault() public {
        VM.prank(CREATOR);
        uint256 tokenId = registry.registerFor(address(this), AssetRegistry.AssetKind.Dataset, CONTENT, CID, "ipfs://meta");
        _assertEq("owner", uint160(registry.ownerOf(tokenId)), uint160(address(this)));
    }

    function testSafeTransferToNonReceiverReverts() public {
        author = address(this);
        uint256 tokenId = registry.register(AssetRegistry.AssetKind.Code, CONTENT, CID, "ipfs://meta");
        try registry.safeTransferFrom(address(this), address(registry), tokenId) {
            revert UnexpectedSuccess();
        } catch (bytes memory reason) {
            _assertRevertData(reason, abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(registry)));
        }
        _assertEq("owner", uint160(registry.ownerOf(tokenId)), uint160(address(this)));
    }
}
