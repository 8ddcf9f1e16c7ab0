namespace DaoPlatform.Evaluation.Formats;

/// <summary>
/// What the structural checks of a DQM1 model yield (docs/evaluation.md §3.3), like the JS reference's
/// <c>modelShape</c> and the Solidity <c>ModelShape</c> struct, plus the dims and shifts read on the way.
/// </summary>
/// <param name="Layers">Number of layers L, 1..8.</param>
/// <param name="InputSize">dims[0].</param>
/// <param name="Classes">dims[L].</param>
/// <param name="Macs">Multiply-accumulates per sample, Σ_l dims[l]·dims[l+1].</param>
/// <param name="Dims">dims[0..L].</param>
/// <param name="Shifts">shift[0..L-1].</param>
public sealed record ModelShape(int Layers, int InputSize, int Classes, long Macs, IReadOnlyList<int> Dims, IReadOnlyList<byte> Shifts);
