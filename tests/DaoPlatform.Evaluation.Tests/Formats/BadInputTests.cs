using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Identifiers;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Evaluation.Tests.Generators;

namespace DaoPlatform.Evaluation.Tests.Formats;

/// <summary>Malformed models, datasets and identifiers fail with an error naming the check and its values.</summary>
public sealed class BadInputTests
{
    private static readonly byte[] s_model = Dqm1.Write(ModelGenerator.Build([5, 3, 2], 1, new Random(1)).Model);

    [Test]
    public void A_truncated_model_names_its_length_and_the_expected_one()
    {
        EvaluationAssert.Throws(() => Dqm1.Read(s_model.AsSpan(0, s_model.Length - 1)), "ModelLengthMismatch", s_model.Length - 1L, (long)s_model.Length);
        EvaluationAssert.Throws(() => Dqm1.Read(s_model.AsSpan(0, 9)), "ModelTooShort", 9L, 13L);
    }

    [Test]
    public void An_oversized_model_names_its_length_and_the_expected_one() =>
        EvaluationAssert.Throws(() => Dqm1.Read([.. s_model, 0]), "ModelLengthMismatch", s_model.Length + 1L, (long)s_model.Length);

    [Test]
    public void A_bad_magic_is_shown_in_hex()
    {
        byte[] bytes = [.. s_model];
        bytes[3] = (byte)'2';

        var error = EvaluationAssert.Throws(() => Dqm1.ReadShape(bytes), "ModelBadMagic", "0x44514d32");
        Assert.That(error.Message, Does.Contain("DQM1"));
    }

    [Test]
    public void A_model_that_can_overflow_names_the_layer_neuron_and_worst_case()
    {
        var layer = new QuantizedLayer(2, 2, 0, [-128, 127, 1, 1], [0, int.MaxValue - 255]);
        byte[] bytes = Dqm1.Write(new QuantizedModel([layer]));

        var error = EvaluationAssert.Throws(() => Dqm1.Read(bytes), "ModelAccumulatorOverflow", 0L, 1L, (long)int.MaxValue + 1);
        Assert.That(error.Message, Does.Contain("layer 0 neuron 1"));
        Assert.DoesNotThrow(() => Dqm1.ReadStructure(bytes), "the structure alone is sound");
    }

    [Test]
    public void A_dataset_of_another_input_size_is_refused_before_any_prediction()
    {
        QuantizedModel model = Dqm1.Read(s_model);
        var dataset = new Dataset(4, [0, 1], new sbyte[8]);

        EvaluationAssert.Throws(() => new Evaluator(new ScalarBackend()).Evaluate(model, dataset), "InputLengthMismatch", 4L, 5L);
    }

    [Test]
    public void Malformed_datasets_fail_in_the_reference_order()
    {
        byte[] dataset = Dqd1.Write(new Dataset(3, [1, 2], [1, 2, 3, 4, 5, 6]));

        EvaluationAssert.Throws(() => Dqd1.Read(dataset.AsSpan(0, 9)), "DatasetTooShort", 9L, 10L);
        EvaluationAssert.Throws(() => Dqd1.Read([.. "DQD2"u8, .. dataset.AsSpan(4)]), "DatasetBadMagic", "0x44514432");
        EvaluationAssert.Throws(() => Dqd1.Read(dataset.AsSpan(0, dataset.Length - 1)), "DatasetLengthMismatch", dataset.Length - 1L, (long)dataset.Length);
        EvaluationAssert.Throws(() => Dqd1.Read([.. dataset, 7]), "DatasetLengthMismatch", dataset.Length + 1L, (long)dataset.Length);
    }

    [Test]
    public void A_hash_or_CID_mismatch_names_both_values()
    {
        byte[] hash = ModelIdentity.Hash(s_model);
        string cid = ContentId.Of(s_model);
        byte[] other = [.. s_model];
        other[^1] ^= 1;

        Assert.DoesNotThrow(() => ModelIdentity.Verify(s_model, hash, cid));
        EvaluationAssert.Throws(() => ModelIdentity.Verify(other, hash, cid), "ModelHashMismatch",
            Ethereum.Hex.HexConvert.Encode(hash), Ethereum.Hex.HexConvert.Encode(ModelIdentity.Hash(other)));
        EvaluationAssert.Throws(() => ModelIdentity.VerifyCid(other, cid), "CidMismatch", cid, ContentId.Of(other));
    }

    [Test]
    public void The_CID_of_empty_content_is_the_spec_example() =>
        Assert.That(ContentId.Of([]), Is.EqualTo("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"));
}
