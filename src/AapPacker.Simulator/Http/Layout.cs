namespace AapPacker.Simulator.Http;

/// <summary>Which product the simulator pretends to be: plain AWX, or AAP 2.5+ behind the platform gateway.</summary>
internal sealed class Layout
{
    private Layout(string name, string controllerPrefix, string productName, string productVersion)
    {
        Name = name;
        ControllerPrefix = controllerPrefix;
        ProductName = productName;
        ProductVersion = productVersion;
    }

    public static Layout Awx { get; } = new("awx", "/api/v2/", "AWX", "24.6.1");
    public static Layout Gateway { get; } = new("gateway", "/api/controller/v2/", "Red Hat Ansible Automation Platform", "4.6.21");

    public string Name { get; }
    /// <summary>The controller API root, e.g. <c>/api/v2/</c>.</summary>
    public string ControllerPrefix { get; }
    public string ProductName { get; }
    public string ProductVersion { get; }
    public bool IsGateway => Name == "gateway";

    public static Layout Parse(string? name) => (name ?? "gateway").Trim().ToUpperInvariant() switch
    {
        "AWX" => Awx,
        "GATEWAY" => Gateway,
        _ => throw new ArgumentException($"Unknown layout '{name}': use 'gateway' or 'awx'.", nameof(name)),
    };
}
