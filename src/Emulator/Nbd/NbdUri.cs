using System.Globalization;

namespace StorageKit.Emulator.Nbd;

/// <summary>An NBD URI (the NBD URI specification, as libnbd's <c>nbd_connect_uri</c> reads it).</summary>
internal sealed record NbdUri(bool Tls, string Host, int Port, string? SocketPath, string ExportName)
{
    private const string Function = "nbd_connect_uri";

    /// <summary>Parses <paramref name="uri"/> with libnbd's errors (EINVAL, the handle stays unconnected).</summary>
    public static NbdUri Parse(string uri)
    {
        int colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !IsScheme(uri.AsSpan(0, colon)))
        {
            throw NbdClientErrors.Create(Errno.EINVAL, Function, "NBD URI does not have a scheme: valid NBD URIs should start with a scheme like nbd://, nbds:// or nbd+unix://");
        }

        string scheme = uri[..colon];
        (bool tls, bool unix) = scheme switch
        {
            "nbd" => (false, false),
            "nbds" => (true, false),
            "nbd+unix" => (false, true),
            "nbds+unix" => (true, true),
            _ => throw NbdClientErrors.Create(Errno.EINVAL, Function, $"unknown NBD URI scheme: {scheme}"),
        };

        string rest = uri[(colon + 1)..];
        string query = "";
        int question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }

        string authority = "";
        string path = rest;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            int slash = rest.IndexOf('/', 2);
            authority = slash < 0 ? rest[2..] : rest[2..slash];
            path = slash < 0 ? "" : rest[slash..];
        }

        string exportName = Uri.UnescapeDataString(path.StartsWith('/') ? path[1..] : path);
        string? socket = null;
        foreach (string parameter in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parameter[..equals] == "socket")
            {
                socket = Uri.UnescapeDataString(parameter[(equals + 1)..]);
            }
        }

        if (unix)
        {
            if (socket is null)
            {
                throw NbdClientErrors.Create(Errno.EINVAL, Function, "cannot parse socket parameter from NBD URI (did you mean to use \"nbd+unix:///?socket=...\"?)");
            }

            return new NbdUri(tls, "", 0, socket, exportName);
        }

        string host = authority;
        int port = 10809;
        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            host = authority[(at + 1)..];
        }

        if (host.StartsWith('['))
        {
            int close = host.IndexOf(']', StringComparison.Ordinal);
            string literal = close > 0 ? host[1..close] : host[1..];
            string after = close > 0 ? host[(close + 1)..] : "";
            host = literal;
            if (after.StartsWith(':') && int.TryParse(after[1..], NumberStyles.None, CultureInfo.InvariantCulture, out int bracketPort))
            {
                port = bracketPort;
            }
        }
        else
        {
            int portColon = host.LastIndexOf(':');
            if (portColon >= 0)
            {
                if (portColon + 1 < host.Length && int.TryParse(host[(portColon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
                {
                    port = parsed;
                }

                host = host[..portColon];
            }
        }

        return new NbdUri(tls, host.Length == 0 ? "localhost" : host, port, null, exportName);
    }

    private static bool IsScheme(ReadOnlySpan<char> text)
    {
        if (!char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
