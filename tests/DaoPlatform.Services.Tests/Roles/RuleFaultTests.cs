using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Services.Roles.Auditor;
using DaoPlatform.Services.Roles.Submitter;
using DaoPlatform.Protocol.Content;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Tests.Roles;

/// <summary>Faults of the fault run that were rules: a test set listed twice, a result audited again and again.</summary>
public sealed class RuleFaultTests
{
    [Test]
    public void The_same_test_set_listed_twice_is_one_test_set()
    {
        string folder = Directory.CreateTempSubdirectory("daoplatform-testsets-").FullName;
        string path = Path.Combine(folder, "hidden.dqd1");
        File.WriteAllBytes(path, Dqd1.Write(new Dataset(2, [1, 0, 1], [1, 2, 3, 4, 5, 6])));
        string copy = Path.Combine(folder, "copy.dqd1");
        File.Copy(path, copy);
        var options = new SubmitterOptions();
        options.TestSets.Add(path);
        options.TestSets.Add(path);
        options.TestSets.Add(copy);

        var sets = new HiddenTestSets(Options.Create(options), new LocalContentStore(Path.Combine(folder, "content"), 1 << 20), NullLogger<HiddenTestSets>.Instance);

        Assert.That(sets.Count, Is.EqualTo(1), "one root, listed three times");
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void A_result_found_correct_is_remembered_by_task_and_hash_within_capacity()
    {
        var audited = new AuditedResults();
        audited.MarkCorrect(7, "0xab");

        Assert.That(audited.IsKnownCorrect(7, "0xAB"), Is.True, "hex case does not matter");
        Assert.That(audited.IsKnownCorrect(7, "0xac"), Is.False, "another result of the task is evaluated");
        Assert.That(audited.IsKnownCorrect(8, "0xab"), Is.False);
        for (int i = 0; i < AuditedResults.Capacity; i++)
        {
            audited.MarkCorrect(100, $"0x{i:x}");
        }
        Assert.That(audited.IsKnownCorrect(7, "0xab"), Is.False, "the oldest entry is forgotten past the capacity");
    }
}
