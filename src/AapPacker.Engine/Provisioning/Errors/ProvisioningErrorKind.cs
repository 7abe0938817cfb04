namespace AapPacker.Engine.Provisioning;

/// <summary>
/// What went wrong in a provisioning step: the one classification the cmdlet layer maps to an ErrorId, a category and
/// a recommended action (AapPacker.Infrastructure.ErrorRecordFactory). Each member's name is its stable error id;
/// the members marked as families combine with <see cref="AapProvisioningException.Subject"/>. Never rename one.
/// </summary>
public enum ProvisioningErrorKind
{
    /// <summary>No object of that type has the name or id given; the error id is <c>{Subject}NotFound</c>.</summary>
    ObjectNotFound,
    /// <summary>Several objects of that type have the name given; the error id is <c>Ambiguous{Subject}</c>.</summary>
    ObjectAmbiguous,
    /// <summary>No name or id was given for a required object; the error id is <c>Missing{Subject}</c>.</summary>
    ObjectMissing,
    /// <summary>The template does not prompt for a launch field that was given; the error id is <c>TemplateDoesNotPromptFor{Subject}</c>.</summary>
    TemplateDoesNotPrompt,
    /// <summary>A workflow's launch does not take a field that was given; the error id is <c>WorkflowDoesNotTake{Subject}</c>.</summary>
    WorkflowDoesNotTake,
    /// <summary>The <c>AskPasswordNotSupported</c> error.</summary>
    AskPasswordNotSupported,
    /// <summary>The <c>BuildIdTooLong</c> error.</summary>
    BuildIdTooLong,
    /// <summary>The <c>ConflictingHostVariable</c> error.</summary>
    ConflictingHostVariable,
    /// <summary>The <c>CredentialRejected</c> error.</summary>
    CredentialRejected,
    /// <summary>The <c>CredentialSecretMissing</c> error.</summary>
    CredentialSecretMissing,
    /// <summary>The <c>DuplicateCredentialType</c> error.</summary>
    DuplicateCredentialType,
    /// <summary>The <c>EncryptedSshKeyWithoutPassphrase</c> error.</summary>
    EncryptedSshKeyWithoutPassphrase,
    /// <summary>The <c>ExtraVarsFileNotFound</c> error.</summary>
    ExtraVarsFileNotFound,
    /// <summary>The <c>InvalidAapCredential</c> error.</summary>
    InvalidAapCredential,
    /// <summary>The <c>InvalidBuildId</c> error.</summary>
    InvalidBuildId,
    /// <summary>The <c>InvalidConnectionType</c> error.</summary>
    InvalidConnectionType,
    /// <summary>The <c>InvalidExtraVars</c> error.</summary>
    InvalidExtraVars,
    /// <summary>The <c>InvalidGroupName</c> error.</summary>
    InvalidGroupName,
    /// <summary>The <c>InvalidInventory</c> error.</summary>
    InvalidInventory,
    /// <summary>The <c>InvalidJob</c> error.</summary>
    InvalidJob,
    /// <summary>The <c>InvalidPackerBase64</c> error.</summary>
    InvalidPackerBase64,
    /// <summary>The <c>InvalidPackerConnectionType</c> error.</summary>
    InvalidPackerConnectionType,
    /// <summary>The <c>InvalidPackerPort</c> error.</summary>
    InvalidPackerPort,
    /// <summary>The <c>InvalidSshKey</c> error.</summary>
    InvalidSshKey,
    /// <summary>The <c>InvalidTargetAddress</c> error.</summary>
    InvalidTargetAddress,
    /// <summary>The <c>InvalidTargetPort</c> error.</summary>
    InvalidTargetPort,
    /// <summary>The <c>InvalidUserName</c> error.</summary>
    InvalidUserName,
    /// <summary>The <c>InvalidWinRmSetting</c> error.</summary>
    InvalidWinRmSetting,
    /// <summary>The <c>InventoryOfAnotherBuild</c> error.</summary>
    InventoryOfAnotherBuild,
    /// <summary>The <c>JobCancelTimedOut</c> error.</summary>
    JobCancelTimedOut,
    /// <summary>The <c>JobCanceled</c> error.</summary>
    JobCanceled,
    /// <summary>The <c>JobError</c> error.</summary>
    JobError,
    /// <summary>The <c>JobFailed</c> error.</summary>
    JobFailed,
    /// <summary>The <c>JobNotFound</c> error.</summary>
    JobNotFound,
    /// <summary>The <c>JobTimedOut</c> error.</summary>
    JobTimedOut,
    /// <summary>The <c>LaunchAnswerUnreadable</c> error.</summary>
    LaunchAnswerUnreadable,
    /// <summary>The <c>LaunchCredentialMismatch</c> error.</summary>
    LaunchCredentialMismatch,
    /// <summary>The <c>LaunchFieldsIgnored</c> error.</summary>
    LaunchFieldsIgnored,
    /// <summary>The <c>LaunchInventoryMismatch</c> error.</summary>
    LaunchInventoryMismatch,
    /// <summary>The <c>LaunchPreflightFailed</c> error.</summary>
    LaunchPreflightFailed,
    /// <summary>The <c>LaunchResponseLost</c> error.</summary>
    LaunchResponseLost,
    /// <summary>The <c>MachineCredentialTypeNotFound</c> error.</summary>
    MachineCredentialTypeNotFound,
    /// <summary>The <c>OrganizationMissing</c> error.</summary>
    OrganizationMissing,
    /// <summary>The <c>PassphraseForUnencryptedSshKey</c> error.</summary>
    PassphraseForUnencryptedSshKey,
    /// <summary>The <c>PassphraseWithoutSshKey</c> error.</summary>
    PassphraseWithoutSshKey,
    /// <summary>The <c>ProvisioningInterrupted</c> error.</summary>
    ProvisioningInterrupted,
    /// <summary>The <c>SecondMachineCredential</c> error.</summary>
    SecondMachineCredential,
    /// <summary>The <c>SecretInVariables</c> error.</summary>
    SecretInVariables,
    /// <summary>The <c>SecretWithNoCredential</c> error.</summary>
    SecretWithNoCredential,
    /// <summary>The <c>SshKeyFileNotFound</c> error.</summary>
    SshKeyFileNotFound,
    /// <summary>The <c>SshKeyFileUnreadable</c> error.</summary>
    SshKeyFileUnreadable,
    /// <summary>The <c>SshKeyGivenTwice</c> error.</summary>
    SshKeyGivenTwice,
    /// <summary>The <c>SurveyVariablesMissing</c> error.</summary>
    SurveyVariablesMissing,
    /// <summary>The <c>SweepNeedsFilter</c> error.</summary>
    SweepNeedsFilter,
    /// <summary>The <c>TargetHostMissing</c> error.</summary>
    TargetHostMissing,
    /// <summary>The <c>TargetSecretMissing</c> error.</summary>
    TargetSecretMissing,
    /// <summary>The <c>TemplateNeedsLaunchPasswords</c> error.</summary>
    TemplateNeedsLaunchPasswords,
    /// <summary>The <c>TemplateNotGiven</c> error.</summary>
    TemplateNotGiven,
    /// <summary>The <c>UnsupportedVariableValue</c> error.</summary>
    UnsupportedVariableValue,
    /// <summary>The <c>WorkflowCannotTakeCredentials</c> error.</summary>
    WorkflowCannotTakeCredentials,
}
