using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.Primitives;

/// <summary>
/// A 20-byte Ethereum account address. Parsing accepts all-lower or all-upper hex as is and
/// checks the EIP-55 checksum of mixed-case input; printing uses the EIP-55 checksum.
/// </summary>
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    /// <summary>The length of an address in bytes.</summary>
    public const int Length = 20;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly byte[]? _bytes;

    /// <summary>The zero address.</summary>
    public static Address Zero => new(new byte[Length]);

    /// <summary>Creates an address from exactly 20 bytes.</summary>
    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new FormatException($"An address has {Length} bytes; got {bytes.Length}.");
        }
        _bytes = bytes.ToArray();
    }

    /// <summary>The address bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? new byte[Length];

    /// <summary>Parses a 40-digit hex address (<c>0x</c> prefix optional), validating an EIP-55 checksum when the case is mixed.</summary>
    /// <exception cref="FormatException">
    /// The message names the rule that failed: the length (how many hex digits), a hex digit (which character,
    /// where), or the EIP-55 checksum (with the checksummed form).
    /// </exception>
    public static Address Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out Address address, out string? error) ? address : throw new FormatException(error);
    }

    /// <summary>Parses like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string? text, out Address address) => TryParse(text, out address, out _);

    /// <summary>
    /// Parses like <see cref="Parse"/>; on failure returns false with <paramref name="error"/> naming the rule that
    /// failed, as <see cref="Parse"/>'s exception would.
    /// </summary>
    public static bool TryParse(string? text, out Address address, [NotNullWhen(false)] out string? error)
    {
        address = default;
        if (text is null)
        {
            error = "Address is null.";
            return false;
        }
        ReadOnlySpan<char> digits = HexConvert.StripPrefix(text);
        if (digits.Length != 2 * Length)
        {
            error = $"Address '{text}': wrong length: {digits.Length} hex digits, expected {2 * Length}.";
            return false;
        }
        int bad = digits.IndexOfAnyExcept(HexDigits);
        if (bad >= 0)
        {
            error = $"Address '{text}': not hex: '{digits[bad]}' at position {bad + text.Length - digits.Length}.";
            return false;
        }
        Span<byte> bytes = stackalloc byte[Length];
        HexConvert.DecodeInto(digits, bytes);
        var parsed = new Address(bytes);
        if (HasMixedCase(digits))
        {
            string expected = parsed.ToChecksumString();
            if (!digits.SequenceEqual(expected.AsSpan(2)))
            {
                error = $"Address '{text}': bad EIP-55 checksum (mixed-case input must match it); the checksummed form is {expected}.";
                return false;
            }
        }
        address = parsed;
        error = null;
        return true;
    }

    /// <summary>The address of a public key: the last 20 bytes of keccak256 of its 64-byte uncompressed form.</summary>
    public static Address FromPublicKey(ReadOnlySpan<byte> uncompressedXY)
    {
        if (uncompressedXY.Length != 64)
        {
            throw new ArgumentException($"An uncompressed public key without prefix has 64 bytes; got {uncompressedXY.Length}.", nameof(uncompressedXY));
        }
        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(uncompressedXY, hash);
        return new Address(hash[12..]);
    }

    /// <summary>The EIP-55 mixed-case checksummed form, <c>0x</c>-prefixed.</summary>
    public string ToChecksumString()
    {
        Span<char> chars = stackalloc char[2 + 2 * Length];
        HexConvert.Write(Bytes, chars, prefix: true);
        Span<byte> ascii = stackalloc byte[2 * Length];
        for (int i = 0; i < ascii.Length; i++)
        {
            ascii[i] = (byte)chars[2 + i];
        }
        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(ascii, hash);
        for (int i = 0; i < ascii.Length; i++)
        {
            int nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
            if (nibble >= 8)
            {
                chars[2 + i] = char.ToUpperInvariant(chars[2 + i]);
            }
        }
        return new string(chars);
    }

    /// <summary>The lower-case hex form, <c>0x</c>-prefixed.</summary>
    public string ToLowerHex() => HexConvert.Encode(Bytes);

    /// <inheritdoc/>
    public override string ToString() => ToChecksumString();

    /// <inheritdoc/>
    public bool Equals(Address other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    /// <summary>Orders addresses as unsigned 160-bit numbers, as Solidity compares them.</summary>
    public int CompareTo(Address other) => Bytes.SequenceCompareTo(other.Bytes);

    public static bool operator ==(Address left, Address right) => left.Equals(right);

    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    public static bool operator <(Address left, Address right) => left.CompareTo(right) < 0;

    public static bool operator >(Address left, Address right) => left.CompareTo(right) > 0;

    public static bool operator <=(Address left, Address right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Address left, Address right) => left.CompareTo(right) >= 0;

    private static bool HasMixedCase(ReadOnlySpan<char> digits)
    {
        bool lower = false, upper = false;
        foreach (char c in digits)
        {
            lower |= c is >= 'a' and <= 'f';
            upper |= c is >= 'A' and <= 'F';
        }
        return lower && upper;
    }
}
