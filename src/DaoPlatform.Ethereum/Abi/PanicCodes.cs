using System.Globalization;
using System.Numerics;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>Describes <see cref="PanicCode"/> values for people.</summary>
public static class PanicCodes
{
    /// <summary>Describes a panic code, e.g. <c>0x11 (arithmetic overflow or underflow)</c>; unknown codes are shown as hex.</summary>
    public static string Describe(BigInteger code)
    {
        string hex = "0x" + code.ToString("x2", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(2, '0');
        string? meaning = code > 0xFF ? null : (PanicCode)(int)code switch
        {
            PanicCode.Generic => "generic compiler panic",
            PanicCode.AssertionFailed => "assertion failed",
            PanicCode.ArithmeticOverflow => "arithmetic overflow or underflow",
            PanicCode.DivisionByZero => "division or modulo by zero",
            PanicCode.InvalidEnumValue => "invalid enum conversion",
            PanicCode.InvalidStorageByteArray => "incorrectly encoded storage byte array",
            PanicCode.EmptyArrayPop => "pop on an empty array",
            PanicCode.IndexOutOfBounds => "array index out of bounds",
            PanicCode.OutOfMemory => "out of memory or array too large",
            PanicCode.ZeroInitializedFunction => "call to a zero-initialized function variable",
            _ => null,
        };
        return meaning is null ? hex + " (unknown panic code)" : $"{hex} ({meaning})";
    }
}
