using System.Numerics;
using DaoPlatform.Bindings.Tests.Generated.Test;
using DaoPlatform.Ethereum.Contracts;

namespace DaoPlatform.Ethereum.IntegrationTests.Bindings;

/// <summary>
/// The binding the test project generates for the ErrorProbe fixture (through the same ContractBindings.targets):
/// reverts no custom error describes stay <see cref="ContractRevertException"/> with the decoded reason.
/// </summary>
public sealed class ErrorProbeBindingTests : IDisposable
{
    private readonly DevnetSession _session = new(Devnet.Account0Key);
    private ErrorProbe _probe = null!;

    [SetUp]
    public async Task Deploy()
    {
        _probe = await ErrorProbe.DeployAsync(new ContractConnection(_session.Eth, _session.Sender));
    }

    public void Dispose() => _session.Dispose();

    [Test]
    public async Task A_pure_call_and_a_state_change_with_its_event()
    {
        byte[] tag = [.. Enumerable.Repeat((byte)7, 32)];

        var receipt = await _probe.SetValueAsync(42, tag);

        Assert.That(await _probe.AddAsync(2, 3), Is.EqualTo(new BigInteger(5)));
        Assert.That(await _probe.ValueAsync(), Is.EqualTo(new BigInteger(42)));
        Assert.That(_probe.DecodeValueChangedEvents(receipt).Single(), Is.EqualTo(new ErrorProbe.ValueChangedEvent(Devnet.Account0, tag, 0, 42)).Using(new ValueChangedComparer()));
        Assert.That(await _probe.QueryValueChangedEventsAsync(0, tag: tag), Has.Count.EqualTo(1));
        Assert.That(await _probe.QueryValueChangedEventsAsync(0, tag: new byte[32]), Is.Empty);
    }

    [Test]
    public async Task A_custom_error_becomes_its_typed_exception()
    {
        var error = (await Assert.ThrowsAsync<ErrorProbe.ValueTooLargeError>(() => _probe.SetValueAsync(2000, new byte[32])))!;

        Assert.That((error.Value, error.Limit), Is.EqualTo((new BigInteger(2000), new BigInteger(1000))));
    }

    [Test]
    public async Task A_require_message_stays_a_ContractRevertException_with_its_reason()
    {
        var error = (await Assert.ThrowsAsync<ContractRevertException>(() => _probe.RequireOkAsync(false)))!;

        Assert.That(error.Revert!.Reason, Is.EqualTo("ErrorProbe: not ok"));
        Assert.That(error.ErrorSignature, Is.EqualTo("Error(string)"));
    }

    [Test]
    public async Task A_panic_stays_a_ContractRevertException_with_its_code()
    {
        var error = (await Assert.ThrowsAsync<ContractRevertException>(() => _probe.DivideAsync(1, 0)))!;

        Assert.That(error.Revert!.PanicCode, Is.EqualTo(new BigInteger(0x12)));
    }

    /// <summary>Records holding byte[] compare arrays by reference; compare their contents.</summary>
    private sealed class ValueChangedComparer : IEqualityComparer<ErrorProbe.ValueChangedEvent>
    {
        public bool Equals(ErrorProbe.ValueChangedEvent? x, ErrorProbe.ValueChangedEvent? y) =>
            x is not null && y is not null && x.Setter == y.Setter && x.Tag.AsSpan().SequenceEqual(y.Tag) && x.OldValue == y.OldValue && x.NewValue == y.NewValue;

        public int GetHashCode(ErrorProbe.ValueChangedEvent obj) => obj.Setter.GetHashCode();
    }
}
