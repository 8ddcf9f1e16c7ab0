// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC721Holder} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Holder.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {StreamVault} from "../../../contracts/streaming/StreamVault.sol";
import {RevenueSplitter} from "../../../contracts/streaming/RevenueSplitter.sol";
import {AssetRegistry} from "../../../contracts/registry/AssetRegistry.sol";
import {StandInAuthors} from "../helpers/StandInAuthors.sol";
import {ReentrantToken} from "./ReentrantToken.sol";
import {TestAssertions} from "./TestAssertions.sol";

/// @dev A token that calls back into the contract paying it out is stopped by the reentrancy guard
/// on every function that moves tokens out.
contract ReentrancyTest is ERC721Holder, TestAssertions {
    bytes private constant REENTRANT = abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
    string private constant CID = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";

    ReentrantToken private token;

    function setUp() public {
        token = new ReentrantToken();
        token.mint(address(this), 1e30);
    }

    function testStreamWithdrawCannotBeReentered() public {
        StreamVault vault = new StreamVault();
        token.approve(address(vault), type(uint256).max);
        vault.create(IERC20(address(token)), address(this), 1e18, 100);
        StreamVault.StreamKey memory key =
            StreamVault.StreamKey(IERC20(address(token)), address(this), address(this), 1e18, uint40(block.timestamp));
        VM.warp(block.timestamp + 10);
        token.reenterOnNextTransfer(address(vault), abi.encodeCall(vault.cancel, (key)));
        _expectReentrancyRevert(address(vault), abi.encodeCall(vault.withdraw, (key)));
    }

    function testSplitterReleaseCannotBeReentered() public {
        RevenueSplitter splitter = new RevenueSplitter(IERC20(address(token)), 100, address(this));
        token.approve(address(splitter), type(uint256).max);
        splitter.setShares(address(this), 1);
        splitter.deposit(1e18);
        VM.warp(block.timestamp + 10);
        token.reenterOnNextTransfer(address(splitter), abi.encodeCall(splitter.deposit, (1)));
        _expectReentrancyRevert(address(splitter), abi.encodeCall(splitter.release, (address(this))));
    }

    function testRegistryWithdrawCannotBeReentered() public {
        AssetRegistry registry = new AssetRegistry(new StandInAuthors(address(this)));
        token.approve(address(registry), type(uint256).max);
        uint256 tokenId = registry.register(AssetRegistry.AssetKind.Model, keccak256("m"), CID, "ipfs://m");
        registry.payRevenue(tokenId, IERC20(address(token)), 100);
        token.reenterOnNextTransfer(address(registry), abi.encodeCall(registry.payRevenue, (tokenId, IERC20(address(token)), 1)));
        _expectReentrancyRevert(address(registry), abi.encodeCall(registry.withdrawRevenue, (IERC20(address(token)), address(this))));
    }

    function _expectReentrancyRevert(address target, bytes memory call) private {
        (bool ok, bytes memory reason) = target.call(call);
        if (ok) revert UnexpectedSuccess();
        _assertRevertData(reason, REENTRANT);
    }
}
