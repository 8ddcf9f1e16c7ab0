using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>
/// A contract's custom error as a typed record, as the generated <c>Contract.Errors</c> classes decode it from revert
/// data by selector: match on the record's type (<c>is TrainingTasks.Errors.TaskNotFound { TaskId: var id }</c>), never
/// on the error's name.
/// </summary>
public interface IContractError
{
    /// <summary>The error's ABI descriptor.</summary>
    AbiError Error { get; }
}
