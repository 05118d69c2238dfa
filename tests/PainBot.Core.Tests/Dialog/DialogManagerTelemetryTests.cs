using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using PainBot.Core.Dialog;
using PainBot.Core.Telemetry;

namespace PainBot.Core.Tests.Dialog;

/// <summary>The turn's span, its steps' spans, the latency histogram and the escalation counter; no tag carries the person's words.</summary>
public sealed partial class DialogManagerTests
{
    [Fact]
    public async Task Telemetry_Turn_SpanWithStepsAndLatencyHistogram()
    {
        using var capture = new TelemetryCapture();
        var channel = "telemetry-" + Guid.NewGuid().ToString("N");

        await new Rig().Build().HandleAsync(new UserTurn("c-telemetry", "u1", "does acupuncture help back pain", channel));

        var turn = Assert.Single(capture.Spans, s => s.OperationName == "painbot.turn" && (string?)s.GetTagItem(PainBotTelemetry.Tags.Channel) == channel);
        Assert.Equal("patient", turn.GetTagItem(PainBotTelemetry.Tags.Audience));
        Assert.Equal("answer", turn.GetTagItem(PainBotTelemetry.Tags.ReplyKind));
        var steps = capture.Spans.Where(s => s.ParentSpanId == turn.SpanId).Select(s => s.OperationName).ToList();
        Assert.Contains("painbot.triage", steps);
        Assert.Contains("painbot.scope", steps);
        Assert.Contains("painbot.retrieval", steps);
        Assert.Contains("painbot.composition", steps);
        var retrieval = capture.Spans.First(s => s.ParentSpanId == turn.SpanId && s.OperationName == "painbot.retrieval");
        Assert.True((int)retrieval.GetTagItem(PainBotTelemetry.Tags.Hits)! > 0);

        var latency = Assert.Single(capture.Measurements, m => m.Instrument == "painbot.turn.duration" && m.Tag(PainBotTelemetry.Tags.Channel) == channel);
        Assert.True(latency.Value > 0);
        Assert.Equal("none", latency.Tag(PainBotTelemetry.Tags.SafetyLevel));
        Assert.DoesNotContain(capture.Measurements, m => m.Instrument == "painbot.escalations" && m.Tag(PainBotTelemetry.Tags.Channel) == channel);
    }

    [Fact]
    public async Task Telemetry_Escalation_CountedWithItsLevel()
    {
        using var capture = new TelemetryCapture();
        var channel = "telemetry-" + Guid.NewGuid().ToString("N");

        await new Rig().Build().HandleAsync(new UserTurn("c-escalation", "u1", "I have crushing chest pain spreading to my arm", channel));

        var escalation = Assert.Single(capture.Measurements, m => m.Instrument == "painbot.escalations" && m.Tag(PainBotTelemetry.Tags.Channel) == channel);
        Assert.Equal(1, escalation.Value);
        Assert.Equal("emergency", escalation.Tag(PainBotTelemetry.Tags.SafetyLevel));
        var triage = Assert.Single(capture.Spans, s => s.OperationName == "painbot.triage"
            && capture.Spans.Any(t => t.SpanId == s.ParentSpanId && (string?)t.GetTagItem(PainBotTelemetry.Tags.Channel) == channel));
        Assert.Equal("emergency", triage.GetTagItem(PainBotTelemetry.Tags.SafetyLevel));
    }

    [Fact]
    public async Task Telemetry_NoTagHoldsTheMessage()
    {
        using var capture = new TelemetryCapture();
        var channel = "telemetry-" + Guid.NewGuid().ToString("N");
        const string Secret = "Zebulon Quartermaine";
        var dialog = new Rig().Build();

        await dialog.HandleAsync(new UserTurn("c-private", "user-private", $"my name is {Secret}, does acupuncture help back pain", channel));
        await dialog.HandleAsync(new UserTurn("c-private", "user-private", $"I have crushing chest pain {Secret}", channel));

        var values = capture.Spans.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString()).Append(s.DisplayName).Append(s.StatusDescription))
            .Concat(capture.Measurements.SelectMany(m => m.Tags.Select(t => t.Value?.ToString())))
            .Where(v => v is not null)
            .ToList();
        Assert.NotEmpty(values);
        Assert.DoesNotContain(values, v => v!.Contains("Zebulon", StringComparison.OrdinalIgnoreCase)
            || v.Contains("acupuncture help", StringComparison.OrdinalIgnoreCase)
            || v.Contains("c-private", StringComparison.Ordinal)
            || v.Contains("user-private", StringComparison.Ordinal));
    }

    /// <summary>Listens to the PainBot source and meter for the duration of a test.</summary>
    private sealed class TelemetryCapture : IDisposable
    {
        private readonly ActivityListener _spans;
        private readonly MeterListener _meters = new();

        public TelemetryCapture()
        {
            _spans = new ActivityListener
            {
                ShouldListenTo = s => s.Name == PainBotTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Spans.Add,
            };
            ActivitySource.AddActivityListener(_spans);
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PainBotTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Measurements.Add(new Measurement(i.Name, v, tags.ToArray())));
            _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Measurements.Add(new Measurement(i.Name, v, tags.ToArray())));
            _meters.Start();
        }

        public ConcurrentBag<Activity> Spans { get; } = [];

        public ConcurrentBag<Measurement> Measurements { get; } = [];

        public void Dispose()
        {
            _spans.Dispose();
            _meters.Dispose();
        }
    }

    private sealed record Measurement(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)
    {
        public string? Tag(string name) => Tags.FirstOrDefault(t => t.Key == name).Value?.ToString();
    }
}
