using System.Text;

namespace TacticalRag.Bench.Reporting;

/// <summary>The targets a suite checks, gathered as its sections run, for one summary table at the end of the report.</summary>
public sealed class TargetLedger
{
    private readonly MarkdownTable _table = new("Target", "Measured", "Verdict");
    private int _missed;

    public void Add(string target, string measured, string verdict)
    {
        _table.Add(target, measured, verdict);
        _missed += verdict.StartsWith("missed", StringComparison.Ordinal) ? 1 : 0;
    }

    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine("## Targets");
        text.AppendLine();
        text.Append(_table);
        text.AppendLine();
        text.AppendLine(_missed == 0 ? "All targets met." : $"{_missed} target(s) missed; see the sections above for what dominates.");
        return text.ToString();
    }
}
