using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Protocol.Tests.Moves;

/// <summary><c>castVoteWithReason</c>: the reason travels in the calldata and reads in the summary.</summary>
public sealed class VoteWithReasonTests
{
    private static readonly Address Governor = Address.Parse("0x00000000000000000000000000000000000000a4");

    [Test]
    public void The_reason_is_in_the_calldata_the_governor_decodes()
    {
        Move move = GovernanceMoves.CastVoteWithReason(Governor, 42, 0, "Too expensive for one dataset.\nSee the forum.");

        AbiValues call = ContractAbi.Parse(DaoGovernor.AbiJson).GetFunction("castVoteWithReason").DecodeCall(move.Data);
        Assert.That(call["reason"], Is.EqualTo("Too expensive for one dataset.\nSee the forum."));
        Assert.That(move.Action, Is.EqualTo("Governor.castVoteWithReason"));
        Assert.That(move.To, Is.EqualTo(Governor));
        Assert.That(move.Summary, Is.EqualTo("vote against proposal 42 because \"Too expensive for one dataset.\""));
    }

    [Test]
    public void Without_a_reason_the_summary_is_a_plain_vote()
    {
        Assert.That(GovernanceMoves.CastVoteWithReason(Governor, 7, 2, "").Summary, Is.EqualTo(GovernanceMoves.CastVote(Governor, 7, 2).Summary));
    }
}
