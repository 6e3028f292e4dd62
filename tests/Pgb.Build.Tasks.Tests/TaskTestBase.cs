namespace Pgb.Build.Tasks.Tests;

/// <summary>Each test gets a unique token variable and a temp folder, cleaned up after.</summary>
public abstract class TaskTestBase
{
    protected const string UserProject = "/src/MyApp/MyApp.csproj";

    protected string TokenVariable { get; } = "PGB_TEST_TOKEN_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private readonly TempDirectory _temp = new();

    protected string Temp => _temp.Path;

    [TestCleanup]
    public void DeleteTemp()
    {
        Environment.SetEnvironmentVariable(TokenVariable, null);
        _temp.Dispose();
    }

    protected static void AssertSingleError(MockEngine engine, string code)
    {
        Assert.HasCount(1, engine.Errors, engine.AllText());
        var error = engine.Errors[0];
        Assert.AreEqual(code, error.Code, engine.AllText());
        Assert.AreEqual(UserProject, error.File, "errors are logged against the user's project file");
        Assert.DoesNotContain("   at ", error.Message ?? string.Empty, "no stack trace");
    }
}
