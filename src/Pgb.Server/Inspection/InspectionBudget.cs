using Pgb.Server.Streams;

namespace Pgb.Server.Inspection;

/// <summary>What one inspection (of one upload, one icon or one checkout) may still spend: entries seen and bytes
/// inflated, in all, plus per-item caps enforced while reading. Not thread-safe: an inspection runs on one thread.</summary>
/// <param name="what">names what is inspected in the errors: "the upload", "the repository's checkout".</param>
internal sealed class InspectionBudget(InspectionLimits limits, string what = "the upload")
{
    private long _inflated;
    private int _entries;

    public InspectionLimits Limits { get; } = limits;

    /// <summary>Counts one more archive entry.</summary>
    public void CountEntry()
    {
        if (++_entries > Limits.MaxEntries)
        {
            throw TooManyEntries(Limits.MaxEntries, what);
        }
    }

    /// <summary>Counts inflated bytes against <see cref="InspectionLimits.MaxInflatedBytes"/>.</summary>
    public void CountInflated(long bytes)
    {
        _inflated += bytes;
        if (_inflated > Limits.MaxInflatedBytes)
        {
            throw new BudgetExceededException($"{what} inflates to more than {ByteSize.Format(Limits.MaxInflatedBytes)}");
        }
    }

    /// <summary>A stream that counts what is read from <paramref name="inflating"/> against this budget.</summary>
    public Stream Meter(Stream inflating) => new MeteredStream(inflating, this);

    /// <summary>Reads <paramref name="stream"/> to its end into one array, failing as soon as it goes past
    /// <paramref name="maxBytes"/>: a stream that claims a small size (or none) and inflates without end is cut off
    /// there, never buffered whole.</summary>
    /// <param name="what">names the item in the error ("config.xml", "the icon res/icon.png").</param>
    public static byte[] ReadAtMost(Stream stream, long maxBytes, string what)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw TooLarge(what, maxBytes);
            }
        }

        return buffer.ToArray();
    }

    public static BudgetExceededException TooLarge(string what, long maxBytes) => new($"{what} is larger than {ByteSize.Format(maxBytes)}");

    public static BudgetExceededException TooManyEntries(int maxEntries, string what = "the upload") =>
        new(string.Create(CultureInfo.InvariantCulture, $"{what} holds more than {maxEntries:N0} entries"));

    private sealed class MeteredStream(Stream inner, InspectionBudget budget) : ForwardOnlyStream
    {
        public override bool CanRead => true;

        public override bool CanWrite => false;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            budget.CountInflated(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
