using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace DaoPlatform.Evaluation.Backends.Gpu;

/// <summary>
/// Lets ILGPU find the CUDA driver where only the versioned <c>libcuda.so.1</c> is installed (driver-only machines
/// and containers ship no unversioned <c>libcuda.so</c>): ILGPU imports the driver as <c>cuda</c>, which the loader
/// would otherwise not resolve.
/// </summary>
internal static class CudaDriver
{
    private static readonly bool Registered = Register();

    /// <summary>Registers the resolver, once per process (the type initializer runs once).</summary>
    public static void EnsureResolvable() => _ = Registered;

    private static bool Register()
    {
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
        return true;
    }

    private static IntPtr Resolve(Assembly assembly, string name) =>
        name == "cuda" && NativeLibrary.TryLoad("libcuda.so.1", out IntPtr handle) ? handle : IntPtr.Zero;
}
