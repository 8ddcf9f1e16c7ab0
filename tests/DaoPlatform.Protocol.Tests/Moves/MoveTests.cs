using System.Numerics;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Contracts.Streaming;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;

namespace DaoPlatform.Protocol.Tests.Moves;

/// <summary>The move builders are pure: their calldata is the bindings' encoding, their summaries read right.</summary>
public sealed class MoveTests
{
    private static readonly Address Verifier = Address.Parse("0x00000000000000000000000000000000000000a1");
    private static readonly Address Tasks = Address.Parse("0x00000000000000000000000000000000000000a2");
    private static readonly Address Token = Address.Parse("0x00000000000000000000000000000000000000a3");
    private static readonly Address Governor = Address.Parse("0x00000000000000000000000000000000000000a4");
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000b1");
    private static readonly BigInteger Bond = BigInteger.Pow(10, 17);
    private static readonly string[] ApproveThenPost = ["ERC20.approve", "OptimisticVerifier.postResult"];
    private static readonly string[] ApproveThenOpenGame = ["ERC20.approve", "OptimisticVerifier.openGame"];

    private static readonly OptimisticVerifier.GamesOutput NoGame = new(Address.Zero, 0, 0, 0, 0, 0, 0, new byte[32]);

    private static TaskSnapshot Task(Address token, uint maxModelBytes = 10_000, byte[]? root = null) => new(
        3,
        new TrainingTasks.TaskConfig(token, BigInteger.Pow(10, 18), 0, root ?? new byte[32], 4, 2, 3, 2, 4, 3, 1000, maxModelBytes, 100, 200, 300, 1),
        new TrainingTasks.TaskState(Recipient, 2, 2, 2, false, new byte[32]),
        1000,
        new OptimisticVerifier.ClaimsOutput(Recipient, 5000, 0, 5000, 0, token, 0, Bond, new byte[32]),
        NoGame,
        10, 1_800_000_000, CreatedBlock: 1);

    private static readonly TaskResult Result = new([[0, 1, 2, 0], [1, 1, 1, 1]], [3, 1], 0);

    private static PostedResult Posted() => new(
        new OptimisticVerifier.Result([3, 1], [Keccak256.Hash(new byte[] { 0, 1, 2, 0 }), Keccak256.Hash(new byte[] { 1, 1, 1, 1 })], 0), Result, "0x01");

    // Four records of label ‖ 2 inputs.
    private static readonly byte[] Records = [0, 1, 2, 1, 3, 4, 2, 5, 6, 0, 7, 8];

    [Test]
    public void An_eth_post_is_one_payable_postResult()
    {
        IReadOnlyList<Move> moves = ResultMoves.Post(Verifier, Task(Address.Zero), Result, Bond);

        Assert.That(moves, Has.Count.EqualTo(1));
        Assert.That(moves[0].To, Is.EqualTo(Verifier));
        Assert.That(moves[0].Value, Is.EqualTo(Bond));
        Assert.That(moves[0].Data, Is.EqualTo(OptimisticVerifier.EncodePostResultCall(3, Result.Scores, Result.WinnerValue, Result.ConcatenatedPredictions())));
        Assert.That(moves[0].Summary, Is.EqualTo("post the result of task 3 (scores [3, 1], winner model 0) with a bond of 0.1 ETH"));
    }

    [Test]
    public void A_token_post_approves_the_bond_first_and_sends_no_eth()
    {
        IReadOnlyList<Move> moves = ResultMoves.Post(Verifier, Task(Token), Result, Bond);

        Assert.That(moves.Select(m => m.Action), Is.EqualTo(ApproveThenPost));
        Assert.That(moves[0].To, Is.EqualTo(Token));
        Assert.That(moves[0].Data, Is.EqualTo(Erc20.EncodeApproveCall(Verifier, Bond)));
        Assert.That(moves[1].Value, Is.EqualTo(BigInteger.Zero));
        Assert.That(moves[1].Summary, Does.EndWith($"with a bond of 0.1 of token {Token}"));
    }

