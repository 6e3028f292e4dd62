using System.Globalization;

namespace Pgb.Pipeline;

public sealed partial class PgbPipeline
{
    /// <summary>
    /// Uploads <paramref name="pngPath"/> as the app's icon unless <paramref name="stateFile"/> says this very file (by
    /// its SHA-256) was already uploaded to this app: the service rebuilds an app whose icon is set, so an unchanged
    /// icon is not sent again. The state is written once the upload succeeded. Returns whether it uploaded.
    /// </summary>
    public async Task<bool> SetIconIfChangedAsync(int appId, string pngPath, string stateFile, IProgress<PgbProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        RequireFile(pngPath);
        string hash;
        try
        {
            hash = Sha256Hex.OfFile(pngPath);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new PgbPipelineException(PgbErrorCodes.WwwReadFailed, Strings.IconReadFailed.F(pngPath, ex.Message), ex);
        }

        var state = appId.ToString(CultureInfo.InvariantCulture) + " " + hash;
        if (File.Exists(stateFile) && File.ReadAllText(stateFile).Trim() == state)
        {
            progress?.Report(PgbProgress.Step(PgbStage.Upload, Strings.IconUnchanged.F(appId)));
            return false;
        }

        await SetIconAsync(appId, pngPath, cancellationToken).ConfigureAwait(false);
        PgbFiles.WriteStateFile(stateFile, state + Environment.NewLine);
        progress?.Report(PgbProgress.Step(PgbStage.Upload, Strings.IconUploaded.F(Path.GetFileName(pngPath), appId)));
        return true;
    }
}
