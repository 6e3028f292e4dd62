namespace Pgb.Testing;

/// <summary>The spec's example bodies in TestData/Spec003, as the fake server's answers.</summary>
internal static class SpecExamples
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Spec003", name + ".json"));
}
