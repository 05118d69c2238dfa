using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.Core.Content;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Core.Scope;
using PainBot.Knowledge.Screening;
using PainBot.Knowledge.Search;

namespace PainBot.Knowledge;

/// <summary>
/// The one loader of <c>knowledge/</c>: builds every part of the content (passages and their search, safety
/// rules and the crisis screen, scope rules, reply texts) into one <see cref="ClinicContent"/>, validated as a
/// whole, and swaps it in at once. Watching the folder, any change builds the next snapshot off the request
/// path; a broken edit is logged with its file, line and key, and the previous snapshot keeps serving.
/// </summary>
public sealed partial class ContentStore : IContentSource, IDisposable
{
    private const int ScreenQuestionsPerPassage = 3;

    private readonly KnowledgeService _knowledge;
    private readonly KnowledgeOptions _options;
    private readonly SafetyOptions _safety;
    private readonly ClinicOptions _clinic;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<ContentStore> _logger;
    private readonly Lock _loadGate = new();
    private ClinicContent? _current;
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    public ContentStore(
        KnowledgeService knowledge,
        IOptions<KnowledgeOptions> options,
        IOptions<SafetyOptions> safety,
        IOptions<ClinicOptions> clinic,
        ILoggerFactory loggers)
    {
        _knowledge = knowledge;
        _options = KnowledgeOptions.Resolved(options.Value);
        _safety = safety.Value;
        _clinic = clinic.Value;
        _loggers = loggers;
        _logger = loggers.CreateLogger<ContentStore>();
    }

    /// <summary>Raised after a successful rebuild triggered by a file change.</summary>
    public event EventHandler<ClinicContent>? Reloaded;

    /// <summary>Raised when a change could not be loaded; the previous content keeps serving.</summary>
    public event EventHandler<ContentException>? ReloadFailed;

    /// <inheritdoc/>
    public ClinicContent Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("The content has not been loaded yet; call Load() first.");

    /// <summary>Whether a snapshot is being served.</summary>
    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    /// <summary>
    /// Builds and validates the whole folder and serves it. Throws on any broken file, naming it; what was
    /// served before (if anything) stays. With the dense side on, the encoder is loaded and warmed here, so the
    /// first visitor does not pay for it.
    /// </summary>
    /// <exception cref="ContentException">A file is missing or breaks its rules.</exception>
    public ClinicContent Load()
    {
        lock (_loadGate)
        {
            var search = _knowledge.Build();
            ClinicContent content;
            try
            {
                content = Assemble(search);
            }
            catch
            {
                search.Dispose();
                throw;
            }

            _knowledge.Publish(search);
            Volatile.Write(ref _current, content);
            LogContentServed(content.Generation, search.Report.Passages);
            return content;
        }
    }

    /// <summary>Watches the knowledge folder and rebuilds everything after changes settle.</summary>
    public void StartWatching()
    {
        if (!_options.WatchForChanges || _watcher is not null)
        {
            return;
        }

        _debounce = new Timer(_ => TryReload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(Path.GetFullPath(_options.Path))
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.DirectoryName | NotifyFilters.Size,
        };
        FileSystemEventHandler changed = (_, _) => _debounce.Change(_options.ReloadDebounceMilliseconds, Timeout.Infinite);
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Deleted += changed;
        _watcher.Renamed += (_, _) => _debounce.Change(_options.ReloadDebounceMilliseconds, Timeout.Infinite);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Rebuilds from the folder; on failure keeps serving what it had, logs why and returns false.</summary>
    public bool TryReload()
    {
        try
        {
            var content = Load();
            Reloaded?.Invoke(this, content);
            return true;
        }
        catch (Exception ex) when (ex is ContentException or IOException or InvalidDataException)
        {
            // IOException: a file still being written; the watcher fires again when it is done.
            var error = ex as ContentException ?? new ContentException("A knowledge file could not be read: " + ex.Message, ex);
            LogReloadFailed(error.Message);
            ReloadFailed?.Invoke(this, error);
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    private ClinicContent Assemble(HybridSearch search)
    {
        var folder = _options.Path;
        var rules = SafetyRuleLoader.Load(Path.Combine(folder, "safety"));
        // The passages' first few questions stand for ordinary, in-scope messages in both learned screens; the banks
        // hold the hard negatives. All of them would outweigh the banks' ordinary examples and pull messages with a
        // warning sign towards "ordinary".
        var ordinary = search.Snapshot.Passages.Where(p => p.Audience != Audience.Staff).SelectMany(p => p.Questions.Take(ScreenQuestionsPerPassage)).ToList();
        IScopeGuard scope = new ScopeGuard(ScopeRuleLoader.Load(Path.Combine(folder, "scope")));
        var scopeBank = TrainedScopeScreen.LoadBank(folder);
        if (scopeBank.Count > 0 && _knowledge.Encoder is { } scopeEncoder && _options.LearnedScreen)
        {
            scope = TrainedScopeScreen.Build(scope, scopeBank, ordinary, scopeEncoder, _options.EmbeddingCachePath, _loggers.CreateLogger<TrainedScopeScreen>());
        }

        var texts = ResponseTexts.Load(folder);
        var screenFile = CrisisScreenFile.Load(folder);
        var encoder = _knowledge.Encoder;
        ICrisisScreen? screen = null;
        if (screenFile is not null && encoder is not null)
        {
            screen = new CrisisScreen(encoder, search, screenFile, _loggers.CreateLogger<CrisisScreen>());
        }
        else
        {
            LogScreenOff(screenFile is null ? $"no {CrisisScreenFile.RelativePath}" : "Knowledge:Dense is off");
        }

        var triage = new SafetyTriage(rules, _safety, _clinic, _loggers.CreateLogger<SafetyTriage>(), screen, LearnedScreen(folder, ordinary));
        if (encoder is not null)
        {
            // Warm the encoder and the screen's path before anyone asks (the first embedding loads the model).
            triage.Assess("warming up the assistant", Audience.Patient, encoder.Encode("warming up the assistant"));
        }

        var policy = DialogPolicy.Load(folder, search.Snapshot.Knowledge.Topics.Keys);
        return new ClinicContent(search.Report.Generation, search, triage, scope, texts, encoder, policy);
    }

    // The learned layer: on when the folder has the bank and its settings, the encoder is on and it is not turned off.
    private TrainedSafetyScreen? LearnedScreen(string folder, IReadOnlyList<string> ordinary)
    {
        var settings = LearnedScreenSettings.Load(folder, _safety);
        var bank = SafetyExampleBank.Load(folder);
        if (settings is null || bank.Count == 0 || _knowledge.Encoder is not { } encoder || !_options.LearnedScreen)
        {
            LogLearnedOff(settings is null ? $"no {LearnedScreenSettings.RelativePath}" : bank.Count == 0 ? $"no {SafetyExampleBank.RelativePath}" : _options.LearnedScreen ? "Knowledge:Dense is off" : "Knowledge:LearnedScreen is off");
            return null;
        }

        return TrainedSafetyScreen.Build(bank, ordinary, encoder, _options.EmbeddingCachePath, settings, _loggers.CreateLogger<TrainedSafetyScreen>());
    }

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Learned safety screen off ({Reason})")]
    private partial void LogLearnedOff(string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Content generation {Generation} served: {Passages} passages, safety, scope and reply texts")]
    private partial void LogContentServed(int generation, int passages);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "Content reload failed; the previous content keeps serving. {Details}")]
    private partial void LogReloadFailed(string details);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Crisis screen off ({Reason}): only the crisis rules recognise crisis")]
    private partial void LogScreenOff(string reason);
}
