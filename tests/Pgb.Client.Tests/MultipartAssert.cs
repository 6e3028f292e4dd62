namespace Pgb.Client.Tests;

/// <summary>What every multipart upload of the client must look like on the wire, checked where the app and key uploads are.</summary>
internal static class MultipartAssert
{
    /// <summary>A POST or PUT of multipart/form-data with a Content-Length that matches the body: the front end refused chunked uploads.</summary>
    public static void IsUpload(RecordedRequest request, HttpMethod method, string path)
    {
        Assert.AreEqual(method, request.Method);
        Assert.AreEqual(path, request.Uri.AbsolutePath);
        StringAssert.StartsWith(request.Header("Content-Type"), "multipart/form-data");
        Assert.IsFalse(request.IsChunked, "the front end refused chunked uploads");
        Assert.AreEqual((long)request.Body.Length, request.ContentLength, $"announced {request.ContentLength}, body {request.Body.Length}: {request.BodyText}");
    }

    /// <summary>The first part, "data", must carry no Content-Type (it broke the real service): checked on the raw bytes too.</summary>
    /// <returns>The JSON the part holds.</returns>
    public static JObject DataPart(RecordedRequest request)
    {
        var data = request.Parts[0];
        Assert.AreEqual("data", data.Name);
        Assert.IsNull(data.FileName);
        Assert.IsNull(data.ContentType);
        var rawDataPart = request.BodyText.Split("--").Single(p => p.Contains("name=data", StringComparison.Ordinal));
        var rawDataHeaders = rawDataPart[..rawDataPart.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.DoesNotContain("Content-Type", rawDataHeaders, StringComparison.OrdinalIgnoreCase);
        return JObject.Parse(data.BodyText);
    }

    public static void FilePart(RecordedPart part, string name, string fileName, string contentType, string content)
    {
        Assert.AreEqual(name, part.Name);
        Assert.AreEqual(fileName, part.FileName);
        Assert.AreEqual(contentType, part.ContentType);
        Assert.AreEqual(content, part.BodyText);
    }
}
