using DaoPlatform.Bindings.Generator.Naming;

namespace DaoPlatform.Bindings.Tests.Generation;

public sealed class NamingTests
{
    [TestCase("balanceOf", "BalanceOf")]
    [TestCase("DOMAIN_SEPARATOR", "DomainSeparator")]
    [TestCase("CLOCK_MODE", "ClockMode")]
    [TestCase("_owner", "Owner")]
    [TestCase("__gap_size", "GapSize")]
    [TestCase("ERC20InsufficientBalance", "ERC20InsufficientBalance")]
    [TestCase("ERC20", "Erc20")]
    [TestCase("proposalETA", "ProposalETA")]
    [TestCase("a$b", "Ab")]
    [TestCase("_1st", "_1st")]
    public void Pascal_case_rule(string solidity, string expected) =>
        Assert.That(Identifiers.ToPascal(solidity, "Fallback"), Is.EqualTo(expected));

    [TestCase("", "Item1")]
    [TestCase("___", "Item1")]
    [TestCase("$", "Item1")]
    public void A_name_with_nothing_left_takes_the_fallback(string solidity, string fallback) =>
        Assert.That(Identifiers.ToPascal(solidity, fallback), Is.EqualTo(fallback));

    [TestCase("to", "to")]
    [TestCase("_spender", "spender")]
    [TestCase("event", "@event")]
    [TestCase("params", "@params")]
    [TestCase("_class", "@class")]
    [TestCase("await", "@await")]
    [TestCase("MAX_VALUE", "maxValue")]
    public void Camel_case_rule_escapes_keywords(string solidity, string expected) =>
        Assert.That(Identifiers.ToCamel(solidity, "arg1"), Is.EqualTo(expected));

    [Test]
    public void Duplicates_and_reserved_names_get_the_smallest_free_number() =>
        Assert.That(
            Identifiers.Deduplicate(["from", "from", "cancellationToken", "from2", "@event", "event"], ["cancellationToken"]),
            Is.EqualTo((string[])["from", "from2", "cancellationToken2", "from22", "@event", "event2"]));

    [TestCase("contracts/governance/DaoGovernor.sol", "DaoPlatform.Contracts.Governance")]
    [TestCase("contracts/Root.sol", "DaoPlatform.Contracts")]
    [TestCase("contracts/training/task_pool/Pool.sol", "DaoPlatform.Contracts.Training.TaskPool")]
    [TestCase("@openzeppelin/contracts/token/ERC20/ERC20.sol", "DaoPlatform.Contracts.OpenZeppelin")]
    [TestCase("@eth-optimism/contracts-bedrock/src/L2/L1Block.sol", "DaoPlatform.Contracts.EthOptimism")]
    public void Namespace_rule(string sourceName, string expected) =>
        Assert.That(ContractPlan.NamespaceOf("DaoPlatform.Contracts", sourceName), Is.EqualTo(expected));
}
