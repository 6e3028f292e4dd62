namespace Pgb.Client;

/// <summary>
/// The secrets one client scrubs from every exception it makes: the credential's from the start, and key
/// passwords as the calls that send them register them. Registered for the client's lifetime, not one call:
/// a later build error or a server log line quoted in an error text may still carry a password.
/// </summary>
internal sealed class PgbSecrets
{
    private readonly object _gate = new();

    /// <summary>Longest first, so a form that contains another (an escaped one) is replaced whole.</summary>
    private IReadOnlyList<string> _current;

    public PgbSecrets(IReadOnlyList<string> initial) => _current = Ordered(initial);

    /// <summary>A snapshot: calls in flight keep the list they started with while another call adds to it.</summary>
    public IReadOnlyList<string> Current => Volatile.Read(ref _current);

    /// <summary>
    /// A password in every form it takes on the wire: raw, escaped inside the <c>data</c> JSON, and that JSON
    /// percent- or form-encoded (the unlock body is <c>data=...</c>). Forms shorter than
    /// <see cref="PgbCredential.MinimumScrubbedLength"/> are left out, as for the credential: scrubbing "dev"
    /// everywhere would mangle "device"; <see cref="PgbRedaction"/> still hides such a password in its
    /// <c>"password":"..."</c> and <c>key_pw=...</c> forms.
    /// </summary>
    public void AddPassword(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return;
        }

        var inJson = Newtonsoft.Json.JsonConvert.ToString(password);
        inJson = inJson.Substring(1, inJson.Length - 2);
        var forms = new List<string> { password!, inJson };
        foreach (var text in new[] { password!, inJson })
        {
            var escaped = Uri.EscapeDataString(text);
            forms.Add(escaped);
            forms.Add(escaped.Replace("%20", "+"));
        }

        lock (_gate)
        {
            Volatile.Write(ref _current, Ordered(_current.Concat(forms)));
        }
    }

    private static IReadOnlyList<string> Ordered(IEnumerable<string> secrets) =>
        [.. secrets.Where(s => s.Length >= PgbCredential.MinimumScrubbedLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
}
