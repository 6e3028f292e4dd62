namespace Pgb.Client.Tests;

/// <summary>The spec's example answers, copied verbatim into TestData/Spec003 (see the README there).</summary>
internal static class SpecExamples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "Spec003");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name + ".json"));
}
