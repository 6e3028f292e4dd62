namespace Pgb.Server.Inspection;

/// <summary>Something inspected went over one of its <see cref="InspectionLimits"/>. The message says what and which
/// limit, in words fit for the client (the error middleware answers it as a 400); nothing more of the input is read.</summary>
internal sealed class BudgetExceededException(string message) : Exception(message);
