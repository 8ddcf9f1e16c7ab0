// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {QuantizedMlp} from "../evaluation/QuantizedMlp.sol";
import {ITaskVerifier} from "../training/ITaskVerifier.sol";
import {ITrainingTasks, NO_WINNER} from "../training/ITrainingTasks.sol";
import {ModelAvailability} from "../training/ModelAvailability.sol";
import {ModelCommitment} from "../training/ModelCommitment.sol";
import {TestSetMerkle} from "../training/TestSetMerkle.sol";
import {TokenCredits} from "../utils/TokenCredits.sol";
import {TransferIn} from "../utils/TransferIn.sol";

/// @notice Where the verifier finds the availability game of the tasks' committed models.
interface ITasksAvailability {
    /// @notice The availability game the training tasks deployed.
    function availability() external view returns (ModelAvailability);
}

/**
 * @title OptimisticVerifier
 * @notice Judges a training task optimistically. Once the test set is revealed, an evaluator posts, with a
 * bond in the task's token ({requiredBond}: it grows with what a lie could win), every revealed model's
 * per-sample predictions (in calldata, one byte per sample, in commit order), their scores and the winner:
 * the first highest score if it reaches the task's baseline `minScore`, else NO_WINNER. Only a hash of the result is stored. During the challenge window
 * anyone proves a fault in ONE transaction:
 * - a wrong prediction: the contract re-runs the model on the sample ({QuantizedMlp-predict});
 * - a wrong score: the contract recounts the predictions against the revealed labels;
 * - a wrong winner: the contract recomputes the highest score, the earliest commit winning ties, and
 *   checks it against the baseline.
 * A proven fault slashes the bond (a share to the challenger, the rest to the treasury) and reopens the
 * task for a new result. A challenge that proves nothing reverts, so challengers need no bond and pay only
 * gas. After the window, anyone finalizes: the bond returns and the task pays its winner.
 *
 * In a large-model task no model fits a transaction, so a wrong prediction is proven through a game of at most
 * three moves (docs/training-tasks.md §8.2): the challenger names a (model, sample) with a bond
 * in the task's token ({openGame}, {gameBond}); the evaluator answers with that sample's trace ({answerGame}); the challenger proves one
 * neuron of the trace wrong ({proveNeuron}). Whoever lets its turn pass loses ({timeoutGame}). When the row it needs
 * belongs to a model committed without publication, the challenger first forces its chunk on chain ({forceChunk}). Every challenger
 * plays its own game, so nobody can hold others out; games open only in the first part of a large-model
 * result's window and end by its deadline, so no game (on one's own result or another's) delays settlement.
 *
 * The parameters belong to the DAO: the owner is the governance timelock.
 */
