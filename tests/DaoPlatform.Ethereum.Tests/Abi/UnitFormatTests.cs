using System.Numerics;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.Tests.Abi;

public class UnitFormatTests
{
    private static readonly BigInteger OneEther = BigInteger.Pow(10, 18);

    [TestCase("1000000000000000000", "1 ETH")]
    [TestCase("1500000000000000000", "1.5 ETH")]
    [TestCase("1", "0.000000000000000001 ETH")]
    [TestCase("0", "0 ETH")]
    [TestCase("-2500000000000000000", "-2.5 ETH")]
    [TestCase("123456789000000000000000", "123456.789 ETH")]
    public void Wei_is_written_exactly_in_ETH(string wei, string expected) =>
        Assert.That(UnitFormat.Ether(BigInteger.Parse(wei, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(expected));

    [Test]
    public void Token_units_use_their_decimals()
    {
        Assert.That(UnitFormat.Tokens(OneEther * 250), Is.EqualTo("250 tokens"));
        Assert.That(UnitFormat.Tokens(1_500_000, 6, "USDC"), Is.EqualTo("1.5 USDC"));
        Assert.That(UnitFormat.Decimal(5, 0), Is.EqualTo("5"));
    }

    [Test]
    public void Unix_seconds_are_UTC_dates_and_out_of_range_values_stay_numbers()
    {
        Assert.That(UnitFormat.Timestamp(0), Is.EqualTo("1970-01-01 00:00:00 UTC"));
        Assert.That(UnitFormat.Timestamp(1_796_644_800), Is.EqualTo("2026-12-07 12:00:00 UTC"));
        Assert.That(UnitFormat.Timestamp(BigInteger.Pow(2, 64)), Does.StartWith("18446744073709551616"));
    }

    [TestCase(0, "0s")]
    [TestCase(45, "45s")]
    [TestCase(5_400, "1h 30m")]
    [TestCase(90_061, "1d 1h 1m 1s")]
    [TestCase(604_800, "7d")]
    public void Seconds_are_durations(long seconds, string expected) =>
        Assert.That(UnitFormat.Duration(seconds), Is.EqualTo(expected));

    [Test]
    public void Basis_points_are_percent() => Assert.That(UnitFormat.BasisPoints(1_250), Is.EqualTo("12.5 %"));
}
