using System.Text.RegularExpressions;

namespace Pgb.Server.Middleware;

/// <summary>Counts every request and keeps the latest ones for <see cref="PgbServer.Requests"/>. Bounded, because
/// <c>pgb serve</c> may run for days; tests look at far fewer than <see cref="Capacity"/> requests.</summary>
internal sealed partial class RequestJournal
{
    public const int Capacity = 10_000;

    private readonly Queue<PgbRecordedRequest> _recent = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Received() => Interlocked.Increment(ref _count);

    public void Record(PgbRecordedRequest request)
    {
        lock (_recent)
        {
            _recent.Enqueue(request);
            while (_recent.Count > Capacity)
            {
                _recent.Dequeue();
            }
        }
    }

    public IReadOnlyList<PgbRecordedRequest> Snapshot()
    {
        lock (_recent)
        {
            return _recent.ToArray();
        }
    }

    /// <summary>Path plus query with the values of secrets replaced: logs get pasted into issues.</summary>
    public static string Redact(string pathAndQuery) => Secret().Replace(pathAndQuery, "$1=***");

    [GeneratedRegex(@"(?<=[?&])(auth_token|password|key_pw|keystore_pw)=[^&#]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Secret();
}
