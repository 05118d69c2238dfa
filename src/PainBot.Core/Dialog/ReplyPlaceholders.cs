using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Core.Dialog;

/// <summary>The values for the {{placeholders}} of reply texts: the clinic's facts and the configured safety numbers.</summary>
public static class ReplyPlaceholders
{
    public static Dictionary<string, string> From(ClinicOptions clinic, SafetyOptions safety)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in clinic.Placeholders().Concat(safety.Placeholders()))
        {
            values[k] = v;
        }

        return values;
    }
}
