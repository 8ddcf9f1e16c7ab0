using DaoPlatform.Evaluation;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Platform.Training;

/// <summary>
/// Reads DQM1 models and DQD1 datasets (docs/evaluation.md §3, §6) from files through the evaluation library's
/// readers, turning their errors into one line that names the file.
/// </summary>
public static class ModelFiles
{
    /// <summary>Reads a DQD1 dataset file.</summary>
    /// <exception cref="PlatformException">Missing, or not a DQD1 dataset.</exception>
    public static async Task<Dataset> ReadDatasetAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[] bytes = await ReadAsync(path, "dataset", cancellationToken).ConfigureAwait(false);
        try
        {
            return Dqd1.Read(bytes);
        }
        catch (EvaluationException e)
        {
            throw PlatformException.BadInput($"{path} is not a DQD1 dataset: {e.Message}", e);
        }
    }

    /// <summary>Reads a DQM1 model file: its bytes and the decoded, validated model.</summary>
    /// <exception cref="PlatformException">Missing, or not a valid DQM1 model.</exception>
    public static async Task<(byte[] Bytes, QuantizedModel Model)> ReadModelAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[] bytes = await ReadAsync(path, "model", cancellationToken).ConfigureAwait(false);
        try
        {
            return (bytes, Dqm1.Read(bytes));
        }
        catch (EvaluationException e)
        {
            throw PlatformException.BadInput($"{path} is not a valid DQM1 model: {e.Message}", e);
        }
    }

    private static async Task<byte[]> ReadAsync(string path, string what, CancellationToken cancellationToken)
    {
        JsonFile.RequireFile(path, what);
        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }
}
