namespace Pgb.Testing;

/// <summary>A test class whose every test gets a fresh <see cref="TempDirectory"/>, deleted after the test.</summary>
public abstract class TempDirectoryTest
{
    /// <summary>This test's folder (MSTest makes a new instance of the class for each test).</summary>
    protected TempDirectory Temp { get; } = new();

    [TestCleanup]
    public void DeleteTemp() => Temp.Dispose();
}
