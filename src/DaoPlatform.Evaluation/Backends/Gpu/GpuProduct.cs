namespace DaoPlatform.Evaluation.Backends.Gpu;

/// <summary>Which routine computes the GPU back end's int8 matrix products.</summary>
public enum GpuProduct
{
    /// <summary>cuBLASLt where it loads and works, else the ILGPU <c>dp4a</c> kernel.</summary>
    Auto,

    /// <summary>The pure-ILGPU kernel (<c>dp4a</c> through inline PTX on CUDA, plain integer code on ILGPU's CPU accelerator).</summary>
    Ilgpu,

    /// <summary>NVIDIA cuBLASLt's int8 tensor-core products (<c>CUBLAS_COMPUTE_32I</c>); an error where it is not installed.</summary>
    CublasLt,
}