    [Test]
    public void A_prediction_dispute_on_a_large_model_task_is_the_games_opening_move()
    {
        TaskSnapshot task = Task(Address.Zero, maxModelBytes: ContractLimits.MaxModelBytes + 1);
        var dispute = new Dispute.Prediction(0, 2, 2, 1);

        Move move = ResultMoves.Challenge(Verifier, task, Posted(), dispute, [], Records, Bond).Single();

        Assert.That(move.Action, Is.EqualTo("OptimisticVerifier.openGame"));
        Assert.That(move.Value, Is.EqualTo(Bond));
        Assert.That(move.Data, Is.EqualTo(OptimisticVerifier.EncodeOpenGameCall(3, Posted().Result, 0, Posted().Claimed.Predictions[0], 2)));
        Assert.That(move.Summary, Does.Contain("open a prediction game on model 0's prediction for sample 2 in task 3's result, with a bond of 0.1 ETH"));
    }

    [Test]
    public void A_token_tasks_game_approves_its_bond_first_and_sends_no_eth()
    {
        TaskSnapshot task = Task(Token, maxModelBytes: ContractLimits.MaxModelBytes + 1);

        IReadOnlyList<Move> moves = ResultMoves.Challenge(Verifier, task, Posted(), new Dispute.Prediction(0, 2, 2, 1), [], Records, Bond);

        Assert.That(moves.Select(m => m.Action), Is.EqualTo(ApproveThenOpenGame));
        Assert.That(moves[0].Data, Is.EqualTo(Erc20.EncodeApproveCall(Verifier, Bond)));
        Assert.That(moves[1].Value, Is.EqualTo(BigInteger.Zero));
        Assert.That(moves[1].Summary, Does.EndWith($"with a bond of 0.1 of token {Token}"));
    }

    [Test]
    public void A_prediction_dispute_on_a_small_model_task_carries_the_model_and_a_proven_sample()
    {
        var root = new TestSetTree(Records, 3).Root;
        TaskSnapshot task = Task(Address.Zero, root: root);
        var dispute = new Dispute.Prediction(1, 2, 1, 2);
        byte[] model = [1, 2, 3];
        RevealedModel[] models = [new(0, 0, [9], null!), new(1, 1, model, null!)];

        Move move = ResultMoves.Challenge(Verifier, task, Posted(), dispute, models, Records, Bond).Single();

        var sample = new OptimisticVerifier.Sample(2, [2, 5, 6], new TestSetTree(Records, 3).SampleProof(2));
        Assert.That(move.Action, Is.EqualTo("OptimisticVerifier.challengePrediction"));
        Assert.That(move.Value, Is.EqualTo(BigInteger.Zero));
        Assert.That(move.Data, Is.EqualTo(OptimisticVerifier.EncodeChallengePredictionCall(3, Posted().Result, 1, Posted().Claimed.Predictions[1], model, sample)));
    }

    [Test]
    public void A_score_dispute_carries_the_labels_of_the_records()
    {
        Move move = ResultMoves.Challenge(Verifier, Task(Address.Zero), Posted(), new Dispute.Score(1, 1, 2), [], Records, Bond).Single();

        Assert.That(move.Data, Is.EqualTo(OptimisticVerifier.EncodeChallengeScoreCall(3, Posted().Result, 1, Posted().Claimed.Predictions[1], [0, 1, 2, 0])));
    }

    [Test]
    public void A_test_set_chunk_is_sliced_and_proven_once_for_cli_and_node()
    {
        var tree = new TestSetTree(Records, 3);
        var held = new HiddenTestSet("memory", 2, Records, tree);
        TaskSnapshot task = Task(Address.Zero, root: tree.Root);

        Move move = TaskMoves.RevealTestSetChunk(Tasks, 3, task.Config, held, 1);

        Assert.That(move.Data, Is.EqualTo(TrainingTasks.EncodeRevealTestSetChunkCall(3, 1, Records[6..12], tree.ChunkProof(1, 2))));
        Assert.That(move.Summary, Is.EqualTo("reveal chunk 2 of 2 of task 3's test set (samples 2 to 3)"));
        Assert.Throws<ArgumentException>(() => TaskMoves.RevealTestSetChunk(Tasks, 3, Task(Address.Zero).Config, held, 0), "another root");
    }

    [Test]
    public void A_proposal_summary_reads_what_the_treasury_does()
    {
        BigInteger fiveEth = 5 * BigInteger.Pow(10, 18);
        ProposalCall[] calls = [new(Recipient, fiveEth, []), new(Token, 0, Erc20.EncodeTransferCall(Recipient, 2 * BigInteger.Pow(10, 18)))];

        Move move = GovernanceMoves.Propose(Governor, calls, "Pay the trainer\nlong text");

        Assert.That(move.Data, Is.EqualTo(DaoGovernor.EncodeProposeCall([Recipient, Token], [fiveEth, 0], [[], calls[1].Data], "Pay the trainer\nlong text")));
        Assert.That(move.Summary, Is.EqualTo(
            $"propose \"Pay the trainer\": transfer 5 ETH from the treasury to {Recipient}; transfer 2 of token {Token} from the treasury to {Recipient}"));
    }

