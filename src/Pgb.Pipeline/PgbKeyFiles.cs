using System.Security.Cryptography;
using System.Text;

namespace Pgb.Pipeline;

/// <summary>
/// A signing key given by its files (MSBuild's <c>PgbAndroidKeystore</c>, <c>PgbIosCertificate</c>...) instead of
/// the id of a key already on the service. The key is uploaded once under a title that names its contents, and
/// found again by that title on every later build, on any machine (a CI runner starts clean, so no local state
/// can say "uploaded already"); changed files make a new title, so a new key.
/// </summary>
public static class PgbKeyFiles
{
    /// <summary>Every problem with the android key settings; none when they are consistent.</summary>
    public static IReadOnlyList<PgbPipelineException> CheckAndroid(string? keyId, string? keystore, string? alias)
    {
        var problems = new List<PgbPipelineException>();
        CheckChoice(problems, PgbPlatforms.Android, ("PgbAndroidKeyId", keyId), ("PgbAndroidKeystore", keystore));
        CheckPair(problems, PgbPlatforms.Android, ("PgbAndroidKeystore", keystore), ("PgbAndroidKeyAlias", alias));
        CheckExists(problems, ("PgbAndroidKeystore", keystore));
        return problems;
    }

    /// <summary>Every problem with the ios key settings; none when they are consistent.</summary>
    public static IReadOnlyList<PgbPipelineException> CheckIos(string? keyId, string? certificate, string? profile)
    {
        var problems = new List<PgbPipelineException>();
        CheckChoice(problems, PgbPlatforms.Ios, ("PgbIosKeyId", keyId), Set(certificate) ? ("PgbIosCertificate", certificate) : ("PgbIosProfile", profile));
        CheckPair(problems, PgbPlatforms.Ios, ("PgbIosCertificate", certificate), ("PgbIosProfile", profile));
        CheckExists(problems, ("PgbIosCertificate", certificate), ("PgbIosProfile", profile));
        return problems;
    }

    /// <summary>
    /// The upload of an android key given by its keystore, titled by <see cref="ContentTitle"/> after <paramref name="titleStart"/>,
    /// for <see cref="PgbSigningKey.Files"/>. PGB1019 when the keystore is missing.
    /// </summary>
    public static PgbAndroidKeyOptions Android(string titleStart, string keystore, string? alias, string? keyPassword, string? keystorePassword) => new()
    {
        Title = ContentTitle(titleStart, PgbPlatforms.Android, alias, keystore),
        KeystorePath = keystore,
        Alias = alias,
        KeyPassword = keyPassword,
        KeystorePassword = keystorePassword,
    };

    /// <summary>The upload of an ios key given by its certificate and profile, as <see cref="Android"/>.</summary>
    public static PgbIosKeyOptions Ios(string titleStart, string certificate, string profile, string? password) => new()
    {
        Title = ContentTitle(titleStart, PgbPlatforms.Ios, null, certificate, profile),
        CertificatePath = certificate,
        ProfilePath = profile,
        Password = password,
    };

    /// <summary>
    /// <paramref name="name"/> followed by the first 12 hex digits of a SHA-256 over the platform, the alias and
    /// each file's bytes: "HelloCordova android 3f2a9c1b7d04". PGB1019 when a file is missing.
    /// </summary>
    public static string ContentTitle(string name, string platform, string? alias, params string[] files)
    {
        using var sha = SHA256.Create();
        var header = Encoding.UTF8.GetBytes(platform + "\n" + (alias ?? string.Empty) + "\n");
        sha.TransformBlock(header, 0, header.Length, null, 0);
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new PgbPipelineException(PgbErrorCodes.FileNotFound, Strings.FileToUploadMissing.F(file), ex);
            }

            // The length first, so two files cannot trade bytes at their boundary and keep the hash.
            var length = BitConverter.GetBytes((long)bytes.Length);
            sha.TransformBlock(length, 0, length.Length, null, 0);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }

        sha.TransformFinalBlock([], 0, 0);
        return $"{name.Trim()} {platform} {Sha256Hex.Format(sha.Hash!.Take(6))}";
    }

    private static bool Set(string? value) => !string.IsNullOrWhiteSpace(value);

    private static void CheckChoice(List<PgbPipelineException> problems, string platform, (string Name, string? Value) id, (string Name, string? Value) file)
    {
        if (Set(id.Value) && Set(file.Value))
        {
            problems.Add(new PgbPipelineException(PgbErrorCodes.KeyChosenTwice, Strings.KeyChosenTwice.F(id.Name, file.Name, platform)));
        }
    }

    /// <summary>Settings that only make sense together: either one without the other is PGB1021.</summary>
    private static void CheckPair(List<PgbPipelineException> problems, string platform, (string Name, string? Value) first, (string Name, string? Value) second)
    {
        if (Set(first.Value) != Set(second.Value))
        {
            var (given, missing) = Set(first.Value) ? (first.Name, second.Name) : (second.Name, first.Name);
            problems.Add(new PgbPipelineException(PgbErrorCodes.KeyFilesIncomplete, Strings.KeyFilesIncomplete.F(given, missing, platform)));
        }
    }

    private static void CheckExists(List<PgbPipelineException> problems, params (string Name, string? Path)[] files)
    {
        foreach (var (name, path) in files)
        {
            if (Set(path) && !File.Exists(path))
            {
                problems.Add(new PgbPipelineException(PgbErrorCodes.FileNotFound, Strings.KeyFileMissing.F(name, path!)));
            }
        }
    }
}
