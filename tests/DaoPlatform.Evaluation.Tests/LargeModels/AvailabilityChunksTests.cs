using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Evaluation.Tests.Generators;

namespace DaoPlatform.Evaluation.Tests.LargeModels;

/// <summary>
/// The availability chunks of docs/training-tasks.md §8.5: the shapes of the gas table chunk as the contract does
/// (the devnet tests' <c>commitLargeModel</c> checks one more against <c>availabilityChunkCount</c>), and every chunk,
/// the short last one included, proves against the rows root within the byte and row bounds.
/// </summary>
public sealed class AvailabilityChunksTests
{
    [TestCase(new[] { 784, 4096, 4096, 10 }, 3, 1026)]
    [TestCase(new[] { 124, 124, 124, 124, 124, 124, 124, 124, 2 }, 9, 2)]
    [TestCase(new[] { 784, 160, 10 }, 6, 3)]
    [TestCase(new[] { 3, 2 }, 1, 1)]
    public void Chunks_a_shape_as_the_contract_does(int[] widths, int height, int count)
    {
        var commitment = new ModelCommitment(ModelGenerator.Build(widths, 1, new Random(7)).Model);
        Assert.That(AvailabilityChunks.Height(commitment), Is.EqualTo(height));
        Assert.That(AvailabilityChunks.Count(commitment), Is.EqualTo(count));
        Assert.That(new ModelAssembler(commitment.Header, commitment.RowsRoot).AvailabilityHeight, Is.EqualTo(height), "from the header alone");
    }

    [Test]
    public void A_chunk_resolved_on_chain_rebuilds_its_rows_from_the_header_alone()
    {
        var commitment = new ModelCommitment(ModelGenerator.Build([784, 160, 10], 1, new Random(11)).Model);
        var assembler = new ModelAssembler(commitment.Header, commitment.RowsRoot);
        int height = assembler.AvailabilityHeight;
        for (int c = 0; c < AvailabilityChunks.Count(commitment); c++)
        {
            ModelChunk chunk = AvailabilityChunks.Chunk(commitment, c);
            assembler.Add(c << height, height, chunk.Rows, chunk.Proof);
        }
        Assert.That(assembler.IsComplete, Is.True);
        Assert.That(new ModelCommitment(assembler.ToModel()).ModelRoot, Is.EqualTo(commitment.ModelRoot));
    }

    [TestCase(1, new[] { 784, 160, 10 })]
    [TestCase(2, new[] { 33, 70, 45, 10 })]
    [TestCase(3, new[] { 124, 124, 124, 2 })]
    public void Every_chunk_proves_against_the_rows_root_within_the_bounds(int seed, int[] widths)
    {
        var commitment = new ModelCommitment(ModelGenerator.Build(widths, 1, new Random(seed)).Model);
        int count = AvailabilityChunks.Count(commitment);
        int rows = 0;
        for (int c = 0; c < count; c++)
        {
            ModelChunk chunk = AvailabilityChunks.Chunk(commitment, c);
            int height = AvailabilityChunks.Height(commitment);
            int last = Math.Min(chunk.FirstRow + (1 << height), commitment.Rows.Count);
            byte[][] own = [.. commitment.Rows.Skip(chunk.FirstRow).Take(last - chunk.FirstRow)];
            Assert.That(chunk.FirstRow, Is.EqualTo(c << height));
            Assert.That(chunk.Rows, Is.EqualTo(own.SelectMany(r => r).ToArray()));
            Assert.That(chunk.Rows, Has.Length.LessThanOrEqualTo(AvailabilityChunks.MaxChunkBytes));
            Assert.That(own, Has.Length.LessThanOrEqualTo(AvailabilityChunks.MaxChunkRows));
            Assert.That(chunk.Proof, Has.Count.EqualTo(commitment.Tree.Depth - height));
            Assert.That(PositionalTree.ProcessProof(PositionalTree.SubtreeRoot(own, chunk.FirstRow, height), c, chunk.Proof), Is.EqualTo(commitment.RowsRoot));
            rows += own.Length;
        }
        Assert.That(rows, Is.EqualTo(commitment.Rows.Count), "the chunks cover every row once");
        Assert.That(() => AvailabilityChunks.Chunk(commitment, count), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
