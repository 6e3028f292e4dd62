namespace Pgb.Client.Tests;

/// <summary>How a call the server refuses must fail: the client's one exception type, the status, and the server's own text.</summary>
internal static class RequestFailedAssert
{
    public static async Task<PgbRequestFailedException> ThrowsAsync(Func<Task> call, int status, string errorMessage)
    {
        var ex = await Assert.ThrowsExactlyAsync<PgbRequestFailedException>(call);
        Assert.AreEqual(status, ex.Status, ex.Message);
        Assert.AreEqual(errorMessage, ex.ErrorMessage);
        return ex;
    }
}
