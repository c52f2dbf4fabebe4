namespace KenyaSms.Sending;

/// <summary>A process-wide non-cryptographic random source (<c>Random.Shared</c> on net8.0+).</summary>
internal static class SharedRandom
{
#if NETSTANDARD2_0
    private static readonly Random Instance = new();
#endif

    /// <summary>A random long in [<paramref name="minValue"/>, <paramref name="maxValue"/>).</summary>
    public static long NextInt64(long minValue, long maxValue)
    {
#if NETSTANDARD2_0
        lock (Instance)
        {
            byte[] bytes = new byte[8];
            Instance.NextBytes(bytes);
            ulong range = (ulong)(maxValue - minValue);
            return minValue + (long)(BitConverter.ToUInt64(bytes, 0) % range);
        }
#else
        return Random.Shared.NextInt64(minValue, maxValue);
#endif
    }
}
