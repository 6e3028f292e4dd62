namespace Pgb.Tool.Tests;

/// <summary>When the live display is used: only on a terminal that asks for nothing plainer, and never with --json.</summary>
[TestClass]
public sealed class LiveStatusChoiceTests
{
    private static ToolEnvironment Environment(bool terminal, params (string Name, string Value)[] variables) =>
        new(name => variables.FirstOrDefault(v => v.Name == name).Value, stderrIsTerminal: terminal);

    [TestMethod]
    public void OnATerminal_TheLiveDisplayIsAllowed() => Assert.IsTrue(Environment(terminal: true, ("TERM", "xterm-256color"), ("CI", "false")).AllowsLiveStatus);

    [TestMethod]
    [DataRow("NO_COLOR", "1")]
    [DataRow("TERM", "dumb")]
    [DataRow("CI", "true")]
    [DataRow("CI", "TRUE")]
    [DataRow("CI", "1")]
    public void OnATerminal_AVariableAskingForPlainText_TurnsItOff(string name, string value) =>
        Assert.IsFalse(Environment(terminal: true, (name, value)).AllowsLiveStatus);

    [TestMethod]
    public void Redirected_ItIsOff() => Assert.IsFalse(Environment(terminal: false).AllowsLiveStatus);

    [TestMethod]
    public void For_ChoosesPlainLines_WithJson_OrWhenRedirected()
    {
        var console = new ToolConsole(new StringWriter(), new StringWriter(), json: false);
        var json = new ToolConsole(new StringWriter(), new StringWriter(), json: true);

        using (var live = ConsoleReporter.For(console, Environment(terminal: true), CancellationToken.None))
        {
            Assert.IsInstanceOfType<LiveReporter>(live);
        }

        using (var plain = ConsoleReporter.For(json, Environment(terminal: true), CancellationToken.None))
        {
            Assert.IsNotInstanceOfType<LiveReporter>(plain);
        }

        using (var plain = ConsoleReporter.For(console, Environment(terminal: false), CancellationToken.None))
        {
            Assert.IsNotInstanceOfType<LiveReporter>(plain);
        }
    }
}
