using System.Collections;
using System.Globalization;

namespace StorageKit.Conformance.Framework;

/// <summary>Assertions for conformance cases, independent of any test framework so the runner and NUnit share them.</summary>
public static partial class Check
{
    /// <summary>Fails unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new ConformanceFailedException($"{what}: expected {Show(expected)}, got {Show(actual)}");
        }
    }

    /// <summary>Fails unless the two byte sequences are equal.</summary>
    public static void Bytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string what)
    {
        if (!expected.SequenceEqual(actual))
        {
            throw new ConformanceFailedException($"{what}: expected {expected.Length} bytes [{Hex(expected)}], got {actual.Length} bytes [{Hex(actual)}]");
        }
    }

    /// <summary>Fails unless the sequences hold equal items in the same order.</summary>
    public static void Sequence<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        if (!e.SequenceEqual(a))
        {
            throw new ConformanceFailedException($"{what}: expected [{string.Join(", ", e.Select(x => Show(x)))}], got [{string.Join(", ", a.Select(x => Show(x)))}]");
        }
    }

    /// <summary>Fails unless the dictionaries hold the same keys with equal byte values.</summary>
    public static void Entries(IEnumerable<KeyValuePair<string, byte[]>> expected, IEnumerable<KeyValuePair<string, byte[]>> actual, string what)
        => Entries(expected, actual.Select(p => KeyValuePair.Create(p.Key, new ReadOnlyMemory<byte>(p.Value))), what);

    /// <summary>Fails unless the entries hold the same keys with equal byte values (omap values are read-only memory).</summary>
    public static void Entries(IEnumerable<KeyValuePair<string, byte[]>> expected, IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> actual, string what)
    {
        var e = expected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Show(p.Key)}={Hex(p.Value)}").ToList();
        var a = actual.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Show(p.Key)}={Hex(p.Value.Span)}").ToList();
        if (!e.SequenceEqual(a))
        {
            throw new ConformanceFailedException($"{what}: expected {{{string.Join(", ", e)}}}, got {{{string.Join(", ", a)}}}");
        }
    }

    /// <summary>Fails unless <paramref name="condition"/> holds.</summary>
    public static void True(bool condition, string what)
    {
        if (!condition)
        {
            throw new ConformanceFailedException(what);
        }
    }

    /// <summary>
    /// Fails unless <paramref name="action"/> throws exactly <typeparamref name="TException"/> carrying
    /// <paramref name="errno"/>. Returns the exception for further checks.
    /// </summary>
    public static TException Throws<TException>(Errno errno, Action action, string what)
        where TException : StorageException
    {
        try
        {
            action();
        }
        catch (StorageException ex)
        {
            if (ex.GetType() != typeof(TException) || ex.Errno != errno)
            {
                throw new ConformanceFailedException($"{what}: expected {typeof(TException).Name}({Errno(errno)}), got {ex.GetType().Name}({Errno(ex.Errno)}) from {ex.Operation}", ex);
            }

            return (TException)ex;
        }
        catch (Exception ex) when (ex is not ConformanceFailedException)
        {
            throw new ConformanceFailedException($"{what}: expected {typeof(TException).Name}({Errno(errno)}), got {ex.GetType().Name}: {ex.Message}", ex);
        }

        throw new ConformanceFailedException($"{what}: expected {typeof(TException).Name}({Errno(errno)}), but it succeeded");
    }

    /// <summary>Fails unless <paramref name="action"/> throws exactly <typeparamref name="TException"/> (argument and lifetime errors).</summary>
    public static TException ThrowsExactly<TException>(Action action, string what)
        where TException : Exception
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not ConformanceFailedException)
        {
            if (ex.GetType() != typeof(TException))
            {
                throw new ConformanceFailedException($"{what}: expected {typeof(TException).Name}, got {ex.GetType().Name}: {ex.Message}", ex);
            }

            return (TException)ex;
        }

        throw new ConformanceFailedException($"{what}: expected {typeof(TException).Name}, but it succeeded");
    }

    /// <summary>Renders an errno as its name and number, for example <c>ENOENT(2)</c>.</summary>
    public static string Errno(Errno errno) => $"{errno}({(int)errno})";

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        byte[] b => $"[{Hex(b)}]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items and not string => $"[{string.Join(", ", items.Cast<object?>().Select(Show))}]",
        _ => value.ToString() ?? "",
    };

    private static string Hex(ReadOnlySpan<byte> bytes)
        => bytes.Length <= 32 ? Convert.ToHexString(bytes) : $"{Convert.ToHexString(bytes[..32])}...";
}
