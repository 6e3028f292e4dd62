using Pgb.Client;

namespace Pgb.Build.Tasks.Tests;

/// <summary>Each test gets a unique token variable and a temp folder, cleaned up after.</summary>
public abstract class TaskTestBase
{
    protected const string UserProject = "/src/MyApp/MyApp.csproj";

    /// <summary>Where the service tasks are pointed: nothing listens there, a fake handler answers in its place.</summary>
    protected const string FakeServerUrl = "http://127.0.0.1:1";

    protected string TokenVariable { get; } = "PGB_TEST_TOKEN_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private readonly TempDirectory _temp = new();

    protected string Temp => _temp.Path;

    [TestCleanup]
    public void DeleteTemp()
    {
        Environment.SetEnvironmentVariable(TokenVariable, null);
        _temp.Dispose();
    }

    /// <summary>
    /// Sets what every service task of these tests shares: <paramref name="engine"/>, the user's project,
    /// <see cref="FakeServerUrl"/> and this test's token variable; <paramref name="handler"/> (when given) answers the
    /// requests, with the client options <paramref name="configure"/> adds (fewer retries, longer limits).
    /// </summary>
    protected T OnFakeServer<T>(T task, IBuildEngine engine, HttpMessageHandler? handler = null, Action<PgbClientOptions>? configure = null)
        where T : PgbServiceTask
    {
        task.BuildEngine = engine;
        task.ProjectFile = UserProject;
        task.ServerUrl = FakeServerUrl;
        task.TokenVariable = TokenVariable;
        if (handler is not null)
        {
            task.ClientOptionsFactory = () =>
            {
                var options = new PgbClientOptions { Handler = handler };
                configure?.Invoke(options);
                return options;
            };
        }

        return task;
    }

    /// <summary>For <see cref="OnFakeServer"/>: the first answer is the one under test.</summary>
    protected static void NoRetries(PgbClientOptions options) => options.Retry.MaxRetries = 0;

    /// <summary>Runs <paramref name="task"/> and checks it ends with the one error <paramref name="code"/> before
    /// <paramref name="handler"/> saw any request: a setting the task can check itself costs no round trip.</summary>
    protected static void AssertFailsBeforeAnyRequest(PgbTask task, MockEngine engine, FakeHandler handler, string code)
    {
        Assert.IsFalse(task.Execute());
        AssertSingleError(engine, code);
        Assert.IsEmpty(handler.Requests);
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
