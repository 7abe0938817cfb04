using System.Management.Automation;

namespace AapPacker.Module.Tests;

/// <summary>
/// The one error-record factory: every engine error kind maps to a stable ErrorId and a category, and the engine's
/// field names become the called cmdlet's parameters (Add-AapHost's address is <c>-Address</c>, the build's <c>-TargetHost</c>).
/// </summary>
public sealed class ErrorRecordFactoryTests
{
    private const string Kinds = "AapPacker.Engine.Provisioning.ProvisioningErrorKind";
    private const string Fields = "AapPacker.Engine.Provisioning.EngineField";
    private const string Exception = "AapPacker.Engine.Provisioning.AapProvisioningException";
    private const string Factory = "AapPacker.Infrastructure.ErrorRecordFactory";
    private const string Names = "AapPacker.Infrastructure.ParameterNames";
    private static readonly string[] Families = ["ObjectNotFound", "ObjectAmbiguous", "ObjectMissing", "TemplateDoesNotPrompt", "WorkflowDoesNotTake"];

    public static TheoryData<string> AllKinds()
    {
        var data = new TheoryData<string>();
        foreach (var name in System.Enum.GetNames(ModuleInternals.Type(Kinds)))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Given_every_error_kind_when_made_a_record_then_it_has_its_stable_id_a_category_and_an_action(string kind)
    {
        var subject = Families.Contains(kind) ? "JobTemplate" : null;
        var error = Make(kind, subject, "Something about {TargetHost} went wrong.", null);

        var record = Record(error);

        var expected = kind switch
        {
            "ObjectNotFound" => "JobTemplateNotFound",
            "ObjectAmbiguous" => "AmbiguousJobTemplate",
            "ObjectMissing" => "MissingJobTemplate",
            "TemplateDoesNotPrompt" => "TemplateDoesNotPromptForJobTemplate",
            "WorkflowDoesNotTake" => "WorkflowDoesNotTakeJobTemplate",
            _ => kind,
        };
        Assert.Equal(expected, record.FullyQualifiedErrorId);
        Assert.NotEqual(ErrorCategory.NotSpecified, record.CategoryInfo.Category);
        Assert.False(string.IsNullOrWhiteSpace(record.ErrorDetails?.RecommendedAction), kind);
    }

    [Theory]
    [InlineData("ObjectNotFound", "ObjectNotFound")]
    [InlineData("JobNotFound", "ObjectNotFound")]
    [InlineData("ObjectAmbiguous", "InvalidArgument")]
    [InlineData("TargetHostMissing", "InvalidArgument")]
    [InlineData("JobTimedOut", "OperationTimeout")]
    [InlineData("JobCanceled", "OperationStopped")]
    [InlineData("JobFailed", "InvalidResult")]
    [InlineData("LaunchResponseLost", "ResourceUnavailable")]
    public void Given_a_kind_when_made_a_record_then_its_category_is_the_one_scripts_know(string kind, string category)
    {
        var exitCode = kind switch
        {
            "JobTimedOut" => "TimedOut",
            "JobCanceled" => "JobCanceled",
            "JobFailed" => "JobFailed",
            "LaunchResponseLost" => "ApiError",
            _ => "ConfigurationError",
        };
        var error = Make(kind, Families.Contains(kind) ? "Organization" : null, "message", "action", exitCode);

        Assert.Equal(category, Record(error).CategoryInfo.Category.ToString());
    }

    [Theory]
    [InlineData("TargetHost", "AapPacker.Commands.AddAapHostCommand", "-Address")]
    [InlineData("TargetHost", "AapPacker.Commands.InvokeAapPackerProvisionCommand", "-TargetHost")]
    [InlineData("TargetPort", "AapPacker.Commands.AddAapHostCommand", "-Port")]
    [InlineData("TargetPort", "AapPacker.Commands.InvokeAapPackerProvisionCommand", "-TargetPort")]
    [InlineData("TargetUser", "AapPacker.Commands.AddAapHostCommand", "-UserName")]
    [InlineData("TargetUser", "AapPacker.Commands.InvokeAapPackerProvisionCommand", "-TargetUser")]
    [InlineData("TargetPassword", "AapPacker.Commands.NewAapTempCredentialCommand", "-Password")]
    [InlineData("TargetPassword", "AapPacker.Commands.InvokeAapPackerProvisionCommand", "-TargetPassword")]
    [InlineData("HostVariables", "AapPacker.Commands.AddAapHostCommand", "-Variables")]
    [InlineData("Inventory", "AapPacker.Commands.StartAapJobTemplateCommand", "-Inventory")]
    [InlineData("Inventory", "AapPacker.Commands.InvokeAapPackerProvisionCommand", "-InventoryId")]
    [InlineData("Credentials", "AapPacker.Commands.InvokeAapPackerProvisionCommand", "-AapCredential")]
    [InlineData("JobTags", "AapPacker.Commands.StartAapJobTemplateCommand", "-Tag")]
    public void Given_an_engine_field_when_worded_for_a_cmdlet_then_it_is_that_cmdlets_parameter(string field, string cmdlet, string parameter)
        => Assert.Equal(parameter, ParameterFor(field, ModuleInternals.Type(cmdlet)));

    [Fact]
    public void Given_every_engine_field_when_worded_for_the_build_cmdlet_then_the_parameter_exists_on_some_cmdlet()
    {
        var parameters = ModuleInternals.Type("AapPacker.Commands.AddAapHostCommand").Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).Length > 0)
            .SelectMany(t => t.GetProperties().Where(p => p.GetCustomAttributes(typeof(ParameterAttribute), true).Length > 0).Select(p => "-" + p.Name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var field in System.Enum.GetNames(ModuleInternals.Type(Fields)))
        {
            Assert.Contains(ParameterFor(field, null), parameters);
        }
    }

