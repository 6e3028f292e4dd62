using System.Net;

namespace Pgb.Testing;

/// <summary>Asserts on a server <see cref="Answer"/> that many tests make alike.</summary>
public static class AnswerAssert
{
    /// <summary>The answer is the JSON error <c>{"error":"<paramref name="error"/>"}</c> with <paramref name="status"/>;
    /// a wrong status shows the body, so the server's own text says what went wrong.</summary>
    public static void IsError(Answer answer, HttpStatusCode status, string error)
    {
        Assert.AreEqual(status, answer.Status, answer.Body);
        Assert.AreEqual(error, answer.Error);
    }
}
