namespace PainBot.Core.Tests.Scope;

/// <summary>A fact that is skipped, with a message saying why, when a file of the shared evaluation sets is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedEvalFactAttribute : FactAttribute
{
    public SharedEvalFactAttribute(string fileName)
    {
        FileName = fileName;
        if (ScopeTestPaths.SharedEvalFile(fileName) is null)
        {
            Skip = $"shared/eval/{fileName} was not found in any folder above {AppContext.BaseDirectory}; the shared evaluation sets are not part of this checkout.";
        }
    }

    public string FileName { get; }
}
