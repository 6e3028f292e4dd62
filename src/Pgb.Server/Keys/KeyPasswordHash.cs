using System.Security.Cryptography;
using System.Text;

namespace Pgb.Server.Keys;

/// <summary>A signing key's password as the server keeps it: PBKDF2 (HMAC-SHA-256) of the password with a random salt of
/// its own, never the password. Enough to tell whether a key is unlocked and to recognize a password the simulation
/// treats as wrong (<see cref="PgbSimulation.RejectKeyPassword"/>); nothing can turn it back into the password. The
/// iteration count is stored with the hash, so a later server can raise it for new passwords and still read old ones.</summary>
internal sealed record KeyPasswordHash(byte[] Salt, byte[] Hash, int Iterations)
{
    /// <summary>PBKDF2 iterations for new hashes: about a tenth of a second per password on a slow CI machine, paid once
    /// per upload or unlock. Signing-key passwords are typed or pasted from a secret store, not chosen to be remembered, so
    /// this guards against casual reading of a data directory; the directory itself must still be protected (it also
    /// holds the key files).</summary>
    public const int DefaultIterations = 100_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static KeyPasswordHash Create(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new KeyPasswordHash(salt, Derive(password, salt, DefaultIterations, HashBytes), DefaultIterations);
    }

    /// <summary>Compares in constant time, so how long a check takes says nothing of how close a guess was.</summary>
    public bool Matches(string password) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, Salt, Iterations, Hash.Length), Hash);

    /// <summary>A hash read from a data directory, checked to be one this server could have written.</summary>
    public bool IsWellFormed => Salt.Length >= SaltBytes && Hash.Length == HashBytes && Iterations is >= 10_000 and <= 10_000_000;

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);
}
