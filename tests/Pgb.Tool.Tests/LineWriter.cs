using System.Text;

namespace Pgb.Tool.Tests;

/// <summary>A thread-safe in-memory writer that tells when its first line is complete (the serve ready line).</summary>
internal sealed class LineWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The first line, without its line break.</summary>
    public Task<string> FirstLine => _firstLine.Task;

    public override void Write(char value)
    {
        lock (_text)
        {
            if (value == '\n' && !_firstLine.Task.IsCompleted)
            {
                _firstLine.TrySetResult(_text.ToString().TrimEnd('\r'));
            }

            _text.Append(value);
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
