using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Evaluation.Tests.Generators;

namespace DaoPlatform.Evaluation.Tests.LargeModels;

/// <summary>A model rebuilt from its planned chunks is the model; a chunk that is tampered with, out of order or unproven is refused.</summary>
public sealed class ModelAssemblerTests
{
    private static (ModelCommitment Commitment, ModelChunk[] Chunks, byte[] Bytes) Published(int seed, int maxChunkBytes)
    {
        ModelCase model = ModelGenerator.Build([33, 70, 45, 10], 1, new Random(seed));
        var commitment = new ModelCommitment(model.Model);
        return (commitment, [.. ModelChunks.Plan(commitment, maxChunkBytes)], Dqm1.Write(model.Model));
    }

    [TestCase(1, 250)]
    [TestCase(2, 1_000)]
    [TestCase(3, ModelChunks.DefaultMaxBytes)]
    public void Rebuilds_the_model_from_its_chunks(int seed, int maxChunkBytes)
    {
        (ModelCommitment commitment, ModelChunk[] chunks, byte[] bytes) = Published(seed, maxChunkBytes);
        var assembler = new ModelAssembler(commitment.Header, commitment.RowsRoot);
        Assert.That(assembler.ModelRoot, Is.EqualTo(commitment.ModelRoot));
        foreach (ModelChunk chunk in chunks)
        {
            Assert.That(() => assembler.ToModel(), Throws.InvalidOperationException);
            assembler.Add(chunk.FirstRow, chunk.Height, chunk.Rows, chunk.Proof);
        }
        Assert.That(assembler.IsComplete, Is.True);
        Assert.That(Dqm1.Write(assembler.ToModel()), Is.EqualTo(bytes));
    }

    [Test]
    public void Refuses_a_tampered_an_out_of_order_or_a_foreign_chunk()
    {
        (ModelCommitment commitment, ModelChunk[] chunks, _) = Published(4, 250);
        Assume.That(chunks, Has.Length.GreaterThan(2));
        var assembler = new ModelAssembler(commitment.Header, commitment.RowsRoot);

        byte[] tampered = (byte[])chunks[0].Rows.Clone();
        tampered[^1] ^= 1;
        Assert.That(() => assembler.Add(0, chunks[0].Height, tampered, chunks[0].Proof),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("not the rows root"));
        Assert.That(() => assembler.Add(chunks[1].FirstRow, chunks[1].Height, chunks[1].Rows, chunks[1].Proof),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("expected row 0"));
        Assert.That(() => assembler.Add(0, chunks[0].Height, chunks[0].Rows.AsSpan(0, chunks[0].Rows.Length - 1).ToArray(), chunks[0].Proof),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("are not rows"));

        (ModelCommitment other, ModelChunk[] otherChunks, _) = Published(5, 250);
        Assume.That(other.RowsRoot, Is.Not.EqualTo(commitment.RowsRoot));
        Assert.That(() => assembler.Add(0, otherChunks[0].Height, otherChunks[0].Rows, otherChunks[0].Proof), Throws.InstanceOf<InvalidDataException>());

        assembler.Add(0, chunks[0].Height, chunks[0].Rows, chunks[0].Proof);
        Assert.That(assembler.PublishedRows, Is.EqualTo(chunks[1].FirstRow), "a refused chunk changes nothing");
    }

    [Test]
    public void Refuses_a_header_that_is_not_dqm1() =>
        Assert.That(() => new ModelAssembler("DQM0\u0001"u8.ToArray(), new byte[32]), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("not a DQM1 header"));
}
