// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {QuantizedMlp} from "../evaluation/QuantizedMlp.sol";
import {IContentAuthors} from "../registry/IContentAuthors.sol";
import {ITaskAssets} from "../registry/ITaskAssets.sol";
import {IAvailabilityTasks, ModelAvailability} from "./ModelAvailability.sol";
import {ITaskVerifier} from "./ITaskVerifier.sol";
import {ITrainingTasks, NO_WINNER} from "./ITrainingTasks.sol";
import {ModelCommitment} from "./ModelCommitment.sol";
import {ModelPublication} from "./ModelPublication.sol";
import {TestSetMerkle} from "./TestSetMerkle.sol";
import {TokenCredits} from "../utils/TokenCredits.sol";
import {TransferIn} from "../utils/TransferIn.sol";

/**
 * @title TrainingTasks
 * @notice Commit-reveal training competitions with an escrowed reward and a hidden, committed test set.
 *
 * Phases of a task (times are block timestamps, every bound exclusive at its end):
 * 1. until `commitDeadline`: trainers commit `keccak256(abi.encode(modelHash, salt, trainer, taskId))`
 *    and escrow the stake;
 * 2. `commitDeadline`..`revealDeadline`: trainers reveal the model bytes in calldata (hash-, commitment-
 *    and shape-checked); the stake stays escrowed;
 * 3. `revealDeadline`..`testSetRevealDeadline`: anyone reveals the test set, chunk after chunk, each chunk
 *    proven against `testSetRoot`; the contract keeps only a digest of the labels;
 * 4. until `evaluationDeadline` (EVALUATION_PERIOD after the test-set deadline) evaluators post results to
 *    the {OptimisticVerifier}, which judges them and calls {settleEvaluated}; when the test set was withheld,
 *    nobody revealed a model, or no result was posted in time (or the last one was overturned), anyone
 *    calls {settleWithoutEvaluation}. Every task is settled by evaluationDeadline + the longest challenge
 *    window.
 *
 * The submitter commits at creation to a baseline, `minScore`: the reward goes to the best model at or
 * above it (back to the submitter when there is none), and only models at or above it get their stakes
 * back. Stakes of models below the baseline and of commitments never revealed go to the DAO's treasury
 * (read from the verifier), never to a party of the task, so filling trainer slots with junk only costs.
 * Withholding the test set splits the reward among the revealed trainers and returns their stakes.
 * All payouts are credits withdrawn with {withdraw}.
 *
 * Large-model tasks (docs/training-tasks.md §8) opt in with `maxModelBytes` above MAX_MODEL_BYTES: their models
 * are published in chunks ({ModelPublication}) and revealed by their row commitment ({revealLargeModel}).
 *
 * A task may name registered assets (docs/training-tasks.md §9, {createTaskWithAssets}): an incumbent model, entered
 * as entry 0 with no stake and no reward, which a winner must strictly beat (ties go to the earliest entry) and whose
 * successor the registry then records as its next version; and a dataset whose committed test-set root is the task's
 * hidden test set.
 */
