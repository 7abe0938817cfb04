namespace AapPacker.Module.Tests;

public class SmokeTests
{
    [Fact]
    public void Project_builds() => Assert.True(true);
}
