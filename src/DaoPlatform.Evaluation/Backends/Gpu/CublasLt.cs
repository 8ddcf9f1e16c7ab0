using System.Runtime.InteropServices;

namespace DaoPlatform.Evaluation.Backends.Gpu;

/// <summary>
/// The few entry points of NVIDIA cuBLASLt the GPU back end calls, bound at run time so that machines without
/// the CUDA toolkit load the assembly and use the pure-ILGPU product instead. One instance owns one cuBLASLt
/// handle and one int8 x int8 → int32 matmul descriptor (<c>CUBLAS_COMPUTE_32I</c>, int32 scale, A transposed:
/// the "TN" form that cuBLASLt's int8 tensor-core kernels take with column-major layouts).
/// Source: the cuBLAS documentation, "cuBLASLt API" (cublasLtMatmul and its int8 requirements: pointers 4-byte
/// aligned, leading dimensions and m, k multiples of 4).
/// </summary>
internal sealed unsafe class CublasLt : IDisposable
{
    private const int CudaR8I = 3;          // cudaDataType_t CUDA_R_8I
    private const int CudaR32I = 10;        // cudaDataType_t CUDA_R_32I
    private const int ComputeType32I = 72;  // cublasComputeType_t CUBLAS_COMPUTE_32I
    private const int DescTransA = 3;       // cublasLtMatmulDescAttributes_t CUBLASLT_MATMUL_DESC_TRANSA
    private const int OpT = 1;              // cublasOperation_t CUBLAS_OP_T

    private static readonly string[] LibraryNames = ["libcublasLt.so.13", "libcublasLt.so.12", "libcublasLt.so"];

    private readonly IntPtr _library;
    private readonly delegate* unmanaged<IntPtr, int> _destroy;
    private readonly delegate* unmanaged<IntPtr, int> _descDestroy;
    private readonly delegate* unmanaged<IntPtr*, int, ulong, ulong, long, int> _layoutCreate;
    private readonly delegate* unmanaged<IntPtr, int> _layoutDestroy;
    private readonly delegate* unmanaged<IntPtr, IntPtr, void*, IntPtr, IntPtr, IntPtr, IntPtr, void*, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, nuint, IntPtr, int> _matmul;
    private readonly IntPtr _handle;
    private readonly IntPtr _desc;
    private bool _disposed;

    private CublasLt(IntPtr library)
    {
        _library = library;
        var create = (delegate* unmanaged<IntPtr*, int>)Export("cublasLtCreate");
        _destroy = (delegate* unmanaged<IntPtr, int>)Export("cublasLtDestroy");
        var descCreate = (delegate* unmanaged<IntPtr*, int, int, int>)Export("cublasLtMatmulDescCreate");
        var descSet = (delegate* unmanaged<IntPtr, int, void*, nuint, int>)Export("cublasLtMatmulDescSetAttribute");
        _descDestroy = (delegate* unmanaged<IntPtr, int>)Export("cublasLtMatmulDescDestroy");
        _layoutCreate = (delegate* unmanaged<IntPtr*, int, ulong, ulong, long, int>)Export("cublasLtMatrixLayoutCreate");
        _layoutDestroy = (delegate* unmanaged<IntPtr, int>)Export("cublasLtMatrixLayoutDestroy");
        _matmul = (delegate* unmanaged<IntPtr, IntPtr, void*, IntPtr, IntPtr, IntPtr, IntPtr, void*, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, nuint, IntPtr, int>)Export("cublasLtMatmul");

        IntPtr handle;
        Check(create(&handle), "cublasLtCreate");
        _handle = handle;
        IntPtr desc;
        Check(descCreate(&desc, ComputeType32I, CudaR32I), "cublasLtMatmulDescCreate");
        _desc = desc;
        int transpose = OpT;
        Check(descSet(_desc, DescTransA, &transpose, sizeof(int)), "cublasLtMatmulDescSetAttribute(TRANSA)");
    }

