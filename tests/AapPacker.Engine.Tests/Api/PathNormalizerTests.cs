using AapPacker.Engine.Api;

namespace AapPacker.Engine.Tests.Api;

/// <summary>Every request path ends with a slash before its query; relative paths join the API root.</summary>
public class PathNormalizerTests
{
    private static readonly Uri Server = new("https://aap.example.com/");

    [Theory]
    [InlineData("inventories", "/api/controller/v2/inventories/")]
    [InlineData("inventories/", "/api/controller/v2/inventories/")]
    [InlineData("inventories/5", "/api/controller/v2/inventories/5/")]
    [InlineData("hosts?name=web", "/api/controller/v2/hosts/?name=web")]
    [InlineData("hosts/?name=web", "/api/controller/v2/hosts/?name=web")]
    [InlineData("/api/controller/v2/hosts/?page=2&page_size=200", "/api/controller/v2/hosts/?page=2&page_size=200")]
    [InlineData("/api/v2/jobs/7", "/api/v2/jobs/7/")]
    [InlineData("https://aap.example.com/api/controller/v2/hosts/?page=3", "/api/controller/v2/hosts/?page=3")]
    public void Paths_are_joined_and_slashed(string given, string expected)
        => Assert.Equal(expected, PathNormalizer.ToRequestPath(Server, "/api/controller/v2/", given));

    [Fact]
    public void A_link_to_another_server_is_refused()
        => Assert.Throws<ArgumentException>(() => PathNormalizer.ToRequestPath(Server, "/api/v2/", "https://evil.example.net/api/v2/me/"));

    [Theory]
    [InlineData("hosts/", "hosts/?page_size=200")]
    [InlineData("hosts/?name=a", "hosts/?name=a&page_size=200")]
    [InlineData("hosts/?page_size=50", "hosts/?page_size=50")]
    public void Page_size_is_added_unless_given(string given, string expected)
        => Assert.Equal(expected, PathNormalizer.WithQueryDefault(given, "page_size", "200"));

    [Theory]
    [InlineData("api/controller", "/api/controller/")]
    [InlineData("/api/controller/", "/api/controller/")]
    [InlineData("https://aap.example.com/api/controller/v2/", "/api/controller/v2/")]
    public void Prefixes_are_normalized(string given, string expected) => Assert.Equal(expected, PathNormalizer.NormalizePrefix(given));
}
