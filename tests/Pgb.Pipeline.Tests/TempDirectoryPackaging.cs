namespace Pgb.Pipeline.Tests;

/// <summary>The packaging call most packager tests make: the folder's www/ into an archive inside the same folder.</summary>
internal static class TempDirectoryPackaging
{
    /// <summary>Packages <c>www/</c> of <paramref name="temp"/> into <paramref name="output"/> ('/'-separated, relative to it).</summary>
    public static Task<PgbPackageResult> PackageWwwAsync(this TempDirectory temp, string output = "app.zip", CancellationToken cancellationToken = default) =>
        PgbPackager.PackageAsync(new PgbPackageRequest { WwwDirectory = temp.Combine("www"), OutputPath = temp.Combine(output.Split('/')) }, cancellationToken);
}
