using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Units;
using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// A pass priced in an ERC-20 (the DAO's token, DAOP) bought from the hub: the page shows the two wallet requests in
/// words (the allowance to AccessPasses, then the purchase), the wallet is asked for each in turn, the pass is bob's and
/// the price reached the asset's revenue; a second pass needs no new allowance when enough remains.
/// </summary>
[NonParallelizable]
public sealed class TokenPassTests
{
    private static readonly BigInteger Price = 5 * EtherAmount.OneUnit;

    [Test]
    public async Task AnErc20PricedPassIsBoughtWithTheAllowanceThenThePurchaseEachNamedInTheWallet()
    {
        using ChainConnection alice = await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(HubFixture.Keys["alice"]));
        var registry = new AssetRegistry(HubFixture.Deployment.AddressOf(nameof(AssetRegistry)), alice.Contracts);
        var passes = new AccessPasses(HubFixture.Deployment.AddressOf(nameof(AccessPasses)), alice.Contracts);
        var token = new DaoToken(HubFixture.Deployment.AddressOf(nameof(DaoToken)), alice.Contracts);
        byte[] content = RandomNumberGenerator.GetBytes(1000);
        byte[] contentHash = DaoPlatform.Ethereum.Hashing.Keccak256.Hash(content);
        byte[] salt = RandomNumberGenerator.GetBytes(32);
        Address owner = alice.Key!.Address;
        string cid = DaoPlatform.Protocol.Content.Cid.ForRawBlock(content).ToString();
        await registry.CommitRegistrationAsync(await registry.RegistrationCommitmentAsync(contentHash, owner, salt, owner));
        await registry.RegisterCommittedAsync(1, contentHash, cid, "ipfs://" + cid, owner, salt);
        BigInteger asset = await registry.TokenOfContentAsync(contentHash);
        BigInteger pass = await passes.SimulateOfferAsync(asset, token.Address, Price, 0, 1);
        await passes.OfferAsync(asset, token.Address, Price, 0, 1);
        BigInteger bobBefore = await token.BalanceOfAsync(HubFixture.AddressOf("bob"));

        await using Member bob = await HubFixture.MemberAsync("bob");
        await bob.OpenAsync($"/assets/{asset}");
        await Assertions.Expect(bob.Page.GetByTestId("offer")).ToContainTextAsync("5 DAOP");
        await bob.ConnectAsync();
        ILocator plan = bob.Page.GetByTestId("buy-plan").Locator("li");
        await Assertions.Expect(plan).ToHaveCountAsync(2);
        await Assertions.Expect(plan.Nth(0)).ToContainTextAsync("approve 5 DAOP to AccessPasses");
        await Assertions.Expect(plan.Nth(1)).ToContainTextAsync($"buy pass #{pass}: buy 1 pass {pass} to asset {asset}");
        await Assertions.Expect(plan.Nth(1)).ToContainTextAsync("paying 5 DAOP into the asset's revenue");
        await Assertions.Expect(bob.Page.GetByTestId("buy-plan")).ToContainTextAsync($"daoplatform asset buy {asset} --terms {pass}");
        await Screens.CheckAsync(bob.Page, "asset-token-price");

        await bob.Page.GetByRole(AriaRole.Button, new() { Name = $"Buy pass #{pass}" }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByTestId("asset-outcome")).ToContainTextAsync($"Done: buy 1 pass {pass}", new() { Timeout = 30_000 });
        Assert.That(bob.Wallet.Forwarded, Is.EqualTo((string[])["eth_sendTransaction", "eth_sendTransaction"]), "the allowance, then the purchase");
        Assert.That(await passes.BalanceOfAsync(HubFixture.AddressOf("bob"), pass), Is.EqualTo(BigInteger.One));
        Assert.That(bobBefore - await token.BalanceOfAsync(HubFixture.AddressOf("bob")), Is.EqualTo(Price));
        await Assertions.Expect(bob.Page.GetByTestId("held")).ToHaveTextAsync("1");
        // The sale shows once the index has followed the purchase's block (the page reads the index when it loads).
        await bob.ReloadUntilShownAsync(bob.Page.GetByTestId("sale"));
        await Assertions.Expect(bob.Page.GetByTestId("sale")).ToContainTextAsync("5 DAOP");
        await Assertions.Expect(bob.Page.GetByTestId("revenue")).ToHaveTextAsync("0 ETH", new() { Timeout = 1_000 });
        await Screens.CheckAsync(bob.Page, "asset-token-bought");

        // Enough allowance left: one request.
        using ChainConnection bobChain = await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(HubFixture.Keys["bob"]));
        await new DaoToken(token.Address, bobChain.Contracts).ApproveAsync(passes.Address, 2 * Price);
        await bob.Page.ReloadAsync();
        await bob.Page.Locator("[data-interactive=true]").WaitForAsync();
        await bob.ConnectAsync();
        await Assertions.Expect(bob.Page.GetByTestId("verify")).ToContainTextAsync($"buy 1 pass {pass}");
        await Assertions.Expect(bob.Page.GetByTestId("buy-plan")).ToHaveCountAsync(0);
    }
}
