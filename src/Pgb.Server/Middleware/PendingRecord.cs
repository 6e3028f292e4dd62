using Pgb.Server.Faults;

namespace Pgb.Server.Middleware;

/// <summary>The journal entry of one request, written once, as early as its outcome is known: when the answer starts
/// (before its first byte can reach the client), or just before an injected abort. Written at the end of the request
/// instead, a client could see its answer - or its dropped connection - and look at <see cref="PgbServer.Requests"/>
/// before the request was in it; tests that count requests would then fail now and then.</summary>
internal sealed class PendingRecord(ServerState state, HttpContext context, string path)
{
    public static readonly object ItemKey = new();

    private int _committed;

    /// <summary>The request's entry, when the request log middleware made one (it always does in this server).</summary>
    public static PendingRecord? Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var item) ? item as PendingRecord : null;

    /// <summary>Records the request with its status now (0 for an injected abort: no answer) and its faults; later
    /// calls do nothing.</summary>
    public void Commit()
    {
        if (Interlocked.Exchange(ref _committed, 1) != 0)
        {
            return;
        }

        var faults = InjectedFaultsOf(context);
        var status = faults?.Aborted == true ? 0 : context.Response.StatusCode;
        var request = context.Request;
        state.Journal.Record(new PgbRecordedRequest(request.Method, path, status)
        {
            Fault = faults?.Description,
            Port = context.Connection.LocalPort,
            CarriedCredentials = request.Headers.Authorization.Count > 0 || request.Query.ContainsKey("auth_token"),
        });
    }

    public static InjectedFaults? InjectedFaultsOf(HttpContext context) =>
        context.Items.TryGetValue(InjectedFaults.ItemKey, out var item) ? item as InjectedFaults : null;
}