contract OptimisticVerifier is ITaskVerifier, Ownable, TokenCredits {
    /// @notice A posted result; `predictionHashes[m] = keccak256(predictions of model m)`, models in commit order.
    struct Result {
        uint32[] scores;
        bytes32[] predictionHashes;
        uint256 winner; // index into the revealed models; NO_WINNER (2^256 - 1) when none reaches the baseline
    }

    /// @notice A test-set sample with its proof: `record` = uint8 label || int8 input[inputSize].
    struct Sample {
        uint256 index;
        bytes record;
        bytes32[] proof;
    }

    /// @notice The pending result of a task.
    struct Claim {
        address evaluator;
        uint64 deadline; // end of the challenge window
        uint16 winnerEntry; // entry index (commit order) of the claimed winner; NO_ENTRY for none
        uint16 challengerShareBps; // the challenger's share of the bond, fixed when the result is posted
        uint64 qualifiedEntries; // bit i set: entry i was revealed and scored at least the baseline
        address token; // the task's token, in which the bond is held (address(0) for ETH)
        uint32 winnerScore; // the claimed winner's posted score; zero for none (a model version's lineage records it)
        uint256 bond;
        bytes32 resultHash; // keccak256(abi.encode(Result))
    }

    /// @notice An open prediction game of a large-model task (docs/training-tasks.md §8.2).
    struct Game {
        address challenger;
        uint64 openedAt;
        uint64 turnEnds; // end of the evaluator's turn until answered, then of the challenger's
        uint32 sampleIndex;
        uint16 model; // index into the revealed models
        uint8 prediction; // the posted prediction under dispute
        uint128 bond; // packed with the four fields above: opening a game writes two slots, not three
        bytes32 traceHash; // keccak256 of the answered trace; zero until answered
    }

    /// @notice A large model and the trace of one sample, as the game's last move repeats them.
    struct TracedModel {
        bytes header; // DQM1 header
        bytes32 rowsRoot; // with the header, the revealed model root
        bytes trace; // the answered trace
    }

    /// @notice One neuron of a large model with the proof of its row (docs/evaluation.md §11).
    struct NeuronRow {
        uint256 layer;
        uint256 neuron;
        bytes row; // int8 weights[dims[layer]] then the int32 bias
        bytes32[] proof; // siblings from the row's leaf up to rowsRoot
    }

    /// @notice The chunk of a committed model a game forced on chain ({forceChunk}); zero values: none.
    struct ForcedChunk {
        uint64 entry; // the disputed model's entry index (commit order), fixed when forced
        uint64 chunk;
        uint64 resolveDeadline; // of the availability challenge the game waits on
        bool forced;
    }

    /// @notice The kind of fault a successful challenge proved.
    enum Fault {
        Prediction,
        Score,
        Winner
    }

    uint256 private constant BPS = 10_000;
    /// @dev Claim.winnerEntry when no model reached the baseline (entries are fewer than MAX_TRAINERS = 64).
    uint16 private constant NO_ENTRY = type(uint16).max;
    /// @notice Bounds on the challenge window the DAO may set. The least is twice the longest a censoring OP
    /// Stack sequencer can hold back a challenge: a transaction it refuses can be forced in through an L1
    /// deposit, which the sequencer must include within the sequencer window (3,600 L1 blocks, 12 hours on OP
    /// Mainnet); the other 12 hours cover L1 inclusion of the deposit and the challenger's own reaction.
    uint256 public constant MIN_CHALLENGE_WINDOW = 1 days;
    uint256 public constant MAX_CHALLENGE_WINDOW = 30 days;
    /// @notice Most of a slashed bond the challenger may receive: the rest, at least half, is what a liar who
    /// front-runs its own challenge still loses, and the bond is sized so that this covers what a lie can win.
    uint256 public constant MAX_CHALLENGER_SHARE_BPS = 5_000;
    /// @notice Most the DAO may require as the least bond: a bound, so no single proposal can price every
    /// evaluator out (tasks would still settle at their evaluation deadline, but unjudged).
    uint256 public constant MAX_MIN_EVALUATOR_BOND = 1_000 ether;
    /// @notice Time each party of a prediction game has for its move: longer than the OP Stack's
    /// forced-inclusion delay (12 hours), so a censoring sequencer cannot make anyone miss a turn.
    uint256 public constant RESPONSE_WINDOW = 1 days;
    /// @notice What forcing a chunk adds to the challenger's turn: the availability game's resolve window, so the
    /// challenger still has its own time after the chunk is resolved (or left unresolved). Equal to
    /// ModelAvailability.RESOLVE_WINDOW (a test holds them equal).
    uint256 public constant FORCE_TIME = 1 days;
    /// @notice The end of a large-model result's window that games may not open in: the two turns of a game
    /// opened just before it, and a forced chunk's resolution, end by the deadline, so the deadline is fixed
    /// when the result is posted and no game delays settlement.
    uint256 public constant GAME_MOVES_TIME = 2 * RESPONSE_WINDOW + FORCE_TIME;

    /// @notice The training tasks this verifier settles.
    ITrainingTasks public immutable tasks;
    /// @notice The availability game of the tasks' committed models ({forceChunk}).
    ModelAvailability public immutable availability;

    /// @notice Seconds a posted result stays open to challenges.
    uint256 public challengeWindow;
    /// @notice Least bond, in wei, an evaluator posts on a task paid in ETH (see {requiredBond}).
    uint256 public minEvaluatorBond;
    /// @notice Share of a slashed bond, in basis points, paid to the challenger; the rest goes to the treasury.
    uint256 public challengerShareBps;
    /// @notice Receives the rest of slashed bonds, and the stakes the training tasks forfeit.
    address public treasury;

    /// @notice The pending result per task.
    mapping(uint256 taskId => Claim) public claims;
    /// @notice The prediction game of each challenger on a task (a zero challenger: none). A game belongs to the
    /// result it was opened on; one left from an overturned result is refunded by {timeoutGame}.
    mapping(uint256 taskId => mapping(address challenger => Game)) public games;
    /// @notice The chunk each challenger's game forced on chain (at most one per game).
    mapping(uint256 taskId => mapping(address challenger => ForcedChunk)) public forcedChunks;
    /// @dev Results posted per task so far (the current one's number), and the number each game was opened on.
    mapping(uint256 taskId => uint256) private _postings;
    mapping(uint256 taskId => mapping(address challenger => uint256)) private _gamePostings;
    /// @dev Games open on the current result of a task (reset when a result is posted).
    mapping(uint256 taskId => uint256) private _openGames;
    /// @dev Who opened a game on each result, in order (for off-chain readers: never iterated on chain).
    mapping(uint256 taskId => mapping(uint256 posting => address[])) private _gameChallengers;

    /// @notice An evaluator posted `result` with `bond`; it can be challenged until `deadline`.
    event ResultPosted(
        uint256 indexed taskId,
        address indexed evaluator,
        uint256 bond,
        uint256 deadline,
        bytes32 resultHash,
        Result result
    );
    /// @notice A challenge proved `fault`; the bond was split between challenger and treasury and the task reopened.
    event ResultOverturned(
        uint256 indexed taskId,
        address indexed evaluator,
        address indexed challenger,
        Fault fault,
        uint256 challengerAmount,
        uint256 treasuryAmount
    );
    /// @notice The pending result stood through its window; the task paid entry `winnerEntry` (NO_WINNER: none).
    event ResultFinalized(uint256 indexed taskId, address indexed evaluator, uint256 winnerEntry);
    /// @notice `challenger` disputes the posted `prediction` of model `model` for sample `sampleIndex`; the
    /// evaluator must answer with the sample's trace before `turnEnds`.
    event GameOpened(
        uint256 indexed taskId,
        address indexed challenger,
        uint256 model,
        uint256 sampleIndex,
        uint256 prediction,
        uint256 bond,
        uint256 turnEnds
    );
    /// @notice The evaluator answered `challenger`'s game with `trace`; the challenger may prove a neuron of it
    /// wrong before `turnEnds`.
    event GameAnswered(
        uint256 indexed taskId, address indexed challenger, bytes32 traceHash, uint256 turnEnds, bytes trace
    );
    /// @notice `challenger` forced chunk `chunk` of entry `entry`'s committed model on chain for its game: the chunk
    /// must be resolved by `resolveDeadline`, and the challenger's turn now ends at `turnEnds`.
    event ChunkForced(
        uint256 indexed taskId, address indexed challenger, uint256 entry, uint256 chunk, uint256 resolveDeadline, uint256 turnEnds
    );
    /// @notice The game ended; `challengerWon`: the result was overturned (the challenger's bond credited back),
    /// else the challenger's bond went to the evaluator.
    event GameEnded(uint256 indexed taskId, address indexed challenger, bool challengerWon);
    /// @notice DAO parameter changes.
    event ChallengeWindowUpdated(uint256 oldWindow, uint256 newWindow);
    event MinEvaluatorBondUpdated(uint256 oldBond, uint256 newBond);
    event ChallengerShareUpdated(uint256 oldShareBps, uint256 newShareBps);
    event TreasuryUpdated(address oldTreasury, address newTreasury);

    error ChallengeWindowOutOfRange(uint256 window, uint256 min, uint256 max);
    error MinBondOutOfRange(uint256 bond, uint256 max);
    error ChallengerShareOutOfRange(uint256 shareBps, uint256 max);
    error ZeroTreasury();
    error BondTooLow(uint256 bond, uint256 requiredBond);
    error IncorrectPayment(uint256 expected, uint256 received);
    error TestSetNotRevealed(uint256 taskId);
    /// @notice The availability game of the task's committed models is not over (docs/training-tasks.md §8.5).
    error AvailabilityPending(uint256 taskId);
    error TaskAlreadySettled(uint256 taskId);
    error NoModels(uint256 taskId);
    error ResultPending(uint256 taskId, uint256 deadline);
    error ScoresLengthMismatch(uint256 models, uint256 scores);
    error PredictionsLengthMismatch(uint256 expected, uint256 given);
    error WinnerOutOfRange(uint256 winner, uint256 models);
    error WinnerBelowBaseline(uint256 winner, uint256 score, uint256 minScore);
    error NoPendingResult(uint256 taskId);
    error EvaluationClosed(uint256 taskId, uint256 evaluationDeadline);
    error ChallengeWindowClosed(uint256 taskId, uint256 deadline);
    error ChallengeWindowOpen(uint256 taskId, uint256 deadline);
    error ResultMismatch(bytes32 posted, bytes32 given);
    error ModelOutOfRange(uint256 model, uint256 models);
    error PredictionsMismatch(bytes32 posted, bytes32 given);
    error ModelMismatch(bytes32 revealed, bytes32 given);
    error InvalidSample(uint256 index);
    error LabelsMismatch(bytes32 revealed, bytes32 given);
    error PredictionCorrect(uint256 model, uint256 index, uint256 prediction);
    error ScoreCorrect(uint256 model, uint256 score);
    error WinnerCorrect(uint256 winner);
    error NotLargeModelTask(uint256 taskId);
    error SampleOutOfRange(uint256 index, uint256 size);
    error GameOpen(uint256 taskId, address challenger);
    error GamesOpen(uint256 taskId, uint256 openGames);
    error GameWindowClosed(uint256 taskId, uint256 closedAt);
    error NoOpenGame(uint256 taskId, address challenger);
    error GameAlreadyAnswered(uint256 taskId);
    error GameNotAnswered(uint256 taskId);
    error TurnOver(uint256 taskId, uint256 turnEnds);
    error TurnNotOver(uint256 taskId, uint256 turnEnds);
    error NotEvaluator(address caller, address evaluator);
    error TraceLengthMismatch(uint256 expected, uint256 given);
    error TracePredictionMismatch(uint256 posted, uint256 traced);
    error TraceMismatch(bytes32 answered, bytes32 given);
    error NeuronOutOfRange(uint256 layer, uint256 neuron);
    error InvalidRow(uint256 layer, uint256 neuron);
    error NeuronCorrect(uint256 layer, uint256 neuron, int256 value);
    error ChunkAlreadyForced(uint256 taskId, address challenger, uint256 entry, uint256 chunk);

    /**
     * @param tasks_ The training tasks contract (deployed first: its availability game is read here).
     * @param initialOwner The governance timelock.
     * @param window_ Initial challenge window in seconds.
     * @param minBond_ Initial minimum evaluator bond in wei.
     * @param shareBps_ Initial challenger share of a slashed bond in basis points.
     * @param treasury_ Initial treasury.
     */
    constructor(
        ITrainingTasks tasks_,
        address initialOwner,
        uint256 window_,
        uint256 minBond_,
        uint256 shareBps_,
        address treasury_
    ) Ownable(initialOwner) {
        tasks = tasks_;
        availability = ITasksAvailability(address(tasks_)).availability();
        _setChallengeWindow(window_);
        _setMinEvaluatorBond(minBond_);
        _setChallengerShare(shareBps_);
        _setTreasury(treasury_);
    }

    /**
     * @notice Posts the evaluation of a task: `predictions` concatenates, for each revealed model in commit
     * order, one byte per test sample (its predicted class); `scores` are the claimed accuracies; `winner`
     * indexes the revealed models, or is NO_WINNER (2^256 - 1) when the best score is below the task's
     * baseline. The bond is {requiredBond}, in the task's token: for ETH `msg.value` (at least the required
     * bond, all of it held), for an ERC-20 exactly the required bond, taken with transferFrom.
     * @dev Requirements: the bond as above, delivered in full; the test set is revealed; the availability game of
     * the task's committed large models is over ({ITrainingTasks-availabilityPending}); now < the task's evaluation
     * deadline (so a lock-out by parameters or silence ends there); the task is unsettled, has a
     * revealed model and no pending result; one score per model; testSetSize predictions per model;
     * winner < models with a posted score at least the baseline, or NO_WINNER.
     * Emits {ResultPosted}.
     */
    function postResult(uint256 taskId, uint32[] calldata scores, uint256 winner, bytes calldata predictions)
        external
        payable
        nonReentrant
    {
        if (!tasks.isTestSetRevealed(taskId)) revert TestSetNotRevealed(taskId);
        if (tasks.taskState(taskId).settled) revert TaskAlreadySettled(taskId);
        if (tasks.availabilityPending(taskId)) revert AvailabilityPending(taskId);
        uint256 closesAt = tasks.evaluationDeadline(taskId);
        if (block.timestamp >= closesAt) revert EvaluationClosed(taskId, closesAt);
        Claim storage claim = claims[taskId];
        if (claim.evaluator != address(0)) revert ResultPending(taskId, claim.deadline);

        (Result memory result, uint256 winnerEntry, uint64 qualified) =
            _readResult(taskId, scores, winner, predictions);
        address token = tasks.taskConfig(taskId).token;
        uint256 bond = _collectBond(token, requiredBond(taskId));
        uint256 window = challengeWindow + (tasks.isLargeModelTask(taskId) ? GAME_MOVES_TIME : 0);
        _storeClaim(taskId, result, winnerEntry, qualified, token, bond, window);
    }

    /**
     * @notice The bond a result on `taskId` needs now, in the task's token: what a lie could move (the
     * reward, and the stakes of every entry, which a lie could save from forfeiture) divided by the part of
     * a slashed bond the liar cannot win back by challenging itself first, (10,000 - challengerShareBps) /
     * 10,000, rounded up; for ETH tasks at least minEvaluatorBond. So a caught lie always costs at least
     * what it could have won.
     */
    function requiredBond(uint256 taskId) public view returns (uint256 bond) {
        ITrainingTasks.TaskConfig memory config = tasks.taskConfig(taskId);
        uint256 atStake = config.reward + config.stake * tasks.taskState(taskId).entryCount;
        uint256 kept = BPS - challengerShareBps;
        bond = (atStake * BPS + kept - 1) / kept;
        if (config.token == address(0) && bond < minEvaluatorBond) bond = minEvaluatorBond;
    }

    /**
     * @notice The bond a prediction game on `taskId` needs now, in the task's token: the bond a result needs
     * ({requiredBond}). A game puts the result at stake as a post does, so both sides bond alike under the
     * task's own rules (token, scaling with the reward and stakes, the ETH floor); the challenger's bond comes
     * back, with its share of the evaluator's, when it wins.
     */
    function gameBond(uint256 taskId) public view returns (uint256) {
        return requiredBond(taskId);
    }

    /**
     * @notice Proves that the posted prediction of model `model` for `sample` is wrong, by re-running the model.
     * @dev Requirements: a pending result inside its window equal to `result`; model < models;
     * `predictions` hash to the posted ones; `modelBytes` hash to the revealed model; `sample` is in the
     * test set (Merkle proof); the model's prediction differs from the posted byte, otherwise reverts
     * with {PredictionCorrect}.
     * Emits {ResultOverturned} and {Credited}.
     */
    function challengePrediction(
        uint256 taskId,
        Result calldata result,
        uint256 model,
        bytes calldata predictions,
        bytes calldata modelBytes,
        Sample calldata sample
    ) external nonReentrant {
        _checkChallenge(taskId, result, model, predictions);
        (, bytes32[] memory modelHashes) = tasks.revealedModels(taskId);
        bytes32 givenModel = keccak256(modelBytes);
        if (givenModel != modelHashes[model]) revert ModelMismatch(modelHashes[model], givenModel);
        _checkSample(taskId, sample);

        uint256 computed = QuantizedMlp.predict(modelBytes, sample.record[1:]);
        if (computed == uint8(predictions[sample.index])) revert PredictionCorrect(model, sample.index, computed);
        _overturn(taskId, Fault.Prediction, msg.sender);
    }

    /**
     * @notice Proves that the posted score of model `model` is wrong, by recounting its posted predictions
     * against the revealed labels (`labels`: one byte per sample, checked against the labels digest).
     * @dev Requirements: as {challengePrediction} for the result, model and predictions; `labels` match the
     * revealed digest; the recount differs from the posted score, otherwise reverts with {ScoreCorrect}.
     * Emits {ResultOverturned} and {Credited}.
     */
    function challengeScore(
        uint256 taskId,
        Result calldata result,
        uint256 model,
        bytes calldata predictions,
        bytes calldata labels
    ) external nonReentrant {
        _checkChallenge(taskId, result, model, predictions);
        ITrainingTasks.TaskConfig memory config = tasks.taskConfig(taskId);
        bytes32 revealed = tasks.taskState(taskId).labelsDigest;
        bytes32 given = labels.length == config.testSetSize
            ? TestSetMerkle.labelsDigest(labels, 1 << TestSetMerkle.chunkHeight(config.testSetSize, config.chunkSize))
            : bytes32(0);
        if (given != revealed) revert LabelsMismatch(revealed, given);

        uint256 score = _countMatches(predictions, labels);
        if (score == result.scores[model]) revert ScoreCorrect(model, score);
        _overturn(taskId, Fault.Score, msg.sender);
    }

    /**
     * @notice Proves that the posted winner is not the model with the highest posted score (ties go to the
     * earliest commit), or NO_WINNER when that score is below the task's baseline `minScore`.
     * @dev Requirements: a pending result inside its window equal to `result`; the recomputed winner differs
     * from the posted one, otherwise reverts with {WinnerCorrect}.
     * Emits {ResultOverturned} and {Credited}.
     */
    function challengeWinner(uint256 taskId, Result calldata result) external nonReentrant {
        _checkResult(taskId, result);
        uint256 best = 0;
        for (uint256 m = 1; m < result.scores.length; ++m) {
            if (result.scores[m] > result.scores[best]) best = m;
        }
        if (result.scores[best] < tasks.taskConfig(taskId).minScore) best = NO_WINNER;
        if (best == result.winner) revert WinnerCorrect(best);
        _overturn(taskId, Fault.Winner, msg.sender);
    }

    /**
     * @notice Move 1 of a prediction game (large-model tasks): disputes the posted prediction of model
     * `model` for sample `sampleIndex`, with a bond. The evaluator must answer with the sample's trace within
     * RESPONSE_WINDOW ({answerGame}) or lose the result ({timeoutGame}). Each challenger has its own game, so
     * another's open game never keeps an honest challenger out.
     * @dev Requirements: a large-model task; a pending result equal to `result`, before its deadline minus
     * GAME_MOVES_TIME (so every game ends by the deadline); model < models; `predictions` hash to the posted
     * ones; sampleIndex < testSetSize; no open game of the caller on this result (one left from an overturned
     * result is refunded first);
     * the bond {gameBond} in the task's token (as for {postResult}: for ETH `msg.value`, at least the bond, all
     * of it held; for an ERC-20 exactly the bond, taken with transferFrom, and no ETH).
     * Emits {GameOpened}.
     */
    function openGame(
        uint256 taskId,
        Result calldata result,
        uint256 model,
        bytes calldata predictions,
        uint256 sampleIndex
    ) external payable nonReentrant {
        if (!tasks.isLargeModelTask(taskId)) revert NotLargeModelTask(taskId);
        _checkChallenge(taskId, result, model, predictions);
        if (sampleIndex >= predictions.length) revert SampleOutOfRange(sampleIndex, predictions.length);
        uint256 closedAt = claims[taskId].deadline - GAME_MOVES_TIME;
        if (block.timestamp >= closedAt) revert GameWindowClosed(taskId, closedAt);
        if (_isStale(taskId, msg.sender)) _refundStale(taskId, msg.sender);
        if (games[taskId][msg.sender].challenger != address(0)) revert GameOpen(taskId, msg.sender);
        uint256 bond = _collectBond(claims[taskId].token, gameBond(taskId));

        uint256 posting = _postings[taskId];
        if (_gamePostings[taskId][msg.sender] != posting) {
            _gamePostings[taskId][msg.sender] = posting;
            _gameChallengers[taskId][posting].push(msg.sender);
        }
        ++_openGames[taskId];
        uint256 turnEnds = block.timestamp + RESPONSE_WINDOW;
        uint8 prediction = uint8(predictions[sampleIndex]);
        games[taskId][msg.sender] = Game({
            challenger: msg.sender,
            openedAt: uint64(block.timestamp),
            turnEnds: uint64(turnEnds),
            sampleIndex: uint32(sampleIndex),
            model: uint16(model),
            prediction: prediction,
            bond: SafeCast.toUint128(bond),
            traceHash: bytes32(0)
        });
        emit GameOpened(taskId, msg.sender, model, sampleIndex, prediction, bond, turnEnds);
    }

    /**
     * @notice Move 2: the evaluator answers `challenger`'s open game with the trace of the disputed sample through the
     * disputed model (docs/evaluation.md §11), whose prediction must be the posted one. The challenger then has
     * RESPONSE_WINDOW to prove a neuron of it wrong.
     * @dev Requirements: the result's evaluator; an open, unanswered game in its turn; `header` and `rowsRoot`
     * give the revealed model root; the trace has the header's trace length and predicts the posted class.
     * Emits {GameAnswered} with the trace.
     */
    function answerGame(
        uint256 taskId,
        address challenger,
        bytes calldata header,
        bytes32 rowsRoot,
        bytes calldata trace
    ) external nonReentrant {
        Game storage game = _gameInTurn(taskId, challenger);
        if (game.traceHash != bytes32(0)) revert GameAlreadyAnswered(taskId);
        address evaluator = claims[taskId].evaluator;
        if (msg.sender != evaluator) revert NotEvaluator(msg.sender, evaluator);
        _checkModelRoot(taskId, game.model, header, rowsRoot);
        uint256 length = ModelCommitment.traceLength(header);
        if (trace.length != length) revert TraceLengthMismatch(length, trace.length);
        uint256 traced = ModelCommitment.prediction(header, trace);
        if (traced != game.prediction) revert TracePredictionMismatch(game.prediction, traced);

        bytes32 traceHash = keccak256(trace);
        uint256 turnEnds = block.timestamp + RESPONSE_WINDOW;
        game.traceHash = traceHash;
        game.turnEnds = uint64(turnEnds);
        emit GameAnswered(taskId, challenger, traceHash, turnEnds, trace);
    }

    /**
     * @notice Move 3: the challenger proves one neuron of the answered trace wrong: its row proven against the
     * model's commitment and its input vector (the game's sample for layer 0, proven against the test-set root;
     * the trace's previous layer otherwise) recompute to another value than the trace holds. Overturns the result.
     * @dev Requirements: the caller's game, in its turn after the answer; `model` repeats the header, rows root
     * and trace; layer and neuron within the model; the row proven at its index; for layer 0, `sample` is the
     * game's sample (otherwise it is ignored); the recomputed value differs from the trace's, otherwise reverts
     * with {NeuronCorrect}.
     * Emits {ResultOverturned}, {GameEnded} and {Credited}.
     */
    function proveNeuron(uint256 taskId, TracedModel calldata model, NeuronRow calldata row, Sample calldata sample)
        external
        nonReentrant
    {
        Game storage game = _gameInTurn(taskId, msg.sender);
        if (game.traceHash == bytes32(0)) revert GameNotAnswered(taskId);
        bytes32 given = keccak256(model.trace);
        if (given != game.traceHash) revert TraceMismatch(game.traceHash, given);
        _checkModelRoot(taskId, game.model, model.header, model.rowsRoot);

        _checkRow(model, row);
        bytes calldata inputs;
        if (row.layer == 0) {
            if (sample.index != game.sampleIndex) revert InvalidSample(sample.index);
            _checkSample(taskId, sample);
            inputs = sample.record[1:];
        } else {
            inputs = ModelCommitment.layerInput(model.header, model.trace, row.layer);
        }
        uint256 layers = ModelCommitment.layers(model.header);
        uint256 shift = QuantizedMlp._shift(model.header, layers, row.layer);
        int256 value = ModelCommitment.neuronOutput(row.row, inputs, shift, row.layer + 1 < layers);
        if (value == ModelCommitment.traceValue(model.header, model.trace, row.layer, row.neuron)) {
            revert NeuronCorrect(row.layer, row.neuron, value);
        }
        _overturn(taskId, Fault.Prediction, msg.sender);
    }

    /**
     * @notice In the challenger's turn, forces chunk `chunk` of the disputed model on chain when that model was
     * committed without publication and the row {proveNeuron} needs is in no content store the challenger can reach
     * (docs/training-tasks.md §8.5): has the availability game challenge the chunk for the caller, with the bond
     * {ModelAvailability-challengeBond} in ETH, even after its challenge window ({ModelAvailability-forceChunk}), and
     * adds FORCE_TIME to the caller's turn. Anyone may resolve it ({ModelAvailability-resolveChunk}), the evaluator
     * included (it evaluated the model, so it holds the bytes). Left unresolved past its deadline, the chunk wins
     * the game for the challenger ({timeoutGame}) and slashes the trainer ({ModelAvailability-slashUnavailable}).
     * @dev Requirements: the caller's game, answered, in its turn; no chunk forced by this game yet; as
     * {ModelAvailability-forceChunk} for the chunk and the bond. The availability game is trusted code deployed by
     * the tasks, and both contracts guard reentrancy, so the call comes before the game's update.
     * Emits {ChunkForced} and, for a new challenge, {ModelAvailability-ChunkChallenged}.
     */
    function forceChunk(uint256 taskId, uint256 chunk) external payable nonReentrant {
        Game storage game = _gameInTurn(taskId, msg.sender);
        if (game.traceHash == bytes32(0)) revert GameNotAnswered(taskId);
        ForcedChunk storage forced = forcedChunks[taskId][msg.sender];
        if (forced.forced) revert ChunkAlreadyForced(taskId, msg.sender, forced.entry, forced.chunk);
        (uint256 entry, uint256 resolveDeadline) =
            availability.forceChunk{value: msg.value}(taskId, game.model, chunk, msg.sender);

        uint256 turnEnds = game.turnEnds + FORCE_TIME;
        game.turnEnds = uint64(turnEnds);
        forcedChunks[taskId][msg.sender] =
            ForcedChunk({entry: uint64(entry), chunk: uint64(chunk), resolveDeadline: uint64(resolveDeadline), forced: true});
        emit ChunkForced(taskId, msg.sender, entry, chunk, resolveDeadline, turnEnds);
    }

    /**
     * @notice Ends `challenger`'s game whose turn passed: before an answer the evaluator stalled and the result is
     * overturned (the challenger takes the share and its bond back); after it the challenger stalled and its bond
     * goes to the evaluator. A game left from a result that was overturned since is refunded to its challenger.
     * A game whose forced chunk ({forceChunk}) was not resolved by its deadline is won by the challenger at once:
     * the model's row was not available to prove a neuron with. No game changes the result's deadline.
     * @dev Requirements: an open game of `challenger` whose turn has ended or whose forced chunk went unresolved,
     * or one left from an overturned result. Anyone may call.
     * Emits {ResultOverturned} (evaluator stalled), {GameEnded} and {Credited}.
     */
    function timeoutGame(uint256 taskId, address challenger) external nonReentrant {
        Game memory game = games[taskId][challenger];
        if (game.challenger == address(0)) revert NoOpenGame(taskId, challenger);
        if (_isStale(taskId, challenger)) {
            _refundStale(taskId, challenger);
            return;
        }
        bool unavailable = _forcedChunkUnavailable(taskId, challenger);
        if (!unavailable && block.timestamp < game.turnEnds) revert TurnNotOver(taskId, game.turnEnds);
        if (unavailable || game.traceHash == bytes32(0)) {
            _overturn(taskId, Fault.Prediction, challenger);
            return;
        }
        delete games[taskId][challenger];
        delete forcedChunks[taskId][challenger];
        --_openGames[taskId];
        emit GameEnded(taskId, challenger, false);
        Claim storage claim = claims[taskId];
        _credit(claim.token, claim.evaluator, game.bond);
    }

    /**
     * @notice The challengers who opened a game on the current result of `taskId`, in order (ended games
     * included), and how many of those games are still open. For readers off chain.
     */
    function gameChallengers(uint256 taskId) external view returns (address[] memory challengers, uint256 openGames) {
        return (_gameChallengers[taskId][_postings[taskId]], _openGames[taskId]);
    }

    /**
     * @notice Accepts the pending result once its window passed unchallenged: credits the bond back to the
     * evaluator and has the task pay its winner (the submitter when NO_WINNER) and return the stakes of the
     * models that reached the baseline.
     * @dev Requirements: a pending result whose window has ended, with no game open (every game's turns end by
     * the deadline, so each is ended by {timeoutGame} first).
     * Emits {ResultFinalized}, {Credited} and the task's settlement events.
     */
    function finalize(uint256 taskId) external nonReentrant {
        Claim memory claim = claims[taskId];
        if (claim.evaluator == address(0)) revert NoPendingResult(taskId);
        if (block.timestamp < claim.deadline) revert ChallengeWindowOpen(taskId, claim.deadline);
        uint256 openGames = _openGames[taskId];
        if (openGames != 0) revert GamesOpen(taskId, openGames);
        delete claims[taskId];
        uint256 winnerEntry = claim.winnerEntry == NO_ENTRY ? NO_WINNER : claim.winnerEntry;
        emit ResultFinalized(taskId, claim.evaluator, winnerEntry);
        _credit(claim.token, claim.evaluator, claim.bond);
        tasks.settleEvaluated(taskId, winnerEntry, claim.winnerScore, claim.qualifiedEntries);
    }

    /// @inheritdoc ITaskVerifier
    function hasPendingResult(uint256 taskId) external view returns (bool) {
        return claims[taskId].evaluator != address(0);
    }

    /**
     * @notice Sets the challenge window for results posted from now on.
     * @dev Requirements: the owner; MIN_CHALLENGE_WINDOW <= window <= MAX_CHALLENGE_WINDOW.
     * Emits {ChallengeWindowUpdated}.
     */
    function setChallengeWindow(uint256 window) external onlyOwner {
        _setChallengeWindow(window);
    }

    /**
     * @notice Sets the least bond for results posted from now on.
     * @dev Requirements: the owner; 0 < bond <= MAX_MIN_EVALUATOR_BOND. Emits {MinEvaluatorBondUpdated}.
     */
    function setMinEvaluatorBond(uint256 bond) external onlyOwner {
        _setMinEvaluatorBond(bond);
    }

    /**
     * @notice Sets the challenger's share of a slashed bond.
     * @dev Requirements: the owner; shareBps <= MAX_CHALLENGER_SHARE_BPS. Emits {ChallengerShareUpdated}.
     */
    function setChallengerShare(uint256 shareBps) external onlyOwner {
        _setChallengerShare(shareBps);
    }

    /**
     * @notice Sets the treasury that receives the rest of slashed bonds.
     * @dev Requirements: the owner; a non-zero address. Emits {TreasuryUpdated}.
     */
    function setTreasury(address newTreasury) external onlyOwner {
        _setTreasury(newTreasury);
    }

    /**
     * @dev Checks the shape of a posted result and returns it with the prediction hashes, the winner's entry
     * index (NO_ENTRY for NO_WINNER) and the entries whose posted score reaches the baseline.
     */
    function _readResult(uint256 taskId, uint32[] calldata scores, uint256 winner, bytes calldata predictions)
        private
        view
        returns (Result memory result, uint256 winnerEntry, uint64 qualified)
    {
        (uint256[] memory entryIndexes,) = tasks.revealedModels(taskId);
        uint256 models = entryIndexes.length;
        if (models == 0) revert NoModels(taskId);
        if (scores.length != models) revert ScoresLengthMismatch(models, scores.length);
        ITrainingTasks.TaskConfig memory config = tasks.taskConfig(taskId);
        uint256 size = config.testSetSize;
        if (predictions.length != models * size) revert PredictionsLengthMismatch(models * size, predictions.length);
        if (winner >= models && winner != NO_WINNER) revert WinnerOutOfRange(winner, models);

        result = Result(scores, new bytes32[](models), winner);
        for (uint256 m = 0; m < models; ++m) {
            result.predictionHashes[m] = keccak256(predictions[m * size:(m + 1) * size]);
            if (scores[m] >= config.minScore) qualified |= uint64(1 << entryIndexes[m]);
        }
        // A winner below the baseline could never be paid, so its claim could never finalize: refuse it now.
        if (winner != NO_WINNER && scores[winner] < config.minScore) {
            revert WinnerBelowBaseline(winner, scores[winner], config.minScore);
        }
        winnerEntry = winner == NO_WINNER ? NO_ENTRY : entryIndexes[winner];
    }

    /// @dev Records a posted result as the task's pending claim. Emits {ResultPosted}.
    function _storeClaim(
        uint256 taskId,
        Result memory result,
        uint256 winnerEntry,
        uint64 qualified,
        address token,
        uint256 bond,
        uint256 window
    ) private {
        bytes32 resultHash = keccak256(abi.encode(result));
        uint256 deadline = block.timestamp + window;
        ++_postings[taskId];
        _openGames[taskId] = 0;
        claims[taskId] = Claim({
            evaluator: msg.sender,
            deadline: uint64(deadline),
            winnerEntry: uint16(winnerEntry),
            challengerShareBps: uint16(challengerShareBps),
            qualifiedEntries: qualified,
            token: token,
            winnerScore: result.winner == NO_WINNER ? 0 : result.scores[result.winner],
            bond: bond,
            resultHash: resultHash
        });
        emit ResultPosted(taskId, msg.sender, bond, deadline, resultHash, result);
    }

    function _checkResult(uint256 taskId, Result calldata result) private view {
        Claim storage claim = claims[taskId];
        if (claim.evaluator == address(0)) revert NoPendingResult(taskId);
        if (block.timestamp >= claim.deadline) revert ChallengeWindowClosed(taskId, claim.deadline);
        bytes32 given = keccak256(abi.encode(result));
        if (given != claim.resultHash) revert ResultMismatch(claim.resultHash, given);
    }

    function _checkChallenge(uint256 taskId, Result calldata result, uint256 model, bytes calldata predictions)
        private
        view
    {
        _checkResult(taskId, result);
        uint256 models = result.scores.length;
        if (model >= models) revert ModelOutOfRange(model, models);
        bytes32 given = keccak256(predictions);
        if (given != result.predictionHashes[model]) revert PredictionsMismatch(result.predictionHashes[model], given);
    }

    /// @dev Checks that `sample` is sample `sample.index` of the task's committed test set.
    function _checkSample(uint256 taskId, Sample calldata sample) private view {
        ITrainingTasks.TaskConfig memory config = tasks.taskConfig(taskId);
        bytes32 leaf = TestSetMerkle.leaf(sample.index, sample.record);
        if (
            sample.index >= config.testSetSize || sample.record.length != uint256(config.inputSize) + 1
                || sample.proof.length != TestSetMerkle.depth(config.testSetSize)
                || TestSetMerkle.processProof(leaf, sample.index, sample.proof) != config.testSetRoot
        ) revert InvalidSample(sample.index);
    }

    /// @dev The open game of `challenger` on the current result of `taskId`, whose current turn has not ended.
    function _gameInTurn(uint256 taskId, address challenger) private view returns (Game storage game) {
        game = games[taskId][challenger];
        if (game.challenger == address(0) || _isStale(taskId, challenger)) revert NoOpenGame(taskId, challenger);
        if (block.timestamp >= game.turnEnds) revert TurnOver(taskId, game.turnEnds);
    }

    /// @dev Whether `challenger`'s game on `taskId` was opened on a result that has been overturned since.
    function _isStale(uint256 taskId, address challenger) private view returns (bool) {
        return games[taskId][challenger].challenger != address(0)
            && (claims[taskId].evaluator == address(0) || _gamePostings[taskId][challenger] != _postings[taskId]);
    }

    /// @dev Ends a stale game, crediting its bond back: the result it disputed was overturned.
    function _refundStale(uint256 taskId, address challenger) private {
        uint256 bond = games[taskId][challenger].bond;
        delete games[taskId][challenger];
        delete forcedChunks[taskId][challenger];
        emit GameEnded(taskId, challenger, true);
        _credit(tasks.taskConfig(taskId).token, challenger, bond);
    }

    /// @dev Whether the chunk `challenger`'s game forced passed its resolve deadline unresolved.
    function _forcedChunkUnavailable(uint256 taskId, address challenger) private view returns (bool) {
        ForcedChunk memory forced = forcedChunks[taskId][challenger];
        return forced.forced && availability.unavailable(taskId, forced.entry, forced.chunk, forced.resolveDeadline);
    }

    /// @dev Checks that `header` and `rowsRoot` give the root revealed for model `model` of the task.
    function _checkModelRoot(uint256 taskId, uint256 model, bytes calldata header, bytes32 rowsRoot) private view {
        (, bytes32[] memory modelHashes) = tasks.revealedModels(taskId);
        bytes32 given = ModelCommitment.root(header, rowsRoot);
        if (given != modelHashes[model]) revert ModelMismatch(modelHashes[model], given);
    }

    /// @dev Checks that `row` is the row of its (layer, neuron) under `model.rowsRoot`.
    function _checkRow(TracedModel calldata model, NeuronRow calldata row) private pure {
        bytes calldata header = model.header;
        uint256 layer = row.layer;
        if (layer >= ModelCommitment.layers(header) || row.neuron >= ModelCommitment.dim(header, layer + 1)) {
            revert NeuronOutOfRange(layer, row.neuron);
        }
        uint256 index = ModelCommitment.firstRow(header, layer) + row.neuron;
        uint256 depth = TestSetMerkle.depth(ModelCommitment.rowCount(header));
        if (
            row.row.length != ModelCommitment.dim(header, layer) + 4 || row.proof.length != depth
                || TestSetMerkle.processProof(TestSetMerkle.leaf(index, row.row), index, row.proof) != model.rowsRoot
        ) revert InvalidRow(layer, row.neuron);
    }

    /// @dev Number of positions where `predictions` and `labels` (same length) hold the same byte.
    function _countMatches(bytes calldata predictions, bytes calldata labels) private pure returns (uint256 count) {
        assembly ("memory-safe") {
            let p := predictions.offset
            let l := labels.offset
            for { let end := add(p, predictions.length) } lt(p, end) {
                p := add(p, 1)
                l := add(l, 1)
            } { count := add(count, eq(byte(0, calldataload(p)), byte(0, calldataload(l)))) }
        }
    }

    /**
     * @dev Slashes the pending result of `taskId`, paying `challenger` its share, and reopens the task.
     * `challenger`'s open game ends with it (its bond credited back); other games on the result become stale and
     * are refunded by {timeoutGame} (no loop over a list anyone can grow).
     */
    function _overturn(uint256 taskId, Fault fault, address challenger) private {
        Claim memory claim = claims[taskId];
        Game memory game = games[taskId][challenger];
        if (game.challenger != address(0) && _isStale(taskId, challenger)) game.challenger = address(0);
        if (game.challenger != address(0)) {
            delete games[taskId][challenger];
            delete forcedChunks[taskId][challenger];
        }
        delete claims[taskId];
        uint256 challengerAmount = claim.bond * claim.challengerShareBps / BPS;
        uint256 treasuryAmount = claim.bond - challengerAmount;
        emit ResultOverturned(taskId, claim.evaluator, challenger, fault, challengerAmount, treasuryAmount);
        _credit(claim.token, challenger, challengerAmount);
        _credit(claim.token, treasury, treasuryAmount);
        if (game.challenger != address(0)) {
            emit GameEnded(taskId, game.challenger, true);
            _credit(claim.token, game.challenger, game.bond);
        }
    }

    /**
     * @dev Takes a bond of `amount` in `token` from the caller and returns what is held: for ETH all of
     * `msg.value` (at least `amount`); for an ERC-20 exactly `amount`, checked against the balance so a
     * token that delivers less (a transfer fee) is refused rather than under-bonded.
     */
    function _collectBond(address token, uint256 amount) private returns (uint256) {
        if (token == address(0)) {
            if (msg.value < amount) revert BondTooLow(msg.value, amount);
            return msg.value;
        }
        if (msg.value != 0) revert IncorrectPayment(0, msg.value);
        TransferIn.pullExact(IERC20(token), msg.sender, amount);
        return amount;
    }

    function _setChallengeWindow(uint256 window) private {
        if (window < MIN_CHALLENGE_WINDOW || window > MAX_CHALLENGE_WINDOW) {
            revert ChallengeWindowOutOfRange(window, MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW);
        }
        emit ChallengeWindowUpdated(challengeWindow, window);
        challengeWindow = window;
    }

    function _setMinEvaluatorBond(uint256 bond) private {
        if (bond == 0 || bond > MAX_MIN_EVALUATOR_BOND) revert MinBondOutOfRange(bond, MAX_MIN_EVALUATOR_BOND);
        emit MinEvaluatorBondUpdated(minEvaluatorBond, bond);
        minEvaluatorBond = bond;
    }

    function _setChallengerShare(uint256 shareBps) private {
        if (shareBps > MAX_CHALLENGER_SHARE_BPS) revert ChallengerShareOutOfRange(shareBps, MAX_CHALLENGER_SHARE_BPS);
        emit ChallengerShareUpdated(challengerShareBps, shareBps);
        challengerShareBps = shareBps;
    }

    function _setTreasury(address newTreasury) private {
        if (newTreasury == address(0)) revert ZeroTreasury();
        emit TreasuryUpdated(treasury, newTreasury);
        treasury = newTreasury;
    }
}
