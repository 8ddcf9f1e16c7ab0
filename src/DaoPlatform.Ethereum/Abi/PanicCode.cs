namespace DaoPlatform.Ethereum.Abi;

/// <summary>The codes Solidity puts in <c>Panic(uint256)</c> (Solidity docs, "Panic via assert and Error via require").</summary>
public enum PanicCode
{
    /// <summary>0x00: generic compiler-inserted panic.</summary>
    Generic = 0x00,

    /// <summary>0x01: <c>assert</c> with a false argument.</summary>
    AssertionFailed = 0x01,

    /// <summary>0x11: arithmetic overflow or underflow outside <c>unchecked</c>.</summary>
    ArithmeticOverflow = 0x11,

    /// <summary>0x12: division or modulo by zero.</summary>
    DivisionByZero = 0x12,

    /// <summary>0x21: conversion of an out-of-range value to an enum.</summary>
    InvalidEnumValue = 0x21,

    /// <summary>0x22: access to an incorrectly encoded storage byte array.</summary>
    InvalidStorageByteArray = 0x22,

    /// <summary>0x31: <c>.pop()</c> on an empty array.</summary>
    EmptyArrayPop = 0x31,

    /// <summary>0x32: array, <c>bytesN</c> or slice index out of bounds.</summary>
    IndexOutOfBounds = 0x32,

    /// <summary>0x41: too much memory allocated or an array too large.</summary>
    OutOfMemory = 0x41,

    /// <summary>0x51: call of a zero-initialized internal function variable.</summary>
    ZeroInitializedFunction = 0x51,
}
