namespace Pgb.Client;

/// <summary>What the v1 and v0 clients check of a file before they open a connection to upload it.</summary>
internal static class UploadFiles
{
    /// <param name="what">What the file is, for the message ("archive", "iOS certificate").</param>
    public static void Require(string? path, string what, string parameterName)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ArgumentException($"No {what} path given.", parameterName);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} to upload does not exist.", path);
        }
    }
}
