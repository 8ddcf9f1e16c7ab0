// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ModelCommitment} from "./ModelCommitment.sol";
import {ITaskVerifier} from "./ITaskVerifier.sol";
import {ITrainingTasks} from "./ITrainingTasks.sol";
import {TestSetMerkle} from "./TestSetMerkle.sol";
import {TokenCredits} from "../utils/TokenCredits.sol";

/// @notice What {ModelAvailability} needs from the training tasks.
interface IAvailabilityTasks {
    /// @notice The committed (unpublished) large model of entry `entry` of `taskId`: its header hash, rows
    /// root and chunk count; zero values when the entry did not commit its model this way.
    function committedModel(uint256 taskId, uint256 entry)
        external
        view
        returns (bytes32 headerHash, bytes32 rowsRoot, uint256 chunkCount);

    /// @notice The end of the window in which chunks of the task's committed models may be challenged.
    function availabilityChallengeDeadline(uint256 taskId) external view returns (uint256);

    /// @notice Slashes the stake of entry `entry` to `challenger` and the treasury and excludes its model.
    /// Returns false when the entry was slashed already.
    function slashUnavailable(uint256 taskId, uint256 entry, address challenger) external returns (bool);

    /// @notice The verifier of the tasks: its owner (the governance timelock) owns the game's parameters.
    function verifier() external view returns (address);
}

/**
 * @title ModelAvailability
 * @notice The availability game of large models committed without publication (docs/training-tasks.md §8.5):
 * anyone challenges a chunk of a committed model with a bond that pays its resolution; anyone resolves it by
 * posting the chunk's rows with their proof against the committed rows root within RESOLVE_WINDOW; an
 * unresolved challenge slashes the trainer's stake (half to the challenger, half to the treasury) and
 * excludes the model. Deployed by the training tasks, which it alone may ask to slash. A prediction game that needs a
 * row of a committed model has the verifier force its chunk here after the challenge window ({forceChunk}).
 *
 * The least challenge bond belongs to the DAO: its owner is the verifier's owner (the governance timelock), read at
 * each call, so the game follows the verifier's governance without a wiring step of its own.
 */