    [Test]
    public void A_ballot_request_carries_the_eip712_hashes_and_its_signature_recovers_the_voter()
    {
        var key = new EthereumKey(Enumerable.Repeat((byte)7, 32).ToArray());
        var domain = new Eip712Domain { Name = "DaoGovernor", Version = "1", ChainId = 10, VerifyingContract = Governor };

        SignatureRequest request = GovernanceMoves.Ballot(domain, 42, 1, key.Address, 0);

        byte[] expected = Keccak256.Hash([0x19, 0x01, .. request.DomainSeparator, .. request.StructHash]);
        Assert.That(request.Digest, Is.EqualTo(expected));
        Assert.That(request.StructHash, Is.EqualTo(new DaoGovernor.Ballot(42, 1, key.Address, 0).ToTypedData(domain).HashMessage()));
        Assert.That(request.TypedData.RecoverSigner(request.Sign(key)), Is.EqualTo(key.Address));
        Assert.That(request.Summary, Does.StartWith("a ballot voting for proposal 42"));
    }

    [Test]
    public void Stream_moves_name_a_six_decimal_token_by_its_symbol_and_amounts_in_its_decimals()
    {
        var usdc = new TokenInfo("USDC", 6);
        Address token = Address.Parse("0x00000000000000000000000000000000000000c6");
        IReadOnlyList<Move> create = StreamMoves.Create(Governor, token, Recipient, 1, 86_400, 2_500_000, usdc);
        Assert.That(create.Select(m => m.Summary), Is.EqualTo(new[]
        {
            $"allow {Governor} to take 2.5 USDC for a stream to {Recipient}",
            $"stream 2.5 USDC to {Recipient} over {UnitFormat.Duration(86_400)}",
        }));
        var key = new StreamVault.StreamKey(token, Governor, Recipient, 1, 1_700_000_000);
        Assert.That(StreamMoves.Withdraw(Governor, key, usdc).Summary, Is.EqualTo($"withdraw what has streamed of USDC from {Governor} to {Recipient}"));
        Assert.That(StreamMoves.Cancel(Governor, key, usdc).Summary, Does.StartWith($"cancel the stream of USDC from {Governor} to {Recipient}"));
        Assert.That(StreamMoves.DepositRevenue(Governor, token, 2_500_000, usdc)[1].Summary, Is.EqualTo("deposit 2.5 USDC of revenue for the shareholders"));
        Assert.That(StreamMoves.Withdraw(Governor, key).Summary, Does.Contain($"token {token}"), "without its metadata a token is named by its address");
    }

    [Test]
    public void Every_signature_request_says_what_it_authorizes_as_a_noun_phrase_not_a_verb()
    {
        var domain = new Eip712Domain { Name = "X", Version = "1", ChainId = 10, VerifyingContract = Governor };
        // Shown after "authorizes" (CLI) and "Signed:" (hub): "authorizes sign a delegation" was the bug.
        string[] summaries =
        [
            GovernanceMoves.Delegation(domain, Recipient, Governor, 0, 1_700_000_000).Summary,
            GovernanceMoves.Ballot(domain, 42, 1, Recipient, 0).Summary,
            VaultMoves.Approval(domain, Recipient, BigInteger.One, [], 3).Summary,
        ];
        Assert.That(summaries, Has.All.Match("^(a|the) [a-z]"));
        Assert.That(summaries[0], Does.StartWith($"a delegation of {Recipient}'s votes to {Governor}"));
        Assert.That(summaries[2], Does.StartWith("the approval of vault transaction 3: "));
    }

    [Test]
    public void A_game_timeout_names_the_side_whose_turn_passed_with_a_date()
    {
        TaskSnapshot task = Task(Address.Zero) with { Game = new OptimisticVerifier.GamesOutput(Recipient, 1_700_000_000, 1_700_086_400, 2, 0, 1, Bond, new byte[32]) };

        Move move = GameMoves.Timeout(Verifier, task);

        Assert.That(move.Data, Is.EqualTo(OptimisticVerifier.EncodeTimeoutGameCall(3, Recipient)));
        Assert.That(move.Summary, Is.EqualTo("end the prediction game on task 3: the evaluator's turn ended 2023-11-15 22:13:20 UTC"));
    }
}
