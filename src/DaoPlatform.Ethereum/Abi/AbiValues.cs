using System.Collections;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// Decoded values in parameter order, addressable by index or by parameter name.
/// </summary>
public sealed class AbiValues : IReadOnlyList<object?>
{
    private readonly IReadOnlyList<AbiParameter> _parameters;
    private readonly object?[] _values;

    /// <summary>Pairs <paramref name="values"/> with the <paramref name="parameters"/> they belong to.</summary>
    public AbiValues(IReadOnlyList<AbiParameter> parameters, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(values);
        if (parameters.Count != values.Length)
        {
            throw new ArgumentException($"{values.Length} values for {parameters.Count} parameters.", nameof(values));
        }
        _parameters = parameters;
        _values = values;
    }

    /// <summary>The parameters, in the order of the values.</summary>
    public IReadOnlyList<AbiParameter> Parameters => _parameters;

    /// <inheritdoc/>
    public int Count => _values.Length;

    /// <inheritdoc/>
    public object? this[int index] => _values[index];

    /// <summary>The value of the parameter named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name; the message lists the names there are.</exception>
    public object? this[string name] => _values[IndexOf(name)];

    /// <summary>The value at <paramref name="index"/> as <typeparamref name="T"/>.</summary>
    public T Get<T>(int index) => Cast<T>(_values[index], _parameters[index]);

    /// <summary>The value of the parameter named <paramref name="name"/> as <typeparamref name="T"/>.</summary>
    public T Get<T>(string name)
    {
        int index = IndexOf(name);
        return Cast<T>(_values[index], _parameters[index]);
    }

    /// <summary>A copy of the values.</summary>
    public object?[] ToArray() => (object?[])_values.Clone();

    /// <inheritdoc/>
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    /// <summary>The values as <c>name=value</c> pairs, e.g. <c>from=0x…, value=5</c>.</summary>
    public override string ToString()
    {
        var parts = new string[_values.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string formatted = AbiValueFormatter.Format(_values[i]);
            parts[i] = _parameters[i].Name.Length == 0 ? formatted : _parameters[i].Name + "=" + formatted;
        }
        return string.Join(", ", parts);
    }

    internal IList AsList() => _values;

    private int IndexOf(string name)
    {
        for (int i = 0; i < _parameters.Count; i++)
        {
            if (_parameters[i].Name == name)
            {
                return i;
            }
        }
        var names = new List<string>(_parameters.Count);
        foreach (AbiParameter parameter in _parameters)
        {
            names.Add(parameter.Name);
        }
        throw new KeyNotFoundException($"No parameter named '{name}'; the parameters are: {string.Join(", ", names)}.");
    }

    private static T Cast<T>(object? value, AbiParameter parameter) => value is T typed
        ? typed
        : throw new InvalidCastException($"Parameter '{parameter.Name}' ({parameter.Type.Name}) holds {(value is null ? "null" : value.GetType().Name)}, not {typeof(T).Name}.");
}
