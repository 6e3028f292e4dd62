using System.Net.Http.Headers;

namespace Pgb.Client;

public sealed partial class PgbClient
{
    /// <summary>
    /// An answer whose headers arrived, with the timer of its attempt still running: its body is read here, each read
    /// bounded by the request timeout, so a body that stalls or breaks off fails like a missing answer does.
    /// Disposing it ends the attempt (the answer, the request and the timer).
    /// </summary>
    private sealed class Attempt(PgbClient client, HttpRequestMessage request, HttpResponseMessage response, AttemptTimer timer, string method, Uri uri) : IDisposable
    {
        private const int BufferSize = 81920;

        public HttpResponseMessage Response => response;

        public int Status => (int)response.StatusCode;

        public Uri Uri => uri;

        /// <summary>
        /// The whole answer as text: for a success, all of it (up to <see cref="MaxAnswerBytes"/>, its full
        /// Content-Length, or it failed); for an error status, a failure carrying the start of the body (see
        /// <see cref="ReadErrorTextAsync"/>) and any <c>Retry-After</c>.
        /// </summary>
        public async Task<(int Status, string Text)> ReadAnswerAsync(CancellationToken cancellationToken)
        {
            if (Status >= 400)
            {
                throw await ErrorAsync(cancellationToken).ConfigureAwait(false);
            }

            var buffer = new MemoryStream();
            await CopyBodyAsync((bytes, count) =>
            {
                if (buffer.Length + count > MaxAnswerBytes)
                {
                    throw client.Failure(Status, $"the answer is larger than {MaxAnswerBytes / (1024 * 1024)} MB", method, uri);
                }

                buffer.Write(bytes, 0, count);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return (Status, Decode(buffer.GetBuffer(), (int)buffer.Length, response.Content?.Headers.ContentType?.CharSet));
        }

        /// <summary>The failure an error status stands for, with the start of its body as the explanation.</summary>
        public async Task<PgbRequestFailedException> ErrorAsync(CancellationToken cancellationToken)
        {
            var text = await ReadErrorTextAsync(cancellationToken).ConfigureAwait(false);
            return client.Failure(Status, ErrorText(response, text, client._secrets.Current), method, uri, retryAfter: response.Headers.RetryAfter);
        }

        /// <summary>
        /// The start of an error body: at most <see cref="MaxErrorBodyBytes"/>. A body that breaks off or stalls yields
        /// what arrived: the status is the failure, the text only explains it.
        /// </summary>
        public async Task<string> ReadErrorTextAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var length = 0;
            try
            {
                using var stream = await OpenBodyAsync().ConfigureAwait(false);
                while (length < buffer.Length)
                {
                    var read = await ReadAsync(stream, buffer, length, buffer.Length - length, length, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }
            catch (PgbRequestFailedException)
            {
                // Stalled or broken off: describe the failure with the bytes we have.
            }

            return Decode(buffer, length, response.Content?.Headers.ContentType?.CharSet);
        }

        /// <summary>
        /// Hands each chunk of the body to <paramref name="write"/> and returns how many bytes there were. A body that
        /// ends before its Content-Length broke off (<see cref="PgbFailureKind.Interrupted"/>), as does one the
        /// connection drops; one that sends nothing for the request timeout timed out.
        /// </summary>
        public async Task<long> CopyBodyAsync(Func<byte[], int, Task> write, CancellationToken cancellationToken, long offset = 0)
        {
            var announced = response.Content?.Headers.ContentLength;
            var buffer = new byte[BufferSize];
            long total = 0;
            using (var stream = await OpenBodyAsync().ConfigureAwait(false))
            {
                while (true)
                {
                    var read = await ReadAsync(stream, buffer, 0, buffer.Length, offset + total, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    await write(buffer, read).ConfigureAwait(false);
                    total += read;
                }
            }

            if (announced is { } length && total < length)
            {
                throw client.Failure(0, $"the answer broke off after {offset + total} of {offset + length} bytes", method, uri, interrupted: true);
            }

            return total;
        }

        public RetryConditionHeaderValue? RetryAfter => response.Headers.RetryAfter;

        public void Dispose()
        {
            response.Dispose();
            request.Dispose();
            timer.Dispose();
        }

        private async Task<Stream> OpenBodyAsync() =>
            response.Content is null ? Stream.Null : await response.Content.ReadAsStreamAsync().ConfigureAwait(false);

        /// <summary>One read, within the attempt's limits; <paramref name="position"/> is where the transfer is, for messages.</summary>
        private async Task<int> ReadAsync(Stream stream, byte[] buffer, int offset, int count, long position, CancellationToken cancellationToken)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, offset, count, timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = timer.Reason == TimeLimit.Budget
                    ? $"gave up after {Timeouts.Describe(client.CallLimit)} with no byte moving, after {position} bytes"
                    : $"the answer stalled: nothing for {Timeouts.Describe(timer.IdleTimeout)} after {position} bytes";
                throw client.Failure(0, reason, method, uri, ex, interrupted: true, kind: PgbFailureKind.TimedOut);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException))
            {
                // Reading the network failed (reset, truncated): an answer problem, not a local disk one.
                throw client.Failure(0, $"the answer broke off after {position} bytes: {Flatten(ex)}", method, uri, ex, interrupted: true);
            }

            timer.Touch();
            return read;
        }
    }
}
