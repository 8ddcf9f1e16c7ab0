// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IContentAuthors} from "./IContentAuthors.sol";
import {ITaskAssets} from "./ITaskAssets.sol";
import {RawSha256Cid} from "./RawSha256Cid.sol";
import {TransferIn} from "../utils/TransferIn.sol";

/// @title AssetRegistry
/// @notice One ERC-721 token per AI asset (model, dataset or code), named by the keccak256 of its
/// bytes and by its CIDv1. Revenue paid to an asset is credited to the token's owner at payment
/// time and withdrawn by that owner later (pull payments), in ERC-20 or ETH.
/// @dev Revenue is credited to whoever owns the token when it is paid, so a later transfer (e.g.
/// into the multisig vault) does not move revenue already credited. Credits use the amount actually
/// received, so a token taking a fee on transfer cannot leave credits the contract cannot pay.
///
/// Nobody can take content that is not theirs by registering it first: content the platform has seen
/// (a model revealed in a training task) is registered only by its proven author ({IContentAuthors}),
/// who may name any owner; any other content is registered in two steps, {commitRegistration} then
/// {registerCommitted} in a later block, so the bytes are public only once the registration is
/// already bound to its registrant.
///
/// Assets back training tasks (docs/training-tasks.md §9): a model is a task's incumbent, and the task's
/// winner, which must beat it, is registered as its next version with its lineage ({registerNextVersion},
/// {versionOf}); a dataset's owner commits a test-set root ({commitTestSetRoot}) that tasks use as their
/// hidden test set while the owner keeps the data ({tasksBackedBy}).
contract AssetRegistry is ERC721, IERC4906, ReentrancyGuardTransient, ITaskAssets {
    using SafeERC20 for IERC20;

    /// @notice What an asset is.
    enum AssetKind {
        Model,
        Dataset,
        Code
    }

    /// @notice A registered asset. Only `metadataURI` ever changes.
    /// @param contentHash keccak256 of the asset bytes.
    /// @param sha256Digest sha2-256 of the same bytes: the digest inside its CID (see {cidOf}).
    struct Asset {
        AssetKind kind;
        bytes32 contentHash;
        bytes32 sha256Digest;
        string metadataURI;
    }

    /// @notice Where a model version comes from: the version it succeeds (zero for an original), the task whose
    /// winner it was (zero for an original) and the score with which it beat its predecessor there.
    struct Version {
        uint256 previous;
        uint256 taskId;
        uint256 score;
    }

    /// @notice The registered assets a training task names; zero for none.
    struct TaskAssets {
        uint256 incumbentAsset; // model entered as the task's entry 0, which a winner must strictly beat
        uint256 testSetAsset; // dataset whose committed test-set root is the task's test-set root
    }

    /// @notice A task's winner that beat its incumbent, waiting to be registered as the incumbent's next version.
    struct BeatenBy {
        bytes32 modelHash; // zero: none
        uint256 score;
        uint256 tokenId; // zero until registered
    }

    /// @notice Key under which ETH revenue is credited in {revenueOf}.
    address public constant ETH = address(0);

    uint256 private _nextTokenId = 1;
    mapping(uint256 tokenId => Asset) private _assets;
    mapping(bytes32 contentHash => uint256 tokenId) private _tokenOfContent;
    mapping(address account => mapping(address asset => uint256)) private _revenue;

    /// @notice An asset was registered as token `tokenId`.
    event AssetRegistered(
        uint256 indexed tokenId, address indexed owner, AssetKind kind, bytes32 indexed contentHash, string cid, string metadataURI
    );
    /// @notice The metadata URI of `tokenId` changed.
    event MetadataURIUpdated(uint256 indexed tokenId, string oldURI, string newURI);
    /// @notice `amount` of `asset` (ETH when zero address) paid for `tokenId` was credited to `owner`.
    event RevenuePaid(uint256 indexed tokenId, address indexed owner, address indexed asset, address payer, uint256 amount);
    /// @notice `account` withdrew its `amount` revenue in `asset` to `to`.
    event RevenueWithdrawn(address indexed account, address indexed asset, address to, uint256 amount);

    /// @notice The content hash is zero.
    error ZeroContentHash();
    /// @notice Content with this hash is already registered as `tokenId`.
    error ContentAlreadyRegistered(bytes32 contentHash, uint256 tokenId);
    /// @notice No asset has this content hash.
    error ContentNotRegistered(bytes32 contentHash);
    /// @notice The string is not a canonical base32 CIDv1 of raw sha2-256 content.
    error InvalidCid(string cid);
    /// @notice The metadata URI is empty.
    error EmptyMetadataURI();
    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice The destination is the zero address.
    error ZeroAddress();
    /// @notice `account` has no revenue in `asset` to withdraw.
    error NothingToWithdraw(address account, address asset);

    /// @notice Where proven authors of content come from (the training tasks); zero when there is none.
    IContentAuthors public immutable authors;

    /// @dev Block of each registration commitment, by committer.
    mapping(address committer => mapping(bytes32 commitment => uint256 blockNumber)) private _commitments;

    /// @notice `committer` committed to registering some content ({registrationCommitment}).
    event RegistrationCommitted(address indexed committer, bytes32 indexed commitment);
    /// @notice The test-set root committed for dataset `tokenId` changed from `oldRoot` to `newRoot`.
    event TestSetRootCommitted(uint256 indexed tokenId, bytes32 oldRoot, bytes32 newRoot);
    /// @notice Dataset `tokenId` backs training task `taskId` as its hidden test set.
    event TaskBacked(uint256 indexed tokenId, uint256 indexed taskId);
    /// @notice Training task `taskId` names model `incumbentAsset` as its incumbent and dataset `testSetAsset` as its
    /// hidden test set (zero: none).
    event TaskAssetsNamed(uint256 indexed taskId, uint256 indexed incumbentAsset, uint256 indexed testSetAsset);
    /// @notice Model `modelHash` won task `taskId` with `score`, beating the incumbent `incumbentAsset`:
    /// {registerNextVersion} registers it as the asset's next version.
    event IncumbentBeaten(uint256 indexed taskId, uint256 indexed incumbentAsset, bytes32 modelHash, uint256 score);
    /// @notice Token `tokenId` was registered as the next version of `previous`: the winner of task `taskId`, which
    /// beat `previous` with `score`.
    event VersionRegistered(uint256 indexed tokenId, uint256 indexed previous, uint256 indexed taskId, uint256 score);

    /// @dev Test-set roots committed by datasets' owners, the tasks each dataset backs, models' lineage, the assets
    /// each task names, and each task's winner over its incumbent.
    mapping(uint256 tokenId => bytes32 root) private _testSetRoots;
    mapping(uint256 tokenId => uint256[] taskIds) private _backedTasks;
    mapping(uint256 tokenId => Version) private _versions;
    mapping(uint256 taskId => TaskAssets) private _taskAssets;
    mapping(uint256 taskId => BeatenBy) private _beatenBy;

    /// @notice The content was revealed in a training task by `author`: only the author may register it.
    error NotContentAuthor(bytes32 contentHash, address author, address caller);
    /// @notice Content no task has seen is registered with {commitRegistration} and {registerCommitted}.
    error RegistrationNotCommitted(bytes32 contentHash);
    /// @notice The commitment is unknown to the caller, or was made in this block (`committedAt`).
    error CommitmentNotReady(bytes32 commitment, uint256 committedAt);
    /// @notice The commitment is zero.
    error ZeroCommitment();
    /// @notice Asset `tokenId` is a `kind`, not the kind this needs.
    error WrongAssetKind(uint256 tokenId, AssetKind kind, AssetKind expected);
    /// @notice The test-set root is zero.
    error ZeroTestSetRoot();
    /// @notice Dataset `tokenId` has no committed test-set root.
    error NoTestSetRoot(uint256 tokenId);
    /// @notice `caller` is not the training tasks this registry reads authors from.
    error NotTrainingTasks(address caller);
    /// @notice The model bytes hash to `given`, not to the version the task chose, `expected`.
    error VersionContentMismatch(bytes32 expected, bytes32 given);
    /// @notice Task `taskId`'s winner is already registered as `tokenId`.
    error VersionAlreadyRegistered(uint256 taskId, uint256 tokenId);
    /// @notice The incumbent's bytes hash to `given` (a large incumbent's commitment has model root `given`), not to
    /// model `tokenId`'s content hash `registered`.
    error IncumbentMismatch(uint256 tokenId, bytes32 registered, bytes32 given);
    /// @notice The task names test-set root `given`; dataset `tokenId` committed `committed`.
    error TestSetRootMismatch(uint256 tokenId, bytes32 committed, bytes32 given);
    /// @notice No winner of task `taskId` beat an incumbent (yet).
    error NoNewVersion(uint256 taskId);

    /// @param authors_ The training tasks (or any {IContentAuthors}); zero for a registry without them.
    constructor(IContentAuthors authors_) ERC721("DaoPlatform AI Asset", "AIA") {
        authors = authors_;
    }

    /// @notice Commits to registering content without revealing it: `commitment` is
    /// {registrationCommitment} of the content hash, the owner-to-be, a secret salt and the caller.
    /// @dev Requirements: non-zero commitment. Emits {RegistrationCommitted}.
    function commitRegistration(bytes32 commitment) external {
        if (commitment == bytes32(0)) revert ZeroCommitment();
        _commitments[msg.sender][commitment] = block.number;
        emit RegistrationCommitted(msg.sender, commitment);
    }

    /// @notice Registers content the caller committed to in an earlier block, minting its token to
    /// `owner`. A front-runner who learns the content from this transaction cannot have committed before.
    /// @dev Requirements: the caller's commitment {registrationCommitment}(contentHash, owner, salt,
    /// caller) exists from an earlier block; content a task has seen needs its author as the caller; and
    /// everything {registerFor} requires. Emits {AssetRegistered} and {IERC721-Transfer}.
    function registerCommitted(
        AssetKind kind,
        bytes32 contentHash,
        string calldata cid,
        string calldata metadataURI,
        address owner,
        bytes32 salt
    ) external returns (uint256 tokenId) {
        bytes32 commitment = registrationCommitment(contentHash, owner, salt, msg.sender);
        uint256 committedAt = _commitments[msg.sender][commitment];
        if (committedAt == 0 || committedAt >= block.number) revert CommitmentNotReady(commitment, committedAt);
        delete _commitments[msg.sender][commitment];
        address author = _authorOf(contentHash);
        if (author != address(0) && author != msg.sender) revert NotContentAuthor(contentHash, author, msg.sender);
        return _register(owner, kind, contentHash, cid, metadataURI);
    }

    /// @notice The commitment {registerCommitted} expects: keccak256(abi.encode(contentHash, owner, salt, committer)).
    function registrationCommitment(bytes32 contentHash, address owner, bytes32 salt, address committer)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(contentHash, owner, salt, committer));
    }

    /// @notice Registers an asset and mints its token to the caller. See {registerFor}.
    function register(AssetKind kind, bytes32 contentHash, string calldata cid, string calldata metadataURI)
        external
        returns (uint256 tokenId)
    {
        return registerFor(msg.sender, kind, contentHash, cid, metadataURI);
    }

    /// @notice Registers a model revealed in a training task, by its author, and mints its token to
    /// `owner` (a contract owner must accept ERC-721 tokens). Other content goes through
    /// {commitRegistration} and {registerCommitted}.
    /// @dev Requirements: the caller is the content's proven author ({IContentAuthors-authorOf});
    /// `contentHash` non-zero and not registered yet; `cid` a canonical base32
    /// CIDv1 of raw sha2-256 content ("bafkrei" + 52 characters); `metadataURI` non-empty; `owner`
    /// non-zero. The chain cannot check that `cid` and `contentHash` name the same bytes: the
    /// registrant vouches for it, and anyone holding the bytes can verify both.
    /// Emits {AssetRegistered} and {IERC721-Transfer}.
    /// @return tokenId The new token.
    function registerFor(
        address owner,
        AssetKind kind,
        bytes32 contentHash,
        string calldata cid,
        string calldata metadataURI
    ) public returns (uint256 tokenId) {
        address author = _authorOf(contentHash);
        if (author == address(0)) revert RegistrationNotCommitted(contentHash);
        if (author != msg.sender) revert NotContentAuthor(contentHash, author, msg.sender);
        return _register(owner, kind, contentHash, cid, metadataURI);
    }

    /// @notice Replaces the metadata URI of `tokenId`.
    /// @dev Requirements: the token exists; the caller is its owner or approved for it; `newURI`
    /// non-empty. Emits {MetadataURIUpdated} and {IERC4906-MetadataUpdate}.
    function updateMetadataURI(uint256 tokenId, string calldata newURI) external {
        _checkAuthorized(_requireOwned(tokenId), msg.sender, tokenId);
        if (bytes(newURI).length == 0) revert EmptyMetadataURI();
        Asset storage asset = _assets[tokenId];
        string memory oldURI = asset.metadataURI;
        asset.metadataURI = newURI;
        emit MetadataURIUpdated(tokenId, oldURI, newURI);
        emit MetadataUpdate(tokenId);
    }

    /// @notice Commits the root of a hidden test set drawn from dataset `tokenId` ({TestSetMerkle} over its samples
    /// as the tasks' records): tasks that name the dataset use it, and only whoever holds the data (its owner's
    /// node) can reveal the chunks a task reveals. Replacing it leaves tasks created before with the old root.
    /// @dev Requirements: the token exists and is a dataset; the caller is its owner or approved for it; `root`
    /// non-zero. Emits {TestSetRootCommitted}.
    function commitTestSetRoot(uint256 tokenId, bytes32 root) external {
        _checkAuthorized(_requireOwned(tokenId), msg.sender, tokenId);
        _requireKind(tokenId, AssetKind.Dataset);
        if (root == bytes32(0)) revert ZeroTestSetRoot();
        emit TestSetRootCommitted(tokenId, _testSetRoots[tokenId], root);
        _testSetRoots[tokenId] = root;
    }

    /// @inheritdoc ITaskAssets
    /// @dev Emits {TaskAssetsNamed}.
    function nameTaskAssets(
        uint256 taskId,
        address funder,
        uint256 incumbentAsset,
        bytes32 incumbentHash,
        uint256 testSetAsset,
        bytes32 testSetRoot
    ) external {
        _onlyTasks();
        if (incumbentAsset != 0) {
            _checkAuthorized(_requireOwned(incumbentAsset), funder, incumbentAsset);
            _requireKind(incumbentAsset, AssetKind.Model);
            bytes32 registered = _assets[incumbentAsset].contentHash;
            if (incumbentHash != registered) revert IncumbentMismatch(incumbentAsset, registered, incumbentHash);
        }
        if (testSetAsset != 0) {
            _checkAuthorized(_requireOwned(testSetAsset), funder, testSetAsset);
            _requireKind(testSetAsset, AssetKind.Dataset);
            bytes32 committed = _testSetRoots[testSetAsset];
            if (committed == bytes32(0)) revert NoTestSetRoot(testSetAsset);
            if (testSetRoot != committed) revert TestSetRootMismatch(testSetAsset, committed, testSetRoot);
            _backedTasks[testSetAsset].push(taskId);
            emit TaskBacked(testSetAsset, taskId);
        }
        _taskAssets[taskId] = TaskAssets(incumbentAsset, testSetAsset);
        emit TaskAssetsNamed(taskId, incumbentAsset, testSetAsset);
    }

    /// @inheritdoc ITaskAssets
    /// @dev Emits {IncumbentBeaten}.
    function recordIncumbentBeaten(uint256 taskId, bytes32 modelHash, uint256 score) external {
        _onlyTasks();
        _beatenBy[taskId] = BeatenBy(modelHash, score, 0);
        emit IncumbentBeaten(taskId, _taskAssets[taskId].incumbentAsset, modelHash, score);
    }

    /// @notice Registers the winner of task `taskId`, which beat the task's incumbent model, as the incumbent's next
    /// version, minted to the incumbent's current owner (who funded or allowed the task), with the incumbent's
    /// metadata URI (which the owner may update). `model` is the winner's bytes: the contract computes both its
    /// hashes, so anyone may call, and the CID is right by construction.
    /// @dev Requirements: the task's winner beat its incumbent ({IncumbentBeaten}); keccak256(model) is the winner's
    /// content hash; it is not registered yet. Emits {AssetRegistered}, {VersionRegistered} and {IERC721-Transfer}.
    /// @return tokenId The new version's token.
    function registerNextVersion(uint256 taskId, bytes calldata model) external returns (uint256 tokenId) {
        return _registerVersion(taskId, keccak256(model), sha256(model));
    }

    /// @notice Registers the winner of large-model task `taskId` (docs/training-tasks.md §9.3), which beat the task's
    /// incumbent, as the incumbent's next version, as {registerNextVersion} does, by its commitment: `header` and
    /// `rowsRoot` give its model root, the content hash a large model is registered under (its bytes are too large
    /// for a transaction), and `cid` is the registry's CID of its bytes (raw sha2-256 of the whole DQM1 file). The
    /// chain cannot check the CID, so only who receives the token, the incumbent's owner or a manager it approved,
    /// vouches for it.
    /// @dev Requirements: the caller is the incumbent's owner or approved for it; the task's winner beat its incumbent;
    /// keccak256(keccak256(header) || rowsRoot) is the winner's model root; `cid` a canonical raw CIDv1; the winner not
    /// registered yet. Emits {AssetRegistered}, {VersionRegistered} and {IERC721-Transfer}.
    /// @return tokenId The new version's token.
    function registerNextLargeVersion(uint256 taskId, bytes calldata header, bytes32 rowsRoot, string calldata cid)
        external
        returns (uint256 tokenId)
    {
        uint256 previous = _taskAssets[taskId].incumbentAsset;
        if (previous != 0) _checkAuthorized(_ownerOf(previous), msg.sender, previous);
        (bool validCid, bytes32 sha256Digest) = RawSha256Cid.decode(cid);
        if (!validCid) revert InvalidCid(cid);
        return _registerVersion(taskId, keccak256(abi.encodePacked(keccak256(header), rowsRoot)), sha256Digest);
    }

    /// @dev Registers task `taskId`'s winner, whose content hash is `given` and sha2-256 digest `sha256Digest`, as the
    /// next version of the task's incumbent. Emits {AssetRegistered}, {VersionRegistered} and {IERC721-Transfer}.
    function _registerVersion(uint256 taskId, bytes32 given, bytes32 sha256Digest) private returns (uint256 tokenId) {
        BeatenBy storage beaten = _beatenBy[taskId];
        bytes32 contentHash = beaten.modelHash;
        if (contentHash == bytes32(0)) revert NoNewVersion(taskId);
        if (beaten.tokenId != 0) revert VersionAlreadyRegistered(taskId, beaten.tokenId);
        if (given != contentHash) revert VersionContentMismatch(contentHash, given);
        uint256 previous = _taskAssets[taskId].incumbentAsset;
        tokenId = _nextTokenId;
        beaten.tokenId = tokenId;
        _versions[tokenId] = Version(previous, taskId, beaten.score);
        emit VersionRegistered(tokenId, previous, taskId, beaten.score);
        _mintAsset(_requireOwned(previous), AssetKind.Model, contentHash, sha256Digest, _assets[previous].metadataURI);
    }

    /// @notice The assets training task `taskId` names (zeros when none).
    function taskAssetsOf(uint256 taskId) external view returns (TaskAssets memory) {
        return _taskAssets[taskId];
    }

    /// @notice The winner of task `taskId` that beat its incumbent: its content hash (zero: none yet), its score, and
    /// its token once registered as the next version (zero until then).
    function beatenBy(uint256 taskId) external view returns (BeatenBy memory) {
        return _beatenBy[taskId];
    }

    /// @notice The lineage of model `tokenId`: the version it succeeds, the task it won and its score there (zeros
    /// for an original). Clients walk `previous` back to the original.
    /// @dev Requirements: the token exists.
    function versionOf(uint256 tokenId) external view returns (Version memory) {
        _requireOwned(tokenId);
        return _versions[tokenId];
    }

    /// @notice The test-set root committed for dataset `tokenId` (zero when none).
    function testSetRootOf(uint256 tokenId) external view returns (bytes32) {
        return _testSetRoots[tokenId];
    }

    /// @notice The tasks dataset `tokenId` backs as their hidden test set, in creation order (read off chain).
    function tasksBackedBy(uint256 tokenId) external view returns (uint256[] memory) {
        return _backedTasks[tokenId];
    }

    /// @inheritdoc ITaskAssets
    function isRegistered(bytes32 contentHash) external view returns (bool) {
        return _tokenOfContent[contentHash] != 0;
    }

    /// @notice Pays `amount` of `token` as revenue of `tokenId`, pulled from the caller and credited
    /// to the token's current owner.
    /// @dev Requirements: the token exists; `amount` non-zero; the caller approved it.
    /// Emits {RevenuePaid}.
    function payRevenue(uint256 tokenId, IERC20 token, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        address owner = _requireOwned(tokenId);
        uint256 received = TransferIn.pullReceived(token, msg.sender, amount);
        _revenue[owner][address(token)] += received;
        emit RevenuePaid(tokenId, owner, address(token), msg.sender, received);
    }

    /// @notice Pays the attached ETH as revenue of `tokenId`, credited to the token's current owner.
    /// @dev Requirements: the token exists; some ETH attached. Emits {RevenuePaid}.
    function payRevenueETH(uint256 tokenId) external payable {
        if (msg.value == 0) revert ZeroAmount();
        address owner = _requireOwned(tokenId);
        _revenue[owner][ETH] += msg.value;
        emit RevenuePaid(tokenId, owner, ETH, msg.sender, msg.value);
    }

    /// @notice Sends all of the caller's revenue in `token` to `to`.
    /// @dev Requirements: `to` non-zero; the caller has some. Emits {RevenueWithdrawn}.
    /// @return amount The tokens sent.
    function withdrawRevenue(IERC20 token, address to) external nonReentrant returns (uint256 amount) {
        amount = _debitAll(address(token), to);
        token.safeTransfer(to, amount);
    }

    /// @notice Sends all of the caller's ETH revenue to `to` (choose a `to` that accepts ETH).
    /// @dev Requirements: `to` non-zero; the caller has some. Emits {RevenueWithdrawn}.
    /// @return amount The wei sent.
    function withdrawRevenueETH(address payable to) external nonReentrant returns (uint256 amount) {
        amount = _debitAll(ETH, to);
        Address.sendValue(to, amount);
    }

    /// @notice The asset behind `tokenId`.
    /// @dev Requirements: the token exists.
    function assetOf(uint256 tokenId) external view returns (Asset memory) {
        _requireOwned(tokenId);
        return _assets[tokenId];
    }

    /// @notice The CIDv1 string of the asset behind `tokenId`.
    /// @dev Requirements: the token exists.
    function cidOf(uint256 tokenId) external view returns (string memory) {
        _requireOwned(tokenId);
        return RawSha256Cid.encode(_assets[tokenId].sha256Digest);
    }

    /// @notice The token registered for `contentHash`.
    /// @dev Requirements: the content is registered.
    function tokenOfContent(bytes32 contentHash) external view returns (uint256 tokenId) {
        tokenId = _tokenOfContent[contentHash];
        if (tokenId == 0) revert ContentNotRegistered(contentHash);
    }

    /// @notice Revenue credited to `account` in `asset` (the ETH constant for ether) and not withdrawn.
    function revenueOf(address account, address asset) external view returns (uint256) {
        return _revenue[account][asset];
    }

    /// @notice The metadata URI of `tokenId`.
    /// @dev Requirements: the token exists.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        return _assets[tokenId].metadataURI;
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, IERC165) returns (bool) {
        return interfaceId == bytes4(0x49064906) || super.supportsInterface(interfaceId);
    }

    function _register(
        address owner,
        AssetKind kind,
        bytes32 contentHash,
        string calldata cid,
        string calldata metadataURI
    ) private returns (uint256 tokenId) {
        if (contentHash == bytes32(0)) revert ZeroContentHash();
        (bool validCid, bytes32 sha256Digest) = RawSha256Cid.decode(cid);
        if (!validCid) revert InvalidCid(cid);
        if (bytes(metadataURI).length == 0) revert EmptyMetadataURI();
        return _mintAsset(owner, kind, contentHash, sha256Digest, metadataURI);
    }

    /// @dev Records content not registered yet as the next token and mints it to `owner`. Emits {AssetRegistered}.
    function _mintAsset(
        address owner,
        AssetKind kind,
        bytes32 contentHash,
        bytes32 sha256Digest,
        string memory metadataURI
    ) private returns (uint256 tokenId) {
        uint256 existing = _tokenOfContent[contentHash];
        if (existing != 0) revert ContentAlreadyRegistered(contentHash, existing);
        tokenId = _nextTokenId++;
        _tokenOfContent[contentHash] = tokenId;
        _assets[tokenId] = Asset(kind, contentHash, sha256Digest, metadataURI);
        emit AssetRegistered(tokenId, owner, kind, contentHash, RawSha256Cid.encode(sha256Digest), metadataURI);
        // Last: the receiver hook of a contract owner runs after all state is written.
        _safeMint(owner, tokenId);
    }

    function _onlyTasks() private view {
        if (msg.sender != address(authors)) revert NotTrainingTasks(msg.sender);
    }

    function _requireKind(uint256 tokenId, AssetKind expected) private view {
        AssetKind kind = _assets[tokenId].kind;
        if (kind != expected) revert WrongAssetKind(tokenId, kind, expected);
    }

    function _authorOf(bytes32 contentHash) private view returns (address) {
        return address(authors) == address(0) ? address(0) : authors.authorOf(contentHash);
    }

    function _debitAll(address asset, address to) private returns (uint256 amount) {
        if (to == address(0)) revert ZeroAddress();
        amount = _revenue[msg.sender][asset];
        if (amount == 0) revert NothingToWithdraw(msg.sender, asset);
        _revenue[msg.sender][asset] = 0;
        emit RevenueWithdrawn(msg.sender, asset, to, amount);
    }
}
