namespace StorageKit.Emulator.Rados;

/// <summary>
/// Orders keys as Ceph does: bytewise on their UTF-8 encoding. That equals code-point order, which differs
/// from .NET's UTF-16 ordinal order only for surrogate pairs against U+E000..U+FFFF.
/// </summary>
internal sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static readonly Utf8OrdinalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int length = Math.Min(x.Length, y.Length);
        for (int i = 0; i < length; i++)
        {
            char a = x[i], b = y[i];
            if (a != b)
            {
                // Surrogates encode code points above U+FFFF, so they sort after every other UTF-16 unit.
                bool sa = char.IsSurrogate(a), sb = char.IsSurrogate(b);
                if (sa != sb)
                {
                    return sa ? 1 : -1;
                }

                return a.CompareTo(b);
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