contract TrainingTasks is ITrainingTasks, IAvailabilityTasks, IContentAuthors, ModelPublication, TokenCredits {
    /// @notice Most samples in a test set: bounds a score dispute and the posted predictions.
    uint256 public constant MAX_TEST_SET_SIZE = 10_000;
    /// @notice Most commitments per task: bounds every per-task loop.
    uint256 public constant MAX_TRAINERS = 64;
    /// @notice Most prediction bytes one result carries (testSetSize * maxTrainers): one transaction below
    /// the 128 KiB transaction size limit of OP-stack nodes.
    uint256 public constant MAX_POSTED_PREDICTIONS = 120_000;
    /// @notice Most multiply-accumulates per prediction: bounds the weight work of a reveal and a prediction dispute.
    uint256 public constant MAX_MACS = 100_000;
    /// @notice Most neurons (hidden and output) per model: bounds the per-neuron work of a reveal and a
    /// prediction dispute, which dominates for narrow, deep models.
    uint256 public constant MAX_NEURONS = 1024;
    /// @notice Most test-set chunks: bounds the re-chaining of the labels digest in a score dispute.
    uint256 public constant MAX_TEST_SET_CHUNKS = 1024;
    /// @notice Most bytes in a model: its reveal and its dispute stay one transaction.
    uint256 public constant MAX_MODEL_BYTES = 100_000;
    /// @notice Most multiply-accumulates per prediction in a large-model task: the format's 8 layers of 4096.
    uint256 public constant MAX_LARGE_MACS = 8 * 4096 * 4096;
    /// @notice Most bytes of a model in a large-model task: the largest DQM1 encoding (31-byte header, then
    /// 8 layers of 4096 x 4096 weights and 4096 biases).
    uint256 public constant MAX_LARGE_MODEL_BYTES = 31 + 8 * (4096 * 4096 + 4 * 4096);
    /// @notice Most bytes of sample records per test-set chunk.
    uint256 public constant MAX_CHUNK_BYTES = 100_000;
    /// @notice Largest input size the model format allows.
    uint256 public constant MAX_INPUT_SIZE = 4096;
    /// @notice Most classes: predictions and labels are one byte each.
    uint256 public constant MAX_CLASSES = 256;
    /// @notice Most layers the model format allows.
    uint256 public constant MAX_LAYERS = 8;
    /// @notice Shortest commit, reveal and test-set window: longer than the OP Stack's forced-inclusion delay
    /// (the 12-hour sequencer window), so neither a block-time gap nor a censoring sequencer can make a
    /// window unreachable for a transaction sent in time.
    uint256 public constant MIN_WINDOW = 1 days;
    /// @notice Time after the test-set deadline during which results may be posted. With the verifier's
    /// longest challenge window it bounds the life of a task, whatever anyone does.
    uint256 public constant EVALUATION_PERIOD = 7 days;
    /// @notice Time after the reveal deadline in which chunks of committed large models may be challenged
    /// (docs/training-tasks.md §8.5): longer than the 12-hour forced-inclusion delay.
    uint256 public constant AVAILABILITY_WINDOW = 1 days;

    /// @notice One commitment, in commit order.
    struct Entry {
        address trainer;
        bool revealed;
        bytes32 commitment;
        bytes32 modelHash;
    }

    /// @notice The contract allowed to settle a task with a winner.
    address public immutable verifier;
    /// @notice The asset registry whose models and datasets tasks may name; zero when tasks cannot name assets.
    ITaskAssets public immutable registry;
    /// @dev The entry index of a task's incumbent, the only entry without a trainer (the registry keeps which asset).
    uint256 private constant INCUMBENT_ENTRY = 0;
    /// @notice The availability game of committed large models, deployed with this contract.
    ModelAvailability public immutable availability;

    /// @notice A large model committed without publication: the hash of its header, its rows root, its chunk count.
    struct CommittedModel {
        bytes32 headerHash;
        bytes32 rowsRoot;
        uint256 chunkCount;
    }

    mapping(uint256 taskId => mapping(uint256 entryIndex => CommittedModel)) private _committedModels;
    /// @dev Tasks with at least one committed (unpublished) model: their payouts wait for the availability game.
    mapping(uint256 taskId => bool) private _hasCommittedModels;
    /// @dev Entries slashed for an unavailable chunk: excluded, their stake already paid out.
    mapping(uint256 taskId => mapping(uint256 entryIndex => bool)) private _excluded;

    uint256 private _nextTaskId = 1;
    mapping(uint256 taskId => TaskConfig) private _configs;
    mapping(uint256 taskId => TaskState) private _states;
    mapping(uint256 taskId => mapping(uint256 entryIndex => Entry)) private _entries;
    /// @dev Entry index + 1 of a trainer's commitment; 0 when none.
    mapping(uint256 taskId => mapping(address trainer => uint256)) private _entryNumbers;

    /// @notice The trainer who first opened a commitment to the model whose hash is `contentHash` (keccak256 of a
    /// small model; the model root of a large one): its commitment, made before the bytes were public, proves
    /// authorship (the {AssetRegistry} lets only it register them). A small model's author is recorded at its
    /// reveal, which is also when its bytes become public; a large model's with {claimModelAuthorship}, before
    /// its first chunk can be published.
    mapping(bytes32 contentHash => address trainer) public authorOf;


    /// @notice `author` opened its commitment in `taskId` to the large model `modelRoot` and is recorded as its author.
    event ModelAuthorClaimed(bytes32 indexed modelRoot, address indexed author, uint256 indexed taskId);
    /// @notice A task was created and its reward escrowed.
    event TaskCreated(uint256 indexed taskId, address indexed submitter, TaskConfig config);
    /// @notice A trainer committed to a model; `entryIndex` is its place in commit order.
    event Committed(uint256 indexed taskId, uint256 indexed entryIndex, address indexed trainer, bytes32 commitment);
    /// @notice A trainer revealed its model (bytes in this transaction's calldata; `uri` is a convenience).
    event ModelRevealed(
        uint256 indexed taskId, uint256 indexed entryIndex, address indexed trainer, bytes32 modelHash, string uri
    );
    /// @notice A test-set chunk was revealed; the labels digest moved from `oldLabelsDigest` to `newLabelsDigest`.
    event TestSetChunkRevealed(
        uint256 indexed taskId, uint256 indexed chunkIndex, bytes32 oldLabelsDigest, bytes32 newLabelsDigest
    );
    /// @notice The last test-set chunk was revealed; the task can be evaluated.
    event TestSetRevealed(uint256 indexed taskId, bytes32 labelsDigest);
    /// @notice The task's pool was credited to `recipient`, or split among the revealed trainers when it is zero.
    event TaskSettled(uint256 indexed taskId, address indexed recipient, uint256 pool, bool evaluated);
    /// @notice Entry `entryIndex` committed its large model `modelRoot` without publishing it; the bytes are at `cid`.
    event ModelCommitted(
        uint256 indexed taskId,
        uint256 indexed entryIndex,
        bytes32 indexed modelRoot,
        bytes32 rowsRoot,
        uint256 chunkCount,
        string cid,
        bytes header
    );
    /// @notice A chunk of entry `entryIndex`'s committed model stayed unavailable: its stake went to `challenger`
    /// and the treasury, and its model is excluded.
    event ModelExcluded(
        uint256 indexed taskId, uint256 indexed entryIndex, address indexed challenger, uint256 toChallenger, uint256 toTreasury
    );
    /// @notice Stakes that nobody may profit from were credited to the DAO's `treasury`.
    event StakesForfeited(uint256 indexed taskId, address indexed treasury, uint256 amount);

    error ZeroReward();
    error ZeroTestSetRoot();
    error TestSetSizeOutOfRange(uint256 size, uint256 max);
    error InvalidIoShape(uint256 inputSize, uint256 classes);
    error InvalidChunkSize(uint256 chunkSize, uint256 recordSize);
    error TooManyChunks(uint256 chunks, uint256 maxChunks);
    error TooManyNeurons(uint256 neurons, uint256 maxNeurons);
    error TrainerCapOutOfRange(uint256 maxTrainers, uint256 testSetSize);
    error ModelLimitsOutOfRange(uint256 maxLayers, uint256 maxMacs, uint256 maxModelBytes);
    error NoModelWithinLimits(uint256 inputSize, uint256 classes, uint256 maxLayers, uint256 maxMacs, uint256 maxModelBytes);
    error WindowTooShort(uint256 opensAt, uint256 closesAt, uint256 minWindow);
    error IncorrectPayment(uint256 expected, uint256 received);
    error TaskNotFound(uint256 taskId);
    error ZeroCommitment();
    error OutsideWindow(uint256 taskId, uint256 opensAt, uint256 closesAt);
    error TrainerCapReached(uint256 taskId, uint256 maxTrainers);
    error AlreadyCommitted(uint256 taskId, address trainer);
    error NotCommitted(uint256 taskId, address trainer);
    error AlreadyRevealed(uint256 taskId, uint256 entryIndex);
    error CommitmentMismatch(bytes32 committed, bytes32 revealed);
    error ModelTooLarge(uint256 length, uint256 maxModelBytes);
    error ModelOutsideLimits(uint256 layers, uint256 inputSize, uint256 classes, uint256 macs);
    error TestSetAlreadyRevealed(uint256 taskId);
    error UnexpectedChunk(uint256 taskId, uint256 expected, uint256 given);
    error ChunkLengthMismatch(uint256 expected, uint256 given);
    error InvalidChunkProof(uint256 taskId, uint256 chunkIndex);
    error TaskAlreadySettled(uint256 taskId);
    error EvaluationPending(uint256 taskId);
    error UnauthorizedVerifier(address caller);
    /// @notice The commitment names `given` availability chunks where its header makes `expected`.
    error ChunkCountMismatch(uint256 expected, uint256 given);
    /// @notice Results and payouts wait for the availability game of the task's committed models.
    error AvailabilityPending(uint256 taskId);
    /// @notice `caller` is not the availability game.
    error NotAvailability(address caller);
    /// @notice Entry `entryIndex` was excluded for an unavailable chunk.
    error EntryExcluded(uint256 taskId, uint256 entryIndex);
    /// @notice `caller` opened a commitment to `modelRoot`, whose author is already `author` (who opened one first).
    error ModelAuthorTaken(bytes32 modelRoot, address author, address caller);
    error TestSetNotRevealed(uint256 taskId);
    error EntryNotRevealed(uint256 taskId, uint256 entryIndex);
    error WinnerNotQualified(uint256 taskId, uint256 entryIndex);
    error StakeTooLow(uint256 stake, uint256 minStake);
    error MinScoreOutOfRange(uint256 minScore, uint256 min, uint256 max);
    error LargeModelTask(uint256 taskId);
    error NotLargeModelTask(uint256 taskId);
    /// @notice A large incumbent's commitment of `length` bytes lacks its rows root or its header's layer count (`minimum` bytes).
    error CommitmentTooShort(uint256 length, uint256 minimum);
    /// @notice The contract was deployed without an asset registry, so a task cannot name assets.
    error NoAssetRegistry();
    /// @notice In a task with an incumbent, entries must be new models: `modelHash` already has author `author`
    /// (zero: none, but it is a registered asset).
    error ModelNotNew(bytes32 modelHash, address author);

    /// @param verifier_ The {OptimisticVerifier} (its address is known before deployment from the deployer's nonce).
    /// @param registry_ The {AssetRegistry} (likewise known from the nonce); zero for tasks that cannot name assets.
    constructor(address verifier_, ITaskAssets registry_) {
        verifier = verifier_;
        registry = registry_;
        availability = new ModelAvailability(IAvailabilityTasks(address(this)));
    }

    /**
     * @notice Creates a task and escrows its reward.
     * @dev Requirements: non-zero reward (free tasks let a node farm pre-solved problems) paid in ETH as
     * `msg.value` when `config.token` is zero, else approved ERC-20 and no ETH; non-zero test-set root;
     * test set of 1..MAX_TEST_SET_SIZE samples; input size 1..MAX_INPUT_SIZE and 2..MAX_CLASSES classes;
     * a power-of-two chunk of at most MAX_CHUNK_BYTES and at most MAX_TEST_SET_CHUNKS chunks; 1..MAX_TRAINERS trainers with at most
     * MAX_POSTED_PREDICTIONS predictions per result; model limits within MAX_LAYERS, MAX_MACS and
     * MAX_MODEL_BYTES and admitting at least one model of the task's shape; commit, reveal and test-set
     * windows (from now, from the commit deadline, from the reveal deadline) of at least MIN_WINDOW each.
     * Emits {TaskCreated}.
     * @return taskId The new task's id (ids start at 1).
     */
    function createTask(TaskConfig calldata config) external payable nonReentrant returns (uint256 taskId) {
        return _createTask(config, 0, msg.data[0:0], 0);
    }

    /**
     * @notice Creates a task that names registered assets (docs/training-tasks.md §9) and escrows its reward.
     * `incumbentAsset` (zero for none) is a model the caller owns or may manage: its bytes, `incumbentModel`, are
     * published in this transaction (in a large-model task its commitment instead, `rowsRoot || header || cid`, its
     * bytes at the content store's `cid` under the availability game, §9.3) and it enters as entry 0, with no stake
     * and no reward, evaluated and disputable like any entry; a winner must strictly beat it, and the registry
     * records that winner as the asset's next version. `testSetAsset` (zero for none) is a dataset the caller owns or may manage whose committed test-set
     * root `config.testSetRoot` must equal; its owner keeps the data and reveals the chunks.
     * @dev Requirements: as {createTask}; an asset registry; with an incumbent, at least two trainer slots (the
     * incumbent takes one; the stake covers the others), and `incumbentModel` the asset's bytes, a valid model of the
     * task's shape within its limits (a large-model task: a commitment whose header is such a model's and whose model
     * root is the asset's content hash); with a test-set asset, its root equal to the config's.
     * Emits {TaskCreated}, {ModelCommitted} for a large incumbent, and the registry's {AssetRegistry-TaskAssetsNamed}.
     * @return taskId The new task's id.
     */
    function createTaskWithAssets(
        TaskConfig calldata config,
        uint256 incumbentAsset,
        bytes calldata incumbentModel,
        uint256 testSetAsset
    ) external payable nonReentrant returns (uint256 taskId) {
        if (address(registry) == address(0)) revert NoAssetRegistry();
        return _createTask(config, incumbentAsset, incumbentModel, testSetAsset);
    }

    /// @dev Checks and stores a task, enters its incumbent, takes its test-set root's backing, escrows its reward.
    function _createTask(
        TaskConfig calldata config,
        uint256 incumbentAsset,
        bytes calldata incumbentModel,
        uint256 testSetAsset
    ) private returns (uint256 taskId) {
        bool hasIncumbent = incumbentAsset != 0;
        _checkConfig(config, hasIncumbent);
        taskId = _nextTaskId++;
        _configs[taskId] = config;
        _states[taskId].submitter = msg.sender;
        emit TaskCreated(taskId, msg.sender, config);
        if (hasIncumbent || testSetAsset != 0) {
            bytes32 incumbentHash = hasIncumbent ? _enterIncumbent(taskId, incumbentModel) : bytes32(0);
            // The registry is fixed at deployment and trusted: it checks that the caller may name the assets, that
            // the incumbent's bytes are the model asset's and the test-set root the dataset's, and records them.
            registry.nameTaskAssets(
                taskId, msg.sender, incumbentAsset, incumbentHash, testSetAsset, config.testSetRoot
            );
        }
        _collect(config.token, config.reward);
    }

    /// @dev Enters the incumbent as revealed entry 0 without a trainer (the registry's {AssetRegistry-TaskAssetsNamed}
    /// announces it); returns its content hash. A small model's `model` is its bytes (keccak256 is the hash); a large
    /// one's is its commitment `rowsRoot (32 bytes) || header || cid` (the model root is the hash; the bytes stay at
    /// the content store's `cid`, and the availability game covers it like a trainer's committed model).
    function _enterIncumbent(uint256 taskId, bytes calldata model) private returns (bytes32 given) {
        TaskConfig storage config = _configs[taskId];
        if (_isLarge(config)) {
            // The rows root, then the header: 7 + 3 x layers bytes, its fifth byte (model[36]) the layer count. A
            // commitment that holds them but a short header is named by {_checkLargeHeader}.
            if (model.length < 37) revert CommitmentTooShort(model.length, 37);
            uint256 end = 39 + 3 * uint256(uint8(model[36]));
            if (end > model.length) end = model.length;
            bytes calldata header = model[32:end];
            _checkLargeHeader(config, header);
            given = _recordCommitted(
                taskId, INCUMBENT_ENTRY, header, bytes32(model[:32]), string(model[end:]), ModelCommitment.availabilityChunkCount(header)
            );
        } else {
            given = keccak256(model);
            _checkModel(config, model);
        }
        TaskState storage state = _states[taskId];
        state.entryCount = 1;
        state.revealedCount = 1;
        _entries[taskId][INCUMBENT_ENTRY] =
            Entry({trainer: address(0), revealed: true, commitment: bytes32(0), modelHash: given});
    }

    /**
     * @notice Commits to a model: `commitment = keccak256(abi.encode(modelHash, salt, msg.sender, taskId))`,
     * so a copied commitment is worthless to anyone else. Escrows the task's stake.
     * @dev Requirements: the task exists, now < commitDeadline, non-zero commitment, one commitment per
     * trainer, fewer than maxTrainers so far, the stake paid like the reward.
     * Emits {Committed}.
     */
    function commit(uint256 taskId, bytes32 commitment) external payable nonReentrant {
        TaskConfig storage config = _existingConfig(taskId);
        if (block.timestamp >= config.commitDeadline) {
            revert OutsideWindow(taskId, 0, config.commitDeadline);
        }
        if (commitment == bytes32(0)) revert ZeroCommitment();
        if (_entryNumbers[taskId][msg.sender] != 0) revert AlreadyCommitted(taskId, msg.sender);
        TaskState storage state = _states[taskId];
        uint256 entryIndex = state.entryCount;
        if (entryIndex >= config.maxTrainers) revert TrainerCapReached(taskId, config.maxTrainers);

        state.entryCount = uint16(entryIndex + 1);
        _entryNumbers[taskId][msg.sender] = entryIndex + 1;
        _entries[taskId][entryIndex] =
            Entry({trainer: msg.sender, revealed: false, commitment: commitment, modelHash: bytes32(0)});
        emit Committed(taskId, entryIndex, msg.sender, commitment);
        _collect(config.token, config.stake);
    }

    /**
     * @notice Reveals the committed model: its bytes go in calldata so every auditor can fetch them from the
     * chain; `uri` (a CID or URL) is only a convenience. The stake stays escrowed until settlement: it returns
     * when the model reaches the task's baseline score (or the task cannot be evaluated).
     * @dev Requirements: commitDeadline <= now < revealDeadline; the caller committed and has not revealed;
     * the commitment matches `keccak256(model)` and `salt`; the model is a valid DQM1 model
     * ({QuantizedMlp-validate}) of the task's input size and classes within its limits and MAX_NEURONS.
     * Emits {ModelRevealed}.
     */
    function reveal(uint256 taskId, bytes32 salt, string calldata uri, bytes calldata model) external nonReentrant {
        TaskConfig storage config = _existingConfig(taskId);
        if (_isLarge(config)) revert LargeModelTask(taskId);
        bytes32 modelHash = keccak256(model);
        Entry storage entry = _committedEntry(taskId, config, salt, modelHash);
        _checkModel(config, model);
        _markRevealed(taskId, entry, modelHash, uri);
    }

    /**
     * @notice Records the caller as the author of the large model `modelRoot` by opening its commitment in
     * `taskId` ({commitmentOf} binds the trainer's address, so nobody can copy the opening). Its first chunk can
     * be published only after this, so the model's author is on chain before any of its bytes or its root are
     * public, and no stranger can register the model in the {AssetRegistry} first.
     * @dev Requirements: a large-model task; commitDeadline <= now < revealDeadline; the caller committed to
     * `modelRoot` with `salt` and has not revealed; `modelRoot` has no author yet, or the caller.
     * Emits {ModelAuthorClaimed} when the author is recorded.
     */
    function claimModelAuthorship(uint256 taskId, bytes32 salt, bytes32 modelRoot) external {
        TaskConfig storage config = _existingConfig(taskId);
        if (!_isLarge(config)) revert NotLargeModelTask(taskId);
        _committedEntry(taskId, config, salt, modelRoot);
        address author = authorOf[modelRoot];
        if (author == msg.sender) return;
        if (author != address(0)) revert ModelAuthorTaken(modelRoot, author, msg.sender);
        authorOf[modelRoot] = msg.sender;
        emit ModelAuthorClaimed(modelRoot, msg.sender, taskId);
    }

    /**
     * @notice Reveals the committed model of a large-model task by its row commitment: the trainer committed
     * to `modelRoot = ModelCommitment.root(header, rowsRoot)`, and every row must already be on chain
     * ({publishModelChunk}), so the model is available to every auditor. The stake stays escrowed as in {reveal}.
     * @dev Requirements: a large-model task; commitDeadline <= now < revealDeadline; the caller committed and
     * has not revealed; the commitment matches `modelRoot` and `salt`; the header is valid
     * ({QuantizedMlp-headerShape}) and describes a model of the task's input size and classes within its
     * limits; every row is published (the rows passed the overflow rule when they were).
     * Emits {ModelRevealed} with `modelRoot` as the model hash.
     */
    function revealLargeModel(
        uint256 taskId,
        bytes32 salt,
        string calldata uri,
        bytes calldata header,
        bytes32 rowsRoot
    ) external nonReentrant {
        (Entry storage entry, bytes32 modelRoot) = _committedLargeEntry(taskId, salt, header, rowsRoot);
        _publishedModel(header, rowsRoot);
        _markRevealed(taskId, entry, modelRoot, uri);
    }

    /**
     * @notice Enters the committed model of a large-model task as its commitment, without publishing it
     * (docs/training-tasks.md §8.5): the bytes stay at `cid`; anyone may force any of its `chunkCount` availability
     * chunks on chain ({ModelAvailability-challengeChunk}), and one left unresolved slashes the stake and excludes
     * the model. The model counts as revealed, and its author is recorded, from this transaction on.
     * @dev Requirements: as {revealLargeModel}, except that no row need be published; `chunkCount` is the header's
     * ({ModelCommitment-availabilityChunkCount}).
     * Emits {ModelCommitted} and {ModelRevealed} with `modelRoot` as the model hash.
     */
    function commitLargeModel(
        uint256 taskId,
        bytes32 salt,
        string calldata uri,
        bytes calldata header,
        bytes32 rowsRoot,
        string calldata cid,
        uint256 chunkCount
    ) external nonReentrant {
        {
            (Entry storage entry, bytes32 modelRoot) = _committedLargeEntry(taskId, salt, header, rowsRoot);
            uint256 expected = ModelCommitment.availabilityChunkCount(header);
            if (chunkCount != expected) revert ChunkCountMismatch(expected, chunkCount);
            _markRevealed(taskId, entry, modelRoot, uri);
        }
        _recordCommitted(taskId, _entryNumbers[taskId][msg.sender] - 1, header, rowsRoot, cid, chunkCount);
    }

    /// @dev Stores entry `entryIndex`'s committed model; returns its model root. Emits {ModelCommitted}.
    function _recordCommitted(
        uint256 taskId,
        uint256 entryIndex,
        bytes calldata header,
        bytes32 rowsRoot,
        string calldata cid,
        uint256 chunkCount
    ) private returns (bytes32 modelRoot) {
        modelRoot = ModelCommitment.root(header, rowsRoot);
        _committedModels[taskId][entryIndex] = CommittedModel(keccak256(header), rowsRoot, chunkCount);
        _hasCommittedModels[taskId] = true;
        emit ModelCommitted(taskId, entryIndex, modelRoot, rowsRoot, chunkCount, cid, header);
    }

    /// @dev The caller's unrevealed entry in a large-model task whose commitment `salt` and the model root of
    /// (`header`, `rowsRoot`) open, and that root, once the header passes {_checkLargeHeader}.
    function _committedLargeEntry(uint256 taskId, bytes32 salt, bytes calldata header, bytes32 rowsRoot)
        private
        view
        returns (Entry storage entry, bytes32 modelRoot)
    {
        TaskConfig storage config = _existingConfig(taskId);
        if (!_isLarge(config)) revert NotLargeModelTask(taskId);
        modelRoot = ModelCommitment.root(header, rowsRoot);
        entry = _committedEntry(taskId, config, salt, modelRoot);
        _checkLargeHeader(config, header);
    }

    /// @dev Checks a large model's header: the format's rules, then the task's byte length and limits.
    function _checkLargeHeader(TaskConfig storage config, bytes calldata header) private view {
        (QuantizedMlp.ModelShape memory shape, uint256 length) = QuantizedMlp.headerShape(header);
        if (length > config.maxModelBytes) revert ModelTooLarge(length, config.maxModelBytes);
        _checkLimits(config, shape);
    }

    /// @inheritdoc IAvailabilityTasks
    function committedModel(uint256 taskId, uint256 entryIndex)
        external
        view
        returns (bytes32 headerHash, bytes32 rowsRoot, uint256 chunkCount)
    {
        CommittedModel storage model = _committedModels[taskId][entryIndex];
        return (model.headerHash, model.rowsRoot, model.chunkCount);
    }

    /// @inheritdoc IAvailabilityTasks
    function availabilityChallengeDeadline(uint256 taskId) public view returns (uint256) {
        return _existingConfig(taskId).revealDeadline + AVAILABILITY_WINDOW;
    }

    /// @inheritdoc ITrainingTasks
    function availabilityPending(uint256 taskId) public view returns (bool) {
        if (!_hasCommittedModels[taskId]) return false;
        return block.timestamp < availabilityChallengeDeadline(taskId) + availability.RESOLVE_WINDOW()
            || availability.openChallenges(taskId) != 0;
    }

    /// @inheritdoc IAvailabilityTasks
    /// @dev Requirements: the caller is the availability game. Emits {ModelExcluded} and {Credited}.
    function slashUnavailable(uint256 taskId, uint256 entryIndex, address challenger) external returns (bool) {
        if (msg.sender != address(availability)) revert NotAvailability(msg.sender);
        if (_excluded[taskId][entryIndex]) return false;
        _excluded[taskId][entryIndex] = true;
        TaskConfig storage config = _configs[taskId];
        Entry storage entry = _entries[taskId][entryIndex];
        if (entry.revealed) {
            entry.revealed = false;
            --_states[taskId].revealedCount;
        }
        // Nobody may register the excluded model: its author becomes this contract.
        if (authorOf[entry.modelHash] == entry.trainer) authorOf[entry.modelHash] = address(this);
        uint256 stake = entry.trainer == address(0) ? 0 : config.stake; // the incumbent staked nothing: excluded only
        uint256 toChallenger = stake / 2;
        uint256 toTreasury = stake - toChallenger;
        address treasury = ITaskVerifier(verifier).treasury();
        emit ModelExcluded(taskId, entryIndex, challenger, toChallenger, toTreasury);
        _credit(config.token, challenger, toChallenger);
        _credit(config.token, treasury, toTreasury);
        return true;
    }

    /**
     * @notice Reveals the next chunk of the test set: `records` holds the chunk's samples as DQD1 records
     * (uint8 label, int8 input[inputSize]), `proof` the siblings from the chunk's subtree root up to
     * `testSetRoot`. Anyone holding the data may reveal it; the root makes it unforgeable.
     * @dev Requirements: revealDeadline <= now < testSetRevealDeadline; chunks in order; the chunk holds
     * exactly its samples (the last chunk may be short); the proof leads to `testSetRoot`.
     * Emits {TestSetChunkRevealed} and, for the last chunk, {TestSetRevealed}.
     */
    function revealTestSetChunk(uint256 taskId, uint256 chunkIndex, bytes calldata records, bytes32[] calldata proof)
        external
    {
        TaskConfig storage config = _existingConfig(taskId);
        if (block.timestamp < config.revealDeadline || block.timestamp >= config.testSetRevealDeadline) {
            revert OutsideWindow(taskId, config.revealDeadline, config.testSetRevealDeadline);
        }
        TaskState storage state = _states[taskId];
        uint256 size = config.testSetSize;
        uint256 chunks = TestSetMerkle.chunkCount(size, config.chunkSize);
        uint256 revealedChunks = state.revealedChunks;
        if (revealedChunks == chunks) revert TestSetAlreadyRevealed(taskId);
        if (chunkIndex != revealedChunks) revert UnexpectedChunk(taskId, revealedChunks, chunkIndex);

        bytes memory labels = _verifyChunk(taskId, config, chunkIndex, records, proof);

        bytes32 oldDigest = state.labelsDigest;
        bytes32 newDigest = TestSetMerkle.chainLabels(oldDigest, labels);
        state.labelsDigest = newDigest;
        state.revealedChunks = uint32(revealedChunks + 1);
        emit TestSetChunkRevealed(taskId, chunkIndex, oldDigest, newDigest);
        if (revealedChunks + 1 == chunks) emit TestSetRevealed(taskId, newDigest);
    }

    /**
     * @notice Settles a task that cannot be evaluated: the test set was not fully revealed by its deadline
     * (the reward is split equally among the revealed trainers, the first in commit order taking the
     * rounding remainder, so withholding never pays), no model was revealed, or no result was posted, or
     * left pending, by the evaluation deadline (in both cases the reward returns to the submitter). Revealed
     * trainers get their stakes back; the stakes of commitments never revealed go to the treasury.
     * @dev Requirements: not settled; now >= revealDeadline with no revealed model, or
     * now >= testSetRevealDeadline with the test set incomplete, or now >= evaluationDeadline with no
     * pending result at the verifier.
     * Emits {TaskSettled}, {StakesForfeited} when a stake was forfeited, and {Credited} per recipient.
     */
    function settleWithoutEvaluation(uint256 taskId) external nonReentrant {
        TaskConfig storage config = _existingConfig(taskId);
        TaskState storage state = _states[taskId];
        if (state.settled) revert TaskAlreadySettled(taskId);
        // The incumbent is no trainer's: only trainers' reveals count, and only trainers share a withheld reward (an
        // incumbent excluded for an unavailable chunk is no longer revealed).
        uint256 revealed = state.revealedCount - (_hasIncumbent(taskId) && _entries[taskId][INCUMBENT_ENTRY].revealed ? 1 : 0);
        bool noModels = revealed == 0 && block.timestamp >= config.revealDeadline;
        bool withheld = block.timestamp >= config.testSetRevealDeadline && !isTestSetRevealed(taskId);
        bool unevaluated = block.timestamp >= evaluationDeadline(taskId)
            && !ITaskVerifier(verifier).hasPendingResult(taskId);
        if (!noModels && !withheld && !unevaluated) revert EvaluationPending(taskId);
        if (revealed != 0 && availabilityPending(taskId)) revert AvailabilityPending(taskId);

        state.settled = true;
        if (revealed == 0 || !withheld) {
            // Nobody revealed (perhaps nobody could), or nobody evaluated in time: the reward returns, but the
            // forfeited stakes go to the treasury, so a submitter never profits from an impossible task.
            emit TaskSettled(taskId, state.submitter, config.reward, false);
            _credit(config.token, state.submitter, config.reward);
        } else {
            emit TaskSettled(taskId, address(0), config.reward, false);
            uint256 share = config.reward / revealed;
            uint256 remainder = config.reward % revealed;
            uint256 entries = state.entryCount;
            for (uint256 i = 0; i < entries; ++i) {
                Entry storage entry = _entries[taskId][i];
                if (!entry.revealed || entry.trainer == address(0)) continue;
                _credit(config.token, entry.trainer, share + remainder);
                remainder = 0;
            }
        }
        _settleStakes(taskId, config, state, type(uint256).max);
    }

    /// @inheritdoc ITrainingTasks
    /// @dev Requirements: the caller is the verifier; the task is not settled; its test set is revealed; the
    /// winner, unless NO_WINNER, is a revealed entry in `qualifiedEntries`. Emits {TaskSettled},
    /// {StakesForfeited} when a stake was forfeited, {Credited} per recipient, and the registry's
    /// {AssetRegistry-IncumbentBeaten} when an entry beat the task's incumbent.
    function settleEvaluated(uint256 taskId, uint256 winnerEntry, uint256 winnerScore, uint256 qualifiedEntries)
        external
        nonReentrant
    {
        if (msg.sender != verifier) revert UnauthorizedVerifier(msg.sender);
        TaskConfig storage config = _existingConfig(taskId);
        TaskState storage state = _states[taskId];
        if (state.settled) revert TaskAlreadySettled(taskId);
        if (!isTestSetRevealed(taskId)) revert TestSetNotRevealed(taskId);
        address recipient = state.submitter;
        bytes32 newVersion;
        if (winnerEntry != NO_WINNER) {
            Entry storage entry = _entries[taskId][winnerEntry];
            if (!entry.revealed) revert EntryNotRevealed(taskId, winnerEntry);
            if (winnerEntry >= 256 || qualifiedEntries >> winnerEntry & 1 == 0) {
                revert WinnerNotQualified(taskId, winnerEntry);
            }
            // The incumbent winning (no trainer) is "no winner": the reward returns to the submitter.
            if (entry.trainer != address(0)) {
                recipient = entry.trainer;
                if (_hasIncumbent(taskId)) newVersion = entry.modelHash;
            }
        }

        state.settled = true;
        emit TaskSettled(taskId, recipient, config.reward, true);
        _credit(config.token, recipient, config.reward);
        _settleStakes(taskId, config, state, qualifiedEntries);
        // Last: the registry (fixed at deployment) records the winner as the incumbent's next version to be.
        if (newVersion != bytes32(0)) registry.recordIncumbentBeaten(taskId, newVersion, winnerScore);
    }

    /// @notice The commitment a trainer posts for `modelHash` and `salt` on `taskId`.
    function commitmentOf(bytes32 modelHash, bytes32 salt, address trainer, uint256 taskId)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(modelHash, salt, trainer, taskId));
    }

    /// @inheritdoc ITrainingTasks
    function taskConfig(uint256 taskId) external view returns (TaskConfig memory) {
        return _existingConfig(taskId);
    }

    /// @inheritdoc ITrainingTasks
    function taskState(uint256 taskId) external view returns (TaskState memory) {
        _existingConfig(taskId);
        return _states[taskId];
    }

    /// @notice Commitment number `entryIndex` of a task (zero fields when there is none; an incumbent, entry 0 of a
    /// task that names one, has no trainer and no commitment).
    function entryAt(uint256 taskId, uint256 entryIndex) external view returns (Entry memory) {
        return _entries[taskId][entryIndex];
    }

    /// @inheritdoc ITrainingTasks
    function isLargeModelTask(uint256 taskId) external view returns (bool) {
        return _isLarge(_existingConfig(taskId));
    }

    /// @inheritdoc ITrainingTasks
    function evaluationDeadline(uint256 taskId) public view returns (uint256) {
        return _existingConfig(taskId).testSetRevealDeadline + EVALUATION_PERIOD;
    }

    /// @inheritdoc ITrainingTasks
    function isTestSetRevealed(uint256 taskId) public view returns (bool) {
        TaskConfig storage config = _configs[taskId];
        return config.testSetSize != 0
            && _states[taskId].revealedChunks == TestSetMerkle.chunkCount(config.testSetSize, config.chunkSize);
    }

    /// @inheritdoc ITrainingTasks
    function revealedModels(uint256 taskId)
        external
        view
        returns (uint256[] memory entryIndexes, bytes32[] memory modelHashes)
    {
        TaskState storage state = _states[taskId];
        entryIndexes = new uint256[](state.revealedCount);
        modelHashes = new bytes32[](state.revealedCount);
        uint256 found = 0;
        uint256 entries = state.entryCount;
        for (uint256 i = 0; i < entries; ++i) {
            Entry storage entry = _entries[taskId][i];
            if (!entry.revealed) continue;
            entryIndexes[found] = i;
            modelHashes[found] = entry.modelHash;
            ++found;
        }
    }

    /**
     * @dev Credits back the stake of every revealed entry whose bit is set in `qualifiedEntries` (bit i for
     * entry i) and sends the others' stakes, never revealed or below the baseline, to the treasury: no party
     * to the task profits from a forfeited stake, so filling slots with junk or idle commitments only costs.
     */
    function _settleStakes(uint256 taskId, TaskConfig storage config, TaskState storage state, uint256 qualifiedEntries)
        private
    {
        uint256 stake = config.stake;
        uint256 entries = state.entryCount;
        uint256 forfeited = 0;
        for (uint256 i = 0; i < entries; ++i) {
            if (_excluded[taskId][i]) continue; // its stake was paid out when it was slashed
            Entry storage entry = _entries[taskId][i];
            if (entry.trainer == address(0)) continue; // the incumbent staked nothing
            if (entry.revealed && qualifiedEntries >> i & 1 == 1) {
                _credit(config.token, entry.trainer, stake);
            } else {
                forfeited += stake;
            }
        }
        if (forfeited != 0) {
            address treasury = ITaskVerifier(verifier).treasury();
            emit StakesForfeited(taskId, treasury, forfeited);
            _credit(config.token, treasury, forfeited);
        }
    }

    function _existingConfig(uint256 taskId) private view returns (TaskConfig storage config) {
        config = _configs[taskId];
        if (config.testSetSize == 0) revert TaskNotFound(taskId);
    }

    /// @dev `hasIncumbent`: entry 0 is the incumbent, so the trainers have one slot fewer.
    function _checkConfig(TaskConfig calldata config, bool hasIncumbent) private view {
        if (config.reward == 0) revert ZeroReward();
        if (config.testSetRoot == bytes32(0)) revert ZeroTestSetRoot();
        uint256 size = config.testSetSize;
        if (size == 0 || size > MAX_TEST_SET_SIZE) revert TestSetSizeOutOfRange(size, MAX_TEST_SET_SIZE);
        if (
            config.inputSize == 0 || config.inputSize > MAX_INPUT_SIZE || config.classes < 2
                || config.classes > MAX_CLASSES
        ) {
            revert InvalidIoShape(config.inputSize, config.classes);
        }
        uint256 chunkSize = config.chunkSize;
        uint256 recordSize = uint256(config.inputSize) + 1;
        if (chunkSize == 0 || chunkSize & (chunkSize - 1) != 0 || chunkSize * recordSize > MAX_CHUNK_BYTES) {
            revert InvalidChunkSize(chunkSize, recordSize);
        }
        uint256 chunks = TestSetMerkle.chunkCount(size, chunkSize);
        if (chunks > MAX_TEST_SET_CHUNKS) revert TooManyChunks(chunks, MAX_TEST_SET_CHUNKS);
        uint256 trainers = config.maxTrainers;
        if (
            trainers == 0 || trainers > MAX_TRAINERS || trainers * size > MAX_POSTED_PREDICTIONS
                || (hasIncumbent && trainers < 2)
        ) {
            revert TrainerCapOutOfRange(trainers, size);
        }
        bool large = config.maxModelBytes > MAX_MODEL_BYTES;
        if (
            config.maxLayers == 0 || config.maxLayers > MAX_LAYERS || config.maxMacs == 0
                || config.maxMacs > (large ? MAX_LARGE_MACS : MAX_MACS) || config.maxModelBytes == 0
                || config.maxModelBytes > MAX_LARGE_MODEL_BYTES
        ) revert ModelLimitsOutOfRange(config.maxLayers, config.maxMacs, config.maxModelBytes);
        // Slots are first come, first served: filling all but one with junk or idle commitments must forfeit
        // at least the reward (the most a squatter can win), and filling the only one must forfeit it too.
        uint256 trainerSlots = hasIncumbent ? trainers - 1 : trainers;
        uint256 otherSlots = trainerSlots > 1 ? trainerSlots - 1 : 1;
        uint256 minStake = (config.reward + otherSlots - 1) / otherSlots;
        if (config.stake < minStake) revert StakeTooLow(config.stake, minStake);
        // The baseline must beat a constant prediction on a balanced test set.
        if (config.minScore <= size / config.classes || config.minScore > size) {
            revert MinScoreOutOfRange(config.minScore, size / config.classes + 1, size);
        }
        if (!_someModelFits(config)) {
            revert NoModelWithinLimits(
                config.inputSize, config.classes, config.maxLayers, config.maxMacs, config.maxModelBytes
            );
        }
        _checkWindow(block.timestamp, config.commitDeadline);
        _checkWindow(config.commitDeadline, config.revealDeadline);
        _checkWindow(config.revealDeadline, config.testSetRevealDeadline);
    }

    function _checkWindow(uint256 opensAt, uint256 closesAt) private pure {
        if (closesAt < opensAt + MIN_WINDOW) revert WindowTooShort(opensAt, closesAt, MIN_WINDOW);
    }

    /**
     * @dev Whether the limits admit at least one DQM1 model of the task's shape (docs/evaluation.md, header
     * 7 + 3L bytes, then int8 weights and int32 biases per layer; all-zero parameters pass the overflow rule).
     * The cheapest models are the single layer inputSize x classes and, with two layers allowed, the one
     * with a hidden width of 1; every other model costs at least as much of both budgets as one of these.
     */
    function _someModelFits(TaskConfig calldata config) private pure returns (bool) {
        uint256 inputs = config.inputSize;
        uint256 classes = config.classes;
        uint256 singleMacs = inputs * classes;
        if (config.maxMacs >= singleMacs && config.maxModelBytes >= 10 + singleMacs + 4 * classes) return true;
        uint256 narrowMacs = inputs + classes;
        return config.maxLayers >= 2 && config.maxMacs >= narrowMacs
            && config.maxModelBytes >= 13 + narrowMacs + 4 * (1 + classes);
    }

    /// @dev Checks that `records` is chunk `chunkIndex` of the committed test set; returns its labels.
    function _verifyChunk(
        uint256 taskId,
        TaskConfig storage config,
        uint256 chunkIndex,
        bytes calldata records,
        bytes32[] calldata proof
    ) private view returns (bytes memory labels) {
        uint256 size = config.testSetSize;
        uint256 height = TestSetMerkle.chunkHeight(size, config.chunkSize);
        uint256 first = chunkIndex << height;
        uint256 recordSize = uint256(config.inputSize) + 1;
        uint256 samples = size - first < (1 << height) ? size - first : (1 << height);
        if (records.length != samples * recordSize) revert ChunkLengthMismatch(samples * recordSize, records.length);
        if (proof.length != TestSetMerkle.depth(size) - height) revert InvalidChunkProof(taskId, chunkIndex);
        bytes32 subtreeRoot;
        (subtreeRoot, labels) = TestSetMerkle.subtree(records, recordSize, first, height);
        if (TestSetMerkle.processProof(subtreeRoot, chunkIndex, proof) != config.testSetRoot) {
            revert InvalidChunkProof(taskId, chunkIndex);
        }
    }

    /// @dev The caller's unrevealed entry, in the reveal window, whose commitment `modelHash` and `salt` open.
    function _committedEntry(uint256 taskId, TaskConfig storage config, bytes32 salt, bytes32 modelHash)
        private
        view
        returns (Entry storage entry)
    {
        if (block.timestamp < config.commitDeadline || block.timestamp >= config.revealDeadline) {
            revert OutsideWindow(taskId, config.commitDeadline, config.revealDeadline);
        }
        uint256 entryNumber = _entryNumbers[taskId][msg.sender];
        if (entryNumber == 0) revert NotCommitted(taskId, msg.sender);
        entry = _entries[taskId][entryNumber - 1];
        if (entry.revealed) revert AlreadyRevealed(taskId, entryNumber - 1);
        if (_excluded[taskId][entryNumber - 1]) revert EntryExcluded(taskId, entryNumber - 1);
        bytes32 expected = commitmentOf(modelHash, salt, msg.sender, taskId);
        if (expected != entry.commitment) revert CommitmentMismatch(entry.commitment, expected);
    }

    /// @dev Marks the caller's `entry` revealed as `modelHash`, whose author becomes the caller unless it has one.
    function _markRevealed(uint256 taskId, Entry storage entry, bytes32 modelHash, string calldata uri) private {
        address author = authorOf[modelHash];
        if (_hasIncumbent(taskId)) {
            // The winner becomes the incumbent's next version, so entries are new models (a large one's author may be
            // its trainer, from {claimModelAuthorship}) and, until then, nobody's to register: the contract becomes
            // their author, and only the version path registers one.
            if ((author != address(0) && author != msg.sender) || registry.isRegistered(modelHash)) {
                revert ModelNotNew(modelHash, author);
            }
            authorOf[modelHash] = address(this);
        } else if (author == address(0)) {
            authorOf[modelHash] = msg.sender;
        }
        entry.revealed = true;
        entry.modelHash = modelHash;
        ++_states[taskId].revealedCount;
        emit ModelRevealed(taskId, _entryNumbers[taskId][msg.sender] - 1, msg.sender, modelHash, uri);
    }

    /// @dev The recorded author of `modelRoot` (zero when none): publication waits for it.
    function _modelAuthor(bytes32 modelRoot) internal view override returns (address) {
        return authorOf[modelRoot];
    }

    /// @dev Whether entry 0 of the task is an incumbent: the only entry without a trainer.
    function _hasIncumbent(uint256 taskId) private view returns (bool) {
        return _states[taskId].entryCount != 0 && _entries[taskId][INCUMBENT_ENTRY].trainer == address(0);
    }

    /// @dev Whether the task opted in to large models (docs/training-tasks.md §8).
    function _isLarge(TaskConfig storage config) private view returns (bool) {
        return config.maxModelBytes > MAX_MODEL_BYTES;
    }

    /// @dev The O(L) header checks and the limits come before the O(weights + neurons) overflow rule, so a model
    /// outside the limits is refused before it can cost more than they allow.
    function _checkModel(TaskConfig storage config, bytes calldata model) private view {
        if (model.length > config.maxModelBytes) revert ModelTooLarge(model.length, config.maxModelBytes);
        _checkLimits(config, QuantizedMlp.shape(model));
        uint256 neurons = QuantizedMlp.neurons(model);
        if (neurons > MAX_NEURONS) revert TooManyNeurons(neurons, MAX_NEURONS);
        QuantizedMlp.validate(model);
    }

    function _checkLimits(TaskConfig storage config, QuantizedMlp.ModelShape memory shape) private view {
        if (
            shape.layers > config.maxLayers || shape.inputSize != config.inputSize || shape.classes != config.classes
                || shape.macs > config.maxMacs
        ) revert ModelOutsideLimits(shape.layers, shape.inputSize, shape.classes, shape.macs);
    }

    /// @dev Takes `amount` of `token` from the caller: ETH as exactly `msg.value`, ERC-20 by transferFrom of
    /// exactly `amount` (a token that delivers less is refused: rewards and stakes are fixed per task).
    function _collect(address token, uint256 amount) private {
        if (token == address(0)) {
            if (msg.value != amount) revert IncorrectPayment(amount, msg.value);
        } else {
            if (msg.value != 0) revert IncorrectPayment(0, msg.value);
            if (amount != 0) TransferIn.pullExact(IERC20(token), msg.sender, amount);
        }
    }
}
