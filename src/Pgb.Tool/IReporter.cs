namespace Pgb.Tool;

/// <summary>Progress for a person; disposing it ends the display (the live one leaves its summary rows and restores the cursor).</summary>
internal interface IReporter : IProgress<PgbProgress>, IDisposable;
