using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaoPlatform.Services.Chain;

/// <summary>
/// What the follower keeps across a restart (<see cref="NodeOptions.StateFile"/>): its cursor and the open tasks with
/// their creation blocks, so that it resumes after the cursor instead of scanning <c>TaskCreated</c> logs from the start
/// block again. Only a hint: a cursor whose hash the chain no longer has is rewound like any reorg, and a file written
/// for another chain or contract is ignored.
/// </summary>
/// <param name="ChainId">The chain the state is of.</param>
/// <param name="TrainingTasks">The contract whose tasks are followed (lower-case hex).</param>
/// <param name="Cursor">The last block processed.</param>
/// <param name="OpenTasks">Each open task's id and creation block.</param>
internal sealed record FollowerState(long ChainId, string TrainingTasks, ChainCursor Cursor, IReadOnlyDictionary<ulong, ulong> OpenTasks)
{
    /// <summary>Writes the state whole (a temporary file moved over the old one), so a crash never leaves half a file.</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        var tasks = new JsonObject();
        foreach ((ulong id, ulong block) in OpenTasks)
        {
            tasks[id.ToString(CultureInfo.InvariantCulture)] = block;
        }
        var json = new JsonObject
        {
            ["chainId"] = ChainId,
            ["trainingTasks"] = TrainingTasks,
            ["cursor"] = new JsonObject { ["number"] = Cursor.Number, ["hash"] = Cursor.Hash },
            ["openTasks"] = tasks,
        };
        string staging = path + ".tmp";
        await File.WriteAllTextAsync(staging, json.ToJsonString(), cancellationToken).ConfigureAwait(false);
        File.Move(staging, path, overwrite: true);
    }

    /// <summary>Reads the state at <paramref name="path"/>; null when there is none.</summary>
    /// <exception cref="FormatException">The file is not a follower state (the message names what is wrong).</exception>
    public static async Task<FollowerState?> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            JsonNode root = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false))
                ?? throw new FormatException("the file is empty JSON");
            JsonNode cursor = root["cursor"] ?? throw new FormatException("cursor is missing");
            var tasks = new Dictionary<ulong, ulong>();
            foreach ((string id, JsonNode? block) in root["openTasks"]?.AsObject() ?? throw new FormatException("openTasks is missing"))
            {
                tasks[ulong.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture)] = block?.GetValue<ulong>() ?? throw new FormatException($"task {id} has no creation block");
            }
            return new FollowerState(
                root["chainId"]?.GetValue<long>() ?? throw new FormatException("chainId is missing"),
                root["trainingTasks"]?.GetValue<string>() ?? throw new FormatException("trainingTasks is missing"),
                new ChainCursor(cursor["number"]?.GetValue<ulong>() ?? throw new FormatException("cursor.number is missing"),
                    cursor["hash"]?.GetValue<string>() ?? throw new FormatException("cursor.hash is missing")),
                tasks);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or OverflowException)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
