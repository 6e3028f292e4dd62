namespace Pgb.Client.Models;

/// <summary>An iOS key: a p12 certificate and its provisioning profile, sent as the <c>cert</c> and <c>profile</c> parts.</summary>
public sealed class PgbIosKeyOptions : PgbKeyOptions
{
    public override string Platform => PgbPlatforms.Ios;

    /// <summary>The <c>.p12</c> certificate file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The <c>.mobileprovision</c> file.</summary>
    public string? ProfilePath { get; set; }

    /// <summary>The certificate's password; without it the key is uploaded locked.</summary>
    [JsonIgnore] public string? Password { get; set; }

    private protected override IEnumerable<(string Name, string? Value)> DataFields => [("password", Password)];

    internal override IReadOnlyList<(string Part, string? Path, string What, string Property)> Files =>
        [("cert", CertificatePath, "iOS certificate", nameof(CertificatePath)), ("profile", ProfilePath, "iOS provisioning profile", nameof(ProfilePath))];

    internal override IEnumerable<string?> Passwords => [Password];

    public override string ToString() =>
        $"ios key \"{Title}\" (certificate {FileNameOf(CertificatePath)}, profile {FileNameOf(ProfilePath)}, password {Shown(Password)})";
}
