namespace PainBot.Generation;

/// <summary>Which kind of chat-completion service the "Generation" section points at.</summary>
public enum GenerationProvider
{
    /// <summary>OpenAI itself, or any server that speaks its chat-completions API (Ollama, llama.cpp, vLLM).</summary>
    OpenAI,

    /// <summary>An Azure OpenAI resource; <see cref="GenerationOptions.Model"/> is the deployment name.</summary>
    AzureOpenAI,
}
