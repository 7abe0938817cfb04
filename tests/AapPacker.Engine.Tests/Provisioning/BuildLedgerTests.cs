using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Tests.Provisioning;

public sealed class BuildLedgerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aappacker-ledger-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public void Given_created_objects_when_recording_then_a_file_holds_them_at_once_and_can_be_loaded_after_a_crash()
    {
        var ledger = new BuildLedger("run-1-golden", _directory, "abcd1234");

        ledger.Record("inventory", 15, "packer-run-1-golden-abcd1234", "/api/v2/inventories/15/", DateTimeOffset.UtcNow);
        ledger.Record("credential", 57, "packer-run-1-golden-abcd1234-machine", "/api/v2/credentials/57/", DateTimeOffset.UtcNow);

        var loaded = Assert.Single(BuildLedger.LoadAll(_directory));
        Assert.Equal("run-1-golden", loaded.BuildId);
        Assert.Equal(new[] { 15, 57 }, loaded.Outstanding.Select(e => e.Id));
    }

    [Fact]
    public void Given_every_object_removed_when_marking_then_the_file_is_deleted()
    {
        var ledger = new BuildLedger("b", _directory);
        ledger.Record("inventory", 1, "packer-b-x", "inventories/1/", DateTimeOffset.UtcNow);
        ledger.Record("credential", 2, "packer-b-x-machine", "credentials/2/", DateTimeOffset.UtcNow);

        ledger.MarkRemoved("credential", 2);
        Assert.True(File.Exists(ledger.FilePath));
        ledger.MarkRemoved("inventory", 1);

        Assert.False(File.Exists(ledger.FilePath));
        Assert.Empty(BuildLedger.LoadAll(_directory));
    }

    [Fact]
    public void Given_no_directory_when_recording_then_the_ledger_stays_in_memory()
    {
        var ledger = new BuildLedger("b", null);
        ledger.Record("inventory", 1, "n", "p", DateTimeOffset.UtcNow);

        Assert.Null(ledger.FilePath);
        Assert.Single(ledger.Outstanding);
    }

    [Fact]
    public void Given_the_platform_when_asking_the_default_directory_then_it_is_the_documented_state_folder()
    {
        var path = BuildLedger.DefaultDirectory();

        Assert.True(path.EndsWith("aappacker", StringComparison.Ordinal) || path.EndsWith(Path.Combine("AapPacker", "ledger"), StringComparison.Ordinal), path);
    }
}

public sealed class BuildLedgerRecoveryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aappacker-ledger-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public void Given_a_ledger_left_by_a_crash_when_loading_then_it_converts_to_resources_for_cleanup()
    {
        var ledger = new BuildLedger("crashed", _directory, "s1");
        ledger.Record("inventory", 15, "packer-crashed-s1", "inventories/15/", DateTimeOffset.UtcNow);
        ledger.Record("host", 31, "10.0.0.5", "hosts/31/", DateTimeOffset.UtcNow, 15);
        ledger.Record("credential", 57, "packer-crashed-s1-machine", "credentials/57/", DateTimeOffset.UtcNow);

        var resources = Assert.Single(BuildLedger.LoadAll(_directory)).ToResources();

        Assert.Equal("crashed", resources.BuildId);
        Assert.Equal(15, resources.Inventory!.Id);
        Assert.Equal(15, Assert.Single(resources.Hosts).InventoryId);
        Assert.Equal(57, resources.Credential!.Id);
    }

    [Fact]
    public void Given_ledgers_of_several_ages_when_finding_older_than_2h_then_only_builds_whose_newest_entry_is_that_old_are_swept()
    {
        var now = DateTimeOffset.UtcNow;
        new BuildLedger("old-build", _directory).Record("inventory", 1, "packer-old", "inventories/1/", now.AddHours(-3));
        var mixed = new BuildLedger("mixed-build", _directory);
        mixed.Record("inventory", 2, "packer-mixed", "inventories/2/", now.AddHours(-3));
        mixed.Record("host", 3, "10.0.0.5", "hosts/3/", now.AddMinutes(-10), 2);
        new BuildLedger("new-build", _directory).Record("inventory", 4, "packer-new", "inventories/4/", now.AddMinutes(-5));

        var swept = BuildLedger.Find(_directory, null, TimeSpan.FromHours(2), now);

        Assert.Equal(new[] { "old-build" }, swept.Select(l => l.BuildId));
    }

    [Fact]
    public void Given_a_build_id_and_an_age_when_finding_then_both_filters_apply_and_no_filter_finds_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        new BuildLedger("a", _directory).Record("inventory", 1, "packer-a", "inventories/1/", now.AddHours(-3));
        new BuildLedger("b", _directory).Record("inventory", 2, "packer-b", "inventories/2/", now.AddHours(-3));

        Assert.Equal(new[] { "b" }, BuildLedger.Find(_directory, "b", TimeSpan.FromHours(2), now).Select(l => l.BuildId));
        Assert.Empty(BuildLedger.Find(_directory, "b", TimeSpan.FromHours(4), now));
        Assert.Empty(BuildLedger.Find(_directory, null, null, now));
    }
}

public sealed class BuildLedgerAnnouncementTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aappacker-ledger-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public void Given_a_pipeline_cmdlet_ledger_when_a_create_is_announced_then_the_file_holds_it_before_the_answer_and_the_answer_replaces_it()
    {
        var ledger = new BuildLedger("steps", _directory, "s1") { PersistAnnouncements = true };

        ledger.Announce("host", "build-vm", 5);

        var killedHere = Assert.Single(BuildLedger.LoadAll(_directory));
        var pending = Assert.Single(killedHere.Pending);
        Assert.Equal(("host", "build-vm", (int?)5), (pending.ObjectType, pending.Name, pending.ParentId));
        Assert.Empty(killedHere.Outstanding);
        Assert.Empty(killedHere.ToResources().Hosts);

        ledger.Record("host", 31, "build-vm", "hosts/31/", DateTimeOffset.UtcNow, 5);

        var answered = Assert.Single(BuildLedger.LoadAll(_directory));
        Assert.Empty(answered.Pending);
        Assert.Equal(31, Assert.Single(answered.Outstanding).Id);
    }

    [Fact]
    public void Given_an_announced_create_that_AAP_refused_when_withdrawn_then_no_file_is_left()
    {
        var ledger = new BuildLedger("steps", _directory, "s2") { PersistAnnouncements = true };
        ledger.Announce("inventory", "packer-steps-s2");

        ledger.Withdraw("inventory", "packer-steps-s2");

        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Given_a_pending_entry_found_in_AAP_when_resolved_then_it_is_outstanding_with_its_id_and_removal_clears_the_file()
    {
        var ledger = new BuildLedger("steps", _directory, "s3") { PersistAnnouncements = true };
        ledger.Announce("credential", "packer-steps-s3-machine");
        var loaded = Assert.Single(BuildLedger.LoadAll(_directory));

        loaded.Resolve(Assert.Single(loaded.Pending), 57, "credentials/57/");
        Assert.Equal(57, loaded.ToResources().Credential!.Id);
        loaded.MarkRemoved("credential", 57);

        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Given_the_provisioning_ledger_when_a_create_is_announced_then_only_the_guardian_hears_of_it()
    {
        var heard = new List<string>();
        var ledger = new BuildLedger("run", _directory, "s4") { Creating = (type, name, _) => heard.Add(type + " " + name) };

        ledger.Announce("inventory", "packer-run-s4");

        Assert.Equal(new[] { "inventory packer-run-s4" }, heard);
        Assert.Empty(Directory.GetFiles(_directory));
    }
}
