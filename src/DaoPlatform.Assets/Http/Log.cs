using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.SignIn;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Assets.Http;

/// <summary>The content service's log messages: assets, accounts, ranges and outcomes; never keys, tokens or content.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Signed in {Account} until {ExpiresAt}")]
    public static partial void SignedIn(ILogger logger, Address account, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused: {Error}")]
    public static partial void SignInRefused(ILogger logger, SiweError error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused asset {AssetId} to {Account}: {Reason}")]
    public static partial void Refused(ILogger logger, BigInteger assetId, Address account, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving asset {AssetId} to {Account}: {Reason}")]
    public static partial void Authorized(ILogger logger, BigInteger assetId, Address account, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Served asset {AssetId} bytes {Start}+{Length} to {Who}")]
    public static partial void Served(ILogger logger, BigInteger assetId, long start, long length, string who);

    [LoggerMessage(Level = LogLevel.Error, Message = "Asset {AssetId} failed an integrity check while serving bytes {Start}+{Length}: {Problem}")]
    public static partial void IntegrityFailure(ILogger logger, BigInteger assetId, long start, long length, string problem);
}
