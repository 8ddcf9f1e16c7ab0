namespace DaoPlatform.Services;

/// <summary>The jobs a node does; any combination may run in one host (configuration key <c>Node:Roles</c>).</summary>
[Flags]
public enum NodeRoles
{
    /// <summary>No role: the host follows the chain and does nothing else.</summary>
    None = 0,

    /// <summary>Evaluates tasks whose test set is revealed and posts the result with a bond.</summary>
    Evaluator = 1,

    /// <summary>Re-evaluates every posted result and disputes a wrong one inside its window.</summary>
    Auditor = 2,

    /// <summary>Finalizes results whose window has closed and settles tasks that need no evaluation.</summary>
    Finalizer = 4,

    /// <summary>Reveals a submitter's hidden test set chunk by chunk once the reveal window opens.</summary>
    Submitter = 8,

    /// <summary>Withdraws what the contracts owe the node's accounts (returned bonds, challenge rewards, stakes, credits) once they can.</summary>
    Claimer = 16,

    /// <summary>Relays members' signed EIP-712 ballots with <c>castVoteBySig</c> (gasless voting), within a daily gas budget.</summary>
    Relayer = 32,

    /// <summary>
    /// Watches challenges of chunks of the large models its trainer key committed without publishing them and resolves
    /// each from the content store before its deadline (docs/training-tasks.md §8.5).
    /// </summary>
    Sentinel = 64,

    /// <summary>Serves the hub (the web app) and the content service beside it on <c>Hub:Url</c>, 127.0.0.1 by default; signs nothing, so it needs no key.</summary>
    Hub = 128,
}
