global using DaoPlatform.Contracts.Custody;
global using DaoPlatform.Contracts.Evaluation;
global using DaoPlatform.Contracts.Governance;
global using DaoPlatform.Contracts.Registry;
global using DaoPlatform.Contracts.Streaming;
global using DaoPlatform.Contracts.Training;
global using DaoPlatform.Contracts.Verifier;
global using DaoPlatform.Protocol;
