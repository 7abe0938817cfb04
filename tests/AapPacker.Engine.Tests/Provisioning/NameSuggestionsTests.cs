using AapPacker.Engine.Provisioning;
using Xunit;

namespace AapPacker.Engine.Tests.Provisioning;

/// <summary>What tab completion asks AAP for, and what it makes of the answer (issue 15 item 8).</summary>
public sealed class NameSuggestionsTests
{
    private const string TwoInstallDockers = """
        {"count": 2, "next": null, "results": [
          {"id": 7, "name": "Install Docker", "organization": 1, "summary_fields": {"organization": {"id": 1, "name": "Default"}}},
          {"id": 9, "name": "Install Docker", "organization": 2, "summary_fields": {"organization": {"id": 2, "name": "Engineering"}}}
        ]}
        """;

    [Fact]
    public async Task Given_a_typed_prefix_and_an_organization_name_when_suggesting_templates_then_one_filtered_page_is_asked_for()
    {
        var api = new ScriptedApi(_ => TwoInstallDockers);

        await NameSuggestions.FindAsync(api, SuggestedKind.JobTemplate, "Install D", "Engineering", 50, CancellationToken.None);

        Assert.Equal(["job_templates/?name__istartswith=Install%20D&organization__name=Engineering&order_by=name&page_size=50"], api.Paths);
    }

    [Fact]
    public async Task Given_an_organization_of_digits_then_it_is_an_id_as_the_cmdlets_read_it()
    {
        var api = new ScriptedApi(_ => TwoInstallDockers);

        await NameSuggestions.FindAsync(api, SuggestedKind.Inventory, "", "2", 50, CancellationToken.None);

        Assert.Equal(["inventories/?organization=2&order_by=name&page_size=50"], api.Paths);
    }

    [Fact]
    public async Task Given_organizations_then_an_organization_on_the_command_line_does_not_filter_them()
    {
        var api = new ScriptedApi(_ => TwoInstallDockers);

        await NameSuggestions.FindAsync(api, SuggestedKind.Organization, "E", "Default", 50, CancellationToken.None);

        Assert.Equal(["organizations/?name__istartswith=E&order_by=name&page_size=50"], api.Paths);
    }

    [Fact]
    public async Task Given_two_templates_of_one_name_then_each_carries_its_organization()
    {
        var found = await NameSuggestions.FindAsync(new ScriptedApi(_ => TwoInstallDockers), SuggestedKind.JobTemplate, "", null, 50, CancellationToken.None);

        Assert.Equal([("Install Docker", 7, "Default", 1), ("Install Docker", 9, "Engineering", 2)],
            found.Select(s => (s.Name, s.Id, s.Organization, s.OrganizationId)).ToArray());
    }

    [Fact]
    public async Task Given_more_names_than_the_limit_then_no_more_than_the_limit_are_returned()
    {
        var found = await NameSuggestions.FindAsync(new ScriptedApi(_ => TwoInstallDockers), SuggestedKind.JobTemplate, "", null, 1, CancellationToken.None);

        Assert.Single(found);
    }
}
