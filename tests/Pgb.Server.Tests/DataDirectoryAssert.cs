namespace Pgb.Server.Tests;

/// <summary>How a start over a data directory it cannot use must fail: one exception type, the problem, and the file to look at.</summary>
internal static class DataDirectoryAssert
{
    /// <summary>Awaits <paramref name="start"/>, which must fail with <paramref name="problem"/> naming <paramref name="file"/> by its full path.</summary>
    public static async Task<PgbDataDirectoryException> StartFailsAsync(Func<Task> start, PgbDataDirectoryProblem problem, string file)
    {
        var e = await Assert.ThrowsExactlyAsync<PgbDataDirectoryException>(start);
        Assert.AreEqual(problem, e.Problem, e.Message);
        Assert.AreEqual(Path.GetFullPath(file), e.Path);
        return e;
    }
}