contract ModelAvailability is TokenCredits {
    /// @notice Time to resolve a challenge: longer than the OP Stack's 12-hour forced-inclusion delay.
    uint256 public constant RESOLVE_WINDOW = 1 days;
    /// @notice Gas a resolution may take at most (every shape stays under it, §8.5); the bond pays it.
    uint256 public constant RESOLVE_GAS = 5_000_000;
    /// @notice Bounds on the least challenge bond the DAO may set. The floor keeps a challenge from being nearly free
    /// (each one makes the trainer post a chunk); the ceiling keeps one proposal from pricing challengers out, which
    /// would let a trainer withhold its model unpunished.
    uint256 public constant MIN_MIN_CHALLENGE_BOND = 0.0001 ether;
    uint256 public constant MAX_MIN_CHALLENGE_BOND = 1 ether;

    /// @notice A challenge of one chunk.
    struct Challenge {
        address challenger;
        uint64 resolveDeadline;
        bool resolved; // the rows were posted: the chunk is on chain for good
        uint256 bond;
    }

    /// @notice The training tasks whose committed models this game covers.
    IAvailabilityTasks public immutable tasks;

    /// @notice The challenge of each chunk of each entry (a zero challenger and not resolved: none yet).
    mapping(uint256 taskId => mapping(uint256 entry => mapping(uint256 chunk => Challenge))) public challenges;
    /// @notice Challenges of a task neither resolved nor slashed yet: payouts wait for them.
    mapping(uint256 taskId => uint256) public openChallenges;
    /// @notice Least challenge bond in wei, whatever the base fee; a DAO parameter.
    uint256 public minChallengeBond = 0.001 ether;

    /// @notice `challenger` challenged chunk `chunk` of entry `entry`; it must be resolved by `resolveDeadline`.
    event ChunkChallenged(
        uint256 indexed taskId, uint256 indexed entry, uint256 chunk, address indexed challenger, uint256 bond, uint256 resolveDeadline
    );
    /// @notice `resolver` posted the rows of chunk `chunk` (in this transaction's calldata) and took the bond.
    event ChunkResolved(uint256 indexed taskId, uint256 indexed entry, uint256 chunk, address indexed resolver);
    /// @notice Chunk `chunk` was not resolved in time: the challenger's bond returned, the entry slashed (`slashed`
    /// false when it had been already) and its model excluded.
    event ChunkUnavailable(uint256 indexed taskId, uint256 indexed entry, uint256 chunk, address indexed challenger, bool slashed);
    /// @notice The DAO changed the least challenge bond.
    event MinChallengeBondUpdated(uint256 oldBond, uint256 newBond);

    error NotTasks(address caller);
    /// @notice `caller` is not the tasks' verifier, which alone forces chunks for its games.
    error NotVerifier(address caller);
    error NotCommittedModel(uint256 taskId, uint256 entry);
    error ChunkOutOfRange(uint256 chunk, uint256 chunkCount);
    error ChunkAlreadyResolved(uint256 taskId, uint256 entry, uint256 chunk);
    error ChunkUnderChallenge(uint256 taskId, uint256 entry, uint256 chunk, uint256 resolveDeadline);
    error NoChallenge(uint256 taskId, uint256 entry, uint256 chunk);
    error AvailabilityWindowClosed(uint256 taskId, uint256 deadline);
    error ResolveWindowClosed(uint256 taskId, uint256 entry, uint256 chunk, uint256 deadline);
    error ResolveWindowOpen(uint256 taskId, uint256 entry, uint256 chunk, uint256 deadline);
    error HeaderMismatch(bytes32 committed, bytes32 given);
    error InvalidChunkProof(uint256 taskId, uint256 entry, uint256 chunk);
    error ChunkPaddingNotZero(uint256 level, uint256 index, bytes32 node);
    error ChallengeBondTooLow(uint256 bond, uint256 required);
    /// @notice A result on the task is being judged: the game that forced the chunk overturns it before the slash.
    error ResultPending(uint256 taskId);
    /// @notice A forced chunk already under challenge takes no new bond; `value` was sent.
    error ChallengeBondNotTaken(uint256 value);
    error MinChallengeBondOutOfRange(uint256 bond, uint256 min, uint256 max);
    /// @notice `account` is not the owner (the verifier's owner, the governance timelock).
    error OwnableUnauthorizedAccount(address account);

    constructor(IAvailabilityTasks tasks_) {
        tasks = tasks_;
    }

    /// @notice The owner of the game's parameters: the owner of the tasks' verifier (the governance timelock).
    function owner() public view returns (address) {
        return Ownable(tasks.verifier()).owner();
    }

    /**
     * @notice Sets the least challenge bond (DAO parameter).
     * @dev Requirements: the caller is {owner}; MIN_MIN_CHALLENGE_BOND <= bond <= MAX_MIN_CHALLENGE_BOND. Bonds of
     * open challenges keep their amount. Emits {MinChallengeBondUpdated}.
     */
    function setMinChallengeBond(uint256 bond) external {
        if (msg.sender != owner()) revert OwnableUnauthorizedAccount(msg.sender);
        if (bond < MIN_MIN_CHALLENGE_BOND || bond > MAX_MIN_CHALLENGE_BOND) {
            revert MinChallengeBondOutOfRange(bond, MIN_MIN_CHALLENGE_BOND, MAX_MIN_CHALLENGE_BOND);
        }
        emit MinChallengeBondUpdated(minChallengeBond, bond);
        minChallengeBond = bond;
    }

    /**
     * @notice The bond a challenge needs now, in wei: enough to pay RESOLVE_GAS twice at the current base fee,
     * at least {minChallengeBond}.
     */
    function challengeBond() public view returns (uint256) {
        uint256 bond = 2 * RESOLVE_GAS * block.basefee;
        uint256 least = minChallengeBond;
        return bond < least ? least : bond;
    }

    /**
     * @notice Challenges chunk `chunk` of the model entry `entry` committed in `taskId`: someone must post its rows
     * within RESOLVE_WINDOW ({resolveChunk}) or the trainer is slashed ({slashUnavailable}).
     * @dev Requirements: the entry committed its model without publishing it; chunk < its chunk count; the chunk is
     * neither resolved nor under challenge; now < the task's availability challenge deadline; msg.value at least
     * {challengeBond} (all of it held).
     * Emits {ChunkChallenged}.
     */
    function challengeChunk(uint256 taskId, uint256 entry, uint256 chunk) external payable nonReentrant {
        uint256 deadline = tasks.availabilityChallengeDeadline(taskId);
        if (block.timestamp >= deadline) revert AvailabilityWindowClosed(taskId, deadline);
        _challenge(taskId, entry, chunk, msg.sender);
    }

    /**
     * @notice Forces chunk `chunk` of revealed model `model`'s committed bytes on chain for the prediction game
     * (docs/training-tasks.md §8.5): a challenge as {challengeChunk}, opened by the verifier for `challenger` (who paid
     * the bond and takes what an unresolved challenge pays) after the challenge window, when the game needs a row.
     * A chunk already under challenge (or left unresolved) is waited on as it stands, without a new bond.
     * @dev Requirements: the caller is the tasks' verifier; `model` indexes the task's revealed models and its entry
     * committed its model without publishing it; chunk < its chunk count; the chunk is not resolved (its rows are on
     * chain: nothing to force); for a new challenge msg.value at least {challengeBond} (all of it held), else zero.
     * Emits {ChunkChallenged} for a new challenge.
     * @return entry The model's entry index.
     * @return resolveDeadline The deadline of the chunk's challenge (see {unavailable}).
     */
    function forceChunk(uint256 taskId, uint256 model, uint256 chunk, address challenger)
        external
        payable
        nonReentrant
        returns (uint256 entry, uint256 resolveDeadline)
    {
        if (msg.sender != tasks.verifier()) revert NotVerifier(msg.sender);
        (uint256[] memory entryIndexes,) = ITrainingTasks(address(tasks)).revealedModels(taskId);
        entry = entryIndexes[model];
        Challenge storage challenge = challenges[taskId][entry][chunk];
        if (challenge.challenger == address(0) || challenge.resolved) {
            return (entry, _challenge(taskId, entry, chunk, challenger));
        }
        if (msg.value != 0) revert ChallengeBondNotTaken(msg.value);
        return (entry, challenge.resolveDeadline);
    }

    /**
     * @notice Whether the challenge of chunk `chunk` of entry `entry` with deadline `resolveDeadline` ended
     * unresolved: the deadline passed and the chunk was not resolved in that challenge. A resolution of a later
     * challenge of the chunk (this one slashed, the chunk challenged again) has another deadline and does not count,
     * so the answer never turns from true to false.
     */
    function unavailable(uint256 taskId, uint256 entry, uint256 chunk, uint256 resolveDeadline) external view returns (bool) {
        Challenge storage challenge = challenges[taskId][entry][chunk];
        return block.timestamp >= resolveDeadline && !(challenge.resolved && challenge.resolveDeadline == resolveDeadline);
    }

    /**
     * @notice Resolves the challenge of chunk `chunk` by posting its rows: `rows` concatenates them, `proof` holds
     * the siblings from the chunk's subtree up to the committed rows root. Anyone holding the bytes may resolve.
     * @dev Requirements: the chunk is under challenge and now < its resolve deadline; `header` is the committed one;
     * `rows` are exactly the chunk's rows, each passing the overflow rule; the proof (of the full length) leads to the
     * committed rows root and every all-padding node in it is a root of zero leaves.
     * Emits {ChunkResolved} and {Credited}.
     */
    function resolveChunk(
        uint256 taskId,
        uint256 entry,
        uint256 chunk,
        bytes calldata header,
        bytes calldata rows,
        bytes32[] calldata proof
    ) external nonReentrant {
        (bytes32 headerHash, bytes32 rowsRoot,) = _committed(taskId, entry);
        Challenge storage challenge = challenges[taskId][entry][chunk];
        if (challenge.challenger == address(0) || challenge.resolved) revert NoChallenge(taskId, entry, chunk);
        if (block.timestamp >= challenge.resolveDeadline) {
            revert ResolveWindowClosed(taskId, entry, chunk, challenge.resolveDeadline);
        }
        bytes32 given = keccak256(header);
        if (given != headerHash) revert HeaderMismatch(headerHash, given);
        _checkChunk(taskId, entry, chunk, header, rowsRoot, rows, proof);

        uint256 bond = challenge.bond;
        challenge.resolved = true;
        challenge.bond = 0;
        --openChallenges[taskId];
        emit ChunkResolved(taskId, entry, chunk, msg.sender);
        _credit(address(0), msg.sender, bond);
    }

    /**
     * @notice Ends a challenge nobody resolved in time: the challenger's bond is credited back, the trainer's stake
     * slashed (half to the challenger, half to the treasury; once per entry) and its model excluded.
     * @dev Requirements: the chunk is under challenge, unresolved, and its resolve deadline has passed; the task has no
     * pending result at the verifier (a forced chunk's game overturns it first, {OptimisticVerifier-timeoutGame}, so
     * no result is judged while its revealed models change). Anyone may call.
     * Emits {ChunkUnavailable}, {Credited} and the tasks' slashing events.
     */
    function slashUnavailable(uint256 taskId, uint256 entry, uint256 chunk) external nonReentrant {
        Challenge memory challenge = challenges[taskId][entry][chunk];
        if (challenge.challenger == address(0) || challenge.resolved) revert NoChallenge(taskId, entry, chunk);
        if (block.timestamp < challenge.resolveDeadline) {
            revert ResolveWindowOpen(taskId, entry, chunk, challenge.resolveDeadline);
        }
        if (ITaskVerifier(tasks.verifier()).hasPendingResult(taskId)) revert ResultPending(taskId);
        delete challenges[taskId][entry][chunk];
        --openChallenges[taskId];
        bool slashed = tasks.slashUnavailable(taskId, entry, challenge.challenger);
        emit ChunkUnavailable(taskId, entry, chunk, challenge.challenger, slashed);
        _credit(address(0), challenge.challenger, challenge.bond);
    }

    /// @dev Opens a challenge of chunk `chunk` of entry `entry` for `challenger`, its bond msg.value; returns its deadline.
    function _challenge(uint256 taskId, uint256 entry, uint256 chunk, address challenger)
        private
        returns (uint256 resolveDeadline)
    {
        (, , uint256 chunkCount) = _committed(taskId, entry);
        if (chunk >= chunkCount) revert ChunkOutOfRange(chunk, chunkCount);
        Challenge storage challenge = challenges[taskId][entry][chunk];
        if (challenge.resolved) revert ChunkAlreadyResolved(taskId, entry, chunk);
        if (challenge.challenger != address(0)) {
            revert ChunkUnderChallenge(taskId, entry, chunk, challenge.resolveDeadline);
        }
        uint256 required = challengeBond();
        if (msg.value < required) revert ChallengeBondTooLow(msg.value, required);

        resolveDeadline = block.timestamp + RESOLVE_WINDOW;
        challenges[taskId][entry][chunk] =
            Challenge({challenger: challenger, resolveDeadline: uint64(resolveDeadline), resolved: false, bond: msg.value});
        ++openChallenges[taskId];
        emit ChunkChallenged(taskId, entry, chunk, challenger, msg.value, resolveDeadline);
    }

    /// @dev The committed model of an entry; reverts with {NotCommittedModel} when there is none.
    function _committed(uint256 taskId, uint256 entry)
        private
        view
        returns (bytes32 headerHash, bytes32 rowsRoot, uint256 chunkCount)
    {
        (headerHash, rowsRoot, chunkCount) = tasks.committedModel(taskId, entry);
        if (chunkCount == 0) revert NotCommittedModel(taskId, entry);
    }

    /// @dev Checks that `rows` are chunk `chunk` of the model under `rowsRoot`, with zero padding.
    function _checkChunk(
        uint256 taskId,
        uint256 entry,
        uint256 chunk,
        bytes calldata header,
        bytes32 rowsRoot,
        bytes calldata rows,
        bytes32[] calldata proof
    ) private pure {
        uint256 height = ModelCommitment.availabilityHeight(header);
        uint256 total = ModelCommitment.rowCount(header);
        uint256 first = chunk << height;
        if (proof.length != TestSetMerkle.depth(total) - height) revert InvalidChunkProof(taskId, entry, chunk);
        (bytes32 subtreeRoot,) = ModelCommitment.chunkRoot(header, rows, first, height);
        if (TestSetMerkle.processProof(subtreeRoot, chunk, proof) != rowsRoot) revert InvalidChunkProof(taskId, entry, chunk);
        (bool zeroPadding, uint256 level, uint256 index) = ModelCommitment.paddingIsZero(first, height, total, proof);
        if (!zeroPadding) revert ChunkPaddingNotZero(level, index, proof[level - height]);
    }
}