    [Fact]
    public void Given_an_engine_error_naming_the_target_when_Add_AapHost_writes_it_then_message_and_action_say_Address()
    {
        var error = Make("InvalidTargetAddress", null, "The address of {TargetHost} is not valid.", "Pass {TargetHost} with an address AAP can reach.");

        var worded = (ErrorRecord)ModuleInternals.Call(Factory, "Word", [typeof(ErrorRecord), typeof(Type)],
            Record(error), ModuleInternals.Type("AapPacker.Commands.AddAapHostCommand"))!;

        Assert.Equal("The address of -Address is not valid.", worded.Exception.Message);
        Assert.Equal("The address of -Address is not valid.", worded.ErrorDetails.Message);
        Assert.Equal("Pass -Address with an address AAP can reach.", worded.ErrorDetails.RecommendedAction);
        Assert.Equal("InvalidTargetAddress", worded.FullyQualifiedErrorId);
    }

    private static string ParameterFor(string field, Type? cmdlet)
        => (string)ModuleInternals.Call(Names, "For", [ModuleInternals.Type(Fields), typeof(Type)], ModuleInternals.Enum(Fields, field), cmdlet)!;

    private static Exception Make(string kind, string? subject, string message, string? action, string exitCode = "ConfigurationError")
    {
        var kindValue = ModuleInternals.Enum(Kinds, kind);
        if (subject != null)
        {
            return (Exception)ModuleInternals.Call(Exception, "Configuration", [kindValue.GetType(), typeof(string), typeof(string), typeof(string), typeof(Exception)],
                kindValue, subject, message, action, null)!;
        }

        var code = ModuleInternals.Enum("AapPacker.Models.AapProvisionExitCode", exitCode);
        return (Exception)Activator.CreateInstance(ModuleInternals.Type(Exception), code, kindValue, message, action, null)!;
    }

    private static ErrorRecord Record(Exception error)
        => (ErrorRecord)ModuleInternals.Call(Factory, "Create", [ModuleInternals.Type(Exception), typeof(object), typeof(bool)], error, null, false)!;
}