    /// <summary>
    /// Loads cuBLASLt (<c>libcublasLt.so.13</c> or <c>.12</c>, by the loader's search path, then under
    /// <c>/usr/local/cuda*/targets/x86_64-linux/lib</c>) and creates a handle; null where it is not installed.
    /// The CUDA context the products will run in must be current on the calling thread.
    /// </summary>
    /// <exception cref="InvalidOperationException">The library loaded but a call failed (its status is named).</exception>
    public static CublasLt? TryLoad()
    {
        IntPtr library = IntPtr.Zero;
        foreach (string path in Candidates())
        {
            if (NativeLibrary.TryLoad(path, out library))
            {
                break;
            }
        }
        if (library == IntPtr.Zero)
        {
            return null;
        }
        try
        {
            return new CublasLt(library);
        }
        catch
        {
            NativeLibrary.Free(library);
            throw;
        }
    }

    private static IEnumerable<string> Candidates()
    {
        foreach (string name in LibraryNames)
        {
            yield return name;
        }
        if (!Directory.Exists("/usr/local"))
        {
            yield break;
        }
        foreach (string cuda in Directory.EnumerateDirectories("/usr/local", "cuda*").Order(StringComparer.Ordinal).Reverse())
        {
            foreach (string name in LibraryNames)
            {
                yield return Path.Combine(cuda, "targets", "x86_64-linux", "lib", name);
            }
        }
    }

    /// <summary>
    /// Enqueues on <paramref name="stream"/>: <c>acc[s][j] = Σ_i x[s][i] · w[j][i]</c> (int8 inputs, exact int32
    /// accumulators) for row-major x (samples x inner), w (neurons x inner) and acc (samples x neurons), all device
    /// pointers. In cuBLASLt's column-major terms: D (neurons x samples, ld neurons) = Wᵀ-stored A (inner x neurons,
    /// transposed) · B (inner x samples).
    /// </summary>
    /// <exception cref="InvalidOperationException">cuBLASLt refused the product (its status is named).</exception>
    public void Multiply(IntPtr x, IntPtr w, IntPtr acc, int samples, int neurons, int inner, IntPtr workspace, long workspaceBytes, IntPtr stream)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        IntPtr a = IntPtr.Zero, b = IntPtr.Zero, c = IntPtr.Zero;
        try
        {
            Check(_layoutCreate(&a, CudaR8I, (ulong)inner, (ulong)neurons, inner), "cublasLtMatrixLayoutCreate(A)");
            Check(_layoutCreate(&b, CudaR8I, (ulong)inner, (ulong)samples, inner), "cublasLtMatrixLayoutCreate(B)");
            Check(_layoutCreate(&c, CudaR32I, (ulong)neurons, (ulong)samples, neurons), "cublasLtMatrixLayoutCreate(C)");
            int alpha = 1;
            int beta = 0;
            Check(
                _matmul(_handle, _desc, &alpha, w, a, x, b, &beta, acc, c, acc, c, IntPtr.Zero, workspace, (nuint)workspaceBytes, stream),
                $"cublasLtMatmul({neurons} x {inner} by {inner} x {samples})");
        }
        finally
        {
            DestroyLayout(a);
            DestroyLayout(b);
            DestroyLayout(c);
        }
    }

    private void DestroyLayout(IntPtr layout)
    {
        if (layout != IntPtr.Zero)
        {
            _ = _layoutDestroy(layout);
        }
    }

    private IntPtr Export(string name) =>
        NativeLibrary.TryGetExport(_library, name, out IntPtr address)
            ? address
            : throw new InvalidOperationException($"cuBLASLt: the library has no export {name}");

    private static void Check(int status, string call)
    {
        if (status != 0)
        {
            // cublasStatus_t: 1 not initialized, 3 alloc failed, 7 invalid value, 8 arch mismatch, 13 execution failed, 15 not supported.
            throw new InvalidOperationException($"cuBLASLt: {call} returned status {status}");
        }
    }

    /// <summary>Destroys the descriptor and the handle and unloads the library.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _ = _descDestroy(_desc);
        _ = _destroy(_handle);
        NativeLibrary.Free(_library);
    }
}
