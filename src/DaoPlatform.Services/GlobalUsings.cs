global using DaoPlatform.Protocol;
global using DaoPlatform.Protocol.Content;
global using DaoPlatform.Protocol.Moves;
global using DaoPlatform.Protocol.Reads;
global using DaoPlatform.Protocol.Rules;
global using DaoPlatform.Protocol.TestSets;
