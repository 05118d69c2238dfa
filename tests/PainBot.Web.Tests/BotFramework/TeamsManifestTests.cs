using System.Buffers.Binary;
using System.Text.Json;
using PainBot.Web.Tests.BotFramework.Support;

namespace PainBot.Web.Tests.BotFramework;

/// <summary>The Teams app package template in teams/ stays loadable.</summary>
public sealed class TeamsManifestTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "teams");

    [Fact]
    public void Manifest_ParsesAndNamesBotAndIcons()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        var root = manifest.RootElement;

        Assert.Equal("1.17", root.GetProperty("manifestVersion").GetString());
        Assert.Equal("{{MICROSOFT_APP_ID}}", root.GetProperty("bots")[0].GetProperty("botId").GetString());
        Assert.Equal("color.png", root.GetProperty("icons").GetProperty("color").GetString());
        Assert.Equal("outline.png", root.GetProperty("icons").GetProperty("outline").GetString());
        Assert.True(root.GetProperty("name").GetProperty("short").GetString()!.Length <= 30);
        Assert.True(root.GetProperty("description").GetProperty("short").GetString()!.Length <= 80);
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void Icon_IsPngOfRequiredSize(string file, int size)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
