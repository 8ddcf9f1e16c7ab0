namespace DaoPlatform.Services.Roles.Relayer;

/// <summary>The gas the relayer spent today (UTC), against <see cref="RelayerOptions.DailyGasBudget"/>; resets at UTC midnight.</summary>
public sealed class RelayerBudget(TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateOnly _day;
    private ulong _spent;
    private bool _exhaustionLogged;

    /// <summary>Gas units spent today.</summary>
    public ulong SpentToday()
    {
        lock (_lock)
        {
            Roll();
            return _spent;
        }
    }

    /// <summary>Adds a receipt's gas used.</summary>
    public void Spend(ulong gas)
    {
        lock (_lock)
        {
            Roll();
            _spent += gas;
        }
    }

    /// <summary>True once per day: the first time the caller finds the budget spent (so that it logs it once).</summary>
    public bool FirstExhaustion()
    {
        lock (_lock)
        {
            Roll();
            bool first = !_exhaustionLogged;
            _exhaustionLogged = true;
            return first;
        }
    }

    private void Roll()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (today != _day)
        {
            _day = today;
            _spent = 0;
            _exhaustionLogged = false;
        }
    }
}
