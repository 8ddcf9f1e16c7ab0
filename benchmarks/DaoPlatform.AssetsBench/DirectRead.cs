using System.ComponentModel;
using System.Runtime.InteropServices;

/// <summary>
/// Reads a file with O_DIRECT (Linux): straight from the device into an aligned buffer, past the page cache, as
/// <c>dd iflag=direct</c> does. .NET's <see cref="FileOptions"/> has no such flag on Unix (its values are not open(2)'s),
/// so this opens the file through libc.
/// </summary>
internal static class DirectRead
{
    private const int ReadOnly = 0;
    private const int Direct = 0x4000; // O_DIRECT on x86-64 (asm-generic: 040000)
    private const int Alignment = 4096;

    /// <summary>Reads <paramref name="path"/> to its end in <paramref name="chunk"/>-byte reads; returns the bytes read.</summary>
    /// <exception cref="Win32Exception">open or read failed (e.g. a file system without O_DIRECT).</exception>
    public static long ReadAll(string path, int chunk)
    {
        int fd = Open(path, ReadOnly | Direct);
        if (fd < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"open({path}, O_RDONLY | O_DIRECT) failed");
        }
        IntPtr block = Marshal.AllocHGlobal(chunk + Alignment);
        try
        {
            nint aligned = (block + (Alignment - 1)) & ~(nint)(Alignment - 1);
            long total = 0;
            nint read;
            while ((read = Read(fd, aligned, chunk)) > 0)
            {
                total += read;
            }
            if (read < 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), $"read({path}) with O_DIRECT failed after {total} bytes");
            }
            return total;
        }
        finally
        {
            Marshal.FreeHGlobal(block);
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int fd, IntPtr buffer, nint count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
