using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Protocol.Tests.Rules;

/// <summary>The auditor's sample of a committed model's chunks (docs/training-tasks.md §8.5): distinct, in range, a function of the seed block, the model and the auditor.</summary>
public sealed class AvailabilitySamplingTests
{
    private static readonly Address AuditorA = Address.Parse("0x00000000000000000000000000000000000000a1");
    private static readonly Address AuditorB = Address.Parse("0x00000000000000000000000000000000000000b2");

    [TestCase(1_026, 4)]
    [TestCase(3_616, 16)]
    [TestCase(5, 4)]
    public void Draws_distinct_chunks_in_range(int chunkCount, int samples)
    {
        for (byte seed = 0; seed < 20; seed++)
        {
            IReadOnlyList<int> chunks = AvailabilitySampling.Chunks(Keccak256.Hash([seed]), 3, 1, AuditorA, chunkCount, samples);
            Assert.That(chunks, Has.Count.EqualTo(samples));
            Assert.That(chunks, Is.Unique.And.Ordered.And.All.InRange(0, chunkCount - 1));
        }
    }

    [Test]
    public void Takes_every_chunk_when_the_model_has_no_more_than_the_sample()
    {
        Assert.That(AvailabilitySampling.Chunks(new byte[32], 1, 0, AuditorA, 3, 4), Is.EqualTo(Enumerable.Range(0, 3)));
        Assert.That(AvailabilitySampling.Chunks(new byte[32], 1, 0, AuditorA, 4, 4), Is.EqualTo(Enumerable.Range(0, 4)));
    }

    [Test]
    public void Depends_on_the_block_the_model_and_the_auditor_only()
    {
        byte[] block = Keccak256.Hash([1]);
        IReadOnlyList<int> drawn = AvailabilitySampling.Chunks(block, 7, 2, AuditorA, 3_616, 8);
        Assert.That(AvailabilitySampling.Chunks(block, 7, 2, AuditorA, 3_616, 8), Is.EqualTo(drawn), "recomputable by anyone");
        Assert.That(AvailabilitySampling.Chunks(Keccak256.Hash([2]), 7, 2, AuditorA, 3_616, 8), Is.Not.EqualTo(drawn), "another block");
        Assert.That(AvailabilitySampling.Chunks(block, 8, 2, AuditorA, 3_616, 8), Is.Not.EqualTo(drawn), "another task");
        Assert.That(AvailabilitySampling.Chunks(block, 7, 3, AuditorA, 3_616, 8), Is.Not.EqualTo(drawn), "another entry");
        Assert.That(AvailabilitySampling.Chunks(block, 7, 2, AuditorB, 3_616, 8), Is.Not.EqualTo(drawn), "another auditor");
    }

    [Test]
    public void Refuses_a_seed_that_is_not_a_block_hash()
    {
        Assert.That(() => AvailabilitySampling.Chunks(new byte[31], 1, 0, AuditorA, 3, 1),
            Throws.ArgumentException.With.Message.Contains("a block hash is 32 bytes, got 31"));
    }
}
