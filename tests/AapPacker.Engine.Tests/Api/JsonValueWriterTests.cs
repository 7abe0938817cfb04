using System.Text.Json;
using System.Text.Json.Nodes;
using AapPacker.Engine.Api;

namespace AapPacker.Engine.Tests.Api;

/// <summary>
/// The engine writes its bodies and variables without the reflection serializer; what it writes must be exactly what
/// JsonSerializer wrote before (AAP's answers and the credential's secrets depend on it).
/// </summary>
public class JsonValueWriterTests
{
    public static TheoryData<object?> Values() => new()
    {
        null,
        "plain",
        "quotes \" and \\ and <html> & 'apostrophe', é, 日本, emoji 😀, control \u0001\n\t",
        true,
        false,
        42,
        -7L,
        (short)3,
        (byte)255,
        (sbyte)-8,
        (ushort)65535,
        4_000_000_000U,
        ulong.MaxValue,
        long.MinValue,
        0.1,
        1e300,
        -0.0,
        1.5f,
        12.345m,
        new Dictionary<string, object?>
        {
            ["name"] = "AapPacker build-1 inventory",
            ["organization"] = 3,
            ["variables"] = "{\"a\": 1}",
            ["nothing"] = null,
            ["inputs"] = new Dictionary<string, object?> { ["username"] = "ec2-user", ["password"] = "pa\"ss<>" },
            ["credentials"] = new List<int> { 5, 9 },
            ["ids"] = new[] { 1, 2, 3 },
            ["nested"] = new List<object?> { "x", 1L, 2.5, true, null, new Dictionary<string, object?> { ["deep"] = new List<object?>() } },
        },
        new List<object?>(),
        new Dictionary<string, object?>(),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Writes_what_the_serializer_wrote(object? value)
        => Assert.Equal(JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object)), JsonValueWriter.ToText(value));

    [Fact]
    public void Json_elements_and_nodes_are_written_as_they_are()
    {
        using var document = JsonDocument.Parse("{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}");
        var body = new Dictionary<string, object?> { ["element"] = document.RootElement.Clone(), ["node"] = JsonNode.Parse("[true,\"x\"]") };
        Assert.Equal("{\"element\":{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"},\"node\":[true,\"x\"]}", JsonValueWriter.ToText(body));
    }

    [Fact]
    public void Utf8_bytes_are_the_text()
    {
        var body = new Dictionary<string, object?> { ["name"] = "é" };
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(JsonValueWriter.ToText(body)), JsonValueWriter.ToUtf8(body));
    }

    [Fact]
    public void Another_type_falls_back_to_the_serializer_with_aap_names()
        => Assert.Equal("{\"x\":{\"job_template\":7}}", JsonValueWriter.ToText(new Dictionary<string, object?> { ["x"] = new Launch(7) }));

    private sealed record Launch(int JobTemplate);
}
