namespace Pgb.Client;

/// <summary>Lower-case hex, the one way this client writes bytes as text (a SHA-256, the start of a file in a message).</summary>
internal static class Hex
{
    public static string Lower(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
