using Microsoft.SemanticKernel;
using PainBot.Generation.Prompts;

namespace PainBot.Generation;

/// <summary>The kernel with the configured chat-completion service and the prompts, built once by DI when a model is configured.</summary>
public sealed class GenerationKernel(Kernel kernel, PromptLibrary prompts)
{
    public Kernel Kernel { get; } = kernel;

    public PromptLibrary Prompts { get; } = prompts;
}
