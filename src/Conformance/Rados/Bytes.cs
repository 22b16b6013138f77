using System.Text;

namespace StorageKit.Conformance.Rados;

/// <summary>Short helpers for test data.</summary>
internal static class Bytes
{
    public static byte[] Of(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Pattern(int length, int seed = 1)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((i * 31) + seed);
        }

        return data;
    }
}
