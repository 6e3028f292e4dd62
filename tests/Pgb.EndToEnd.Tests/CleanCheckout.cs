namespace Pgb.EndToEnd.Tests;

/// <summary>
/// The working tree as a CI job checks it out: its tracked and new (not ignored) files, without bin/ and obj/,
/// committed into a fresh git repository whose origin is on GitHub. The packages are packed from it with CI=true,
/// as a release pipeline packs them, so the tests can read what the deterministic build and Source Link put in
/// them; the working tree's own remote may be a local path, which Source Link maps to nothing.
/// </summary>
internal static class CleanCheckout
{
    /// <summary>The origin of the checkout: an address Source Link's GitHub provider knows (nothing is fetched from it).</summary>
    public const string RemoteUrl = "https://github.com/pgb-build/pgb-build-tasks";

    /// <summary>Copies <paramref name="repository"/> into <paramref name="target"/>, commits it and returns the commit.</summary>
    public static async Task<string> CreateAsync(string repository, string target, CancellationToken cancellationToken)
    {
        var files = await GitAsync(repository, cancellationToken, "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        foreach (var file in files.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(repository, file);
            if (!File.Exists(source))
            {
                // Deleted in the working tree but not yet in the index: the checkout has it deleted too.
                continue;
            }

            var copy = Path.Combine(target, file);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(source, copy);
        }

        await GitAsync(target, cancellationToken, "init", "--quiet", "--initial-branch=main");
        await GitAsync(target, cancellationToken, "add", "--all");
        await GitAsync(target, cancellationToken, "-c", "user.name=Pgb tests", "-c", "user.email=tests@localhost", "-c", "commit.gpgsign=false",
            "commit", "--quiet", "--message", "The working tree under test");
        await GitAsync(target, cancellationToken, "remote", "add", "origin", RemoteUrl);
        return (await GitAsync(target, cancellationToken, "rev-parse", "HEAD")).Trim();
    }

    private static async Task<string> GitAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        // A test run started from a git hook inherits variables that would point git at another repository.
        var environment = new Dictionary<string, string?> { ["GIT_DIR"] = null, ["GIT_WORK_TREE"] = null, ["GIT_INDEX_FILE"] = null };
        var result = await ProcessRunner.RunAsync("git", arguments, directory, environment, TimeSpan.FromMinutes(1), cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"git {string.Join(' ', arguments)} failed in {directory} (the end-to-end tests pack from a git checkout):\n{result.Output}");
        }

        return result.StandardOutput;
    }
}
