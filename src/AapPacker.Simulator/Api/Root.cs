using System.Text.Json.Nodes;
using AapPacker.Simulator.Http;

namespace AapPacker.Simulator.Api;

/// <summary>Discovery: <c>/api/</c> (AWX or gateway), the gateway and controller roots, the version root, ping, config, me.</summary>
internal static class Root
{
    private static readonly string[] VersionRootKeys =
    [
        "ping", "instances", "instance_groups", "receptor_addresses", "config", "settings", "me", "dashboard", "organizations",
        "users", "execution_environments", "projects", "project_updates", "teams", "credentials", "credential_types",
        "credential_input_sources", "applications", "tokens", "metrics", "inventory", "constructed_inventory", "inventory_sources",
        "inventory_updates", "groups", "hosts", "host_metrics", "host_metric_summary_monthly", "job_templates", "jobs",
        "ad_hoc_commands", "system_job_templates", "system_jobs", "schedules", "roles", "notification_templates", "notifications",
        "labels", "unified_job_templates", "unified_jobs", "activity_stream", "workflow_job_templates", "workflow_jobs",
        "workflow_approvals", "workflow_job_template_nodes", "workflow_job_nodes", "mesh_visualizer", "bulk", "analytics",
        "service_index", "role_definitions", "role_user_assignments", "role_team_assignments",
    ];

    public static void Map(ApiRouter r, Layout layout)
    {
        if (layout.IsGateway)
        {
            r.Get("/api/", _ => ApiResult.Ok(new JsonObject
            {
                ["description"] = "AAP gateway REST API",
                ["apis"] = new JsonObject
                {
                    ["gateway"] = "/api/gateway/",
                    ["controller"] = "/api/controller/",
                    ["eda"] = "/api/eda/",
                    ["galaxy"] = "/api/galaxy/",
                },
            }), Access.Anonymous);
            r.Get("/api/gateway/", _ => ApiResult.Ok(new JsonObject
            {
                ["current_version"] = "/api/gateway/v1/",
                ["available_versions"] = new JsonObject { ["v1"] = "/api/gateway/v1/" },
            }), Access.Anonymous);
            r.Get("/api/gateway/v1/ping/", req => ApiResult.Ok(new JsonObject
            {
                ["status"] = "good",
                ["version"] = "2.6.0",
                ["pong"] = Wire.Time(req.Now),
                ["db_connected"] = true,
                ["db_exception"] = null,
                ["proxy_connected"] = true,
                ["proxy_status_code"] = 200,
                ["proxy_exception_type"] = null,
            }), Access.NoAuthentication);
            r.Get("/api/controller/", _ => ApiResult.Ok(ControllerRoot(layout, withOauth: false)), Access.Anonymous);
        }
        else
        {
            r.Get("/api/", _ => ApiResult.Ok(ControllerRoot(layout, withOauth: true)), Access.Anonymous);
        }
        r.Get("", _ => ApiResult.Ok(VersionRoot(layout.ControllerPrefix)), Access.Anonymous);
        r.Get("ping/", req => ApiResult.Ok(Ping(layout, req.Now)), Access.NoAuthentication);
        r.Get("config/", _ => ApiResult.Ok(Config(layout)));
        r.Get("me/", req => ApiResult.Ok(Paging.Page(req, [Users.ToJson(req, req.User)])));
    }

    private static JsonObject ControllerRoot(Layout layout, bool withOauth)
    {
        var root = new JsonObject
        {
            ["description"] = "AWX REST API",
            ["current_version"] = layout.ControllerPrefix,
            ["available_versions"] = new JsonObject { ["v2"] = layout.ControllerPrefix },
        };
        if (withOauth)
        {
            root["oauth2"] = "/api/o/";
        }
        root["custom_logo"] = "";
        root["custom_login_info"] = "";
        root["login_redirect_override"] = "";
        return root;
    }

    private static JsonObject VersionRoot(string prefix)
    {
        var o = new JsonObject();
        foreach (var key in VersionRootKeys)
        {
            o[key] = prefix + (key == "inventory" ? "inventories" : key) + "/";
        }
        return o;
    }

    private static JsonObject Ping(Layout layout, DateTimeOffset now) => new()
    {
        ["ha"] = false,
        ["version"] = layout.ProductVersion,
        ["active_node"] = "sim-controller-1",
        ["install_uuid"] = "00000000-5eed-4000-8000-000000000001",
        ["instances"] = new JsonArray(new JsonObject
        {
            ["node"] = "sim-controller-1",
            ["node_type"] = "hybrid",
            ["uuid"] = "00000000-5eed-4000-8000-000000000002",
            ["heartbeat"] = Wire.Time(now),
            ["capacity"] = 59,
            ["version"] = layout.ProductVersion,
        }),
        ["instance_groups"] = new JsonArray(new JsonObject
        {
            ["name"] = "default",
            ["capacity"] = 59,
            ["instances"] = new JsonArray("sim-controller-1"),
        }),
    };

    private static JsonObject Config(Layout layout) => new()
    {
        ["time_zone"] = "UTC",
        ["license_info"] = new JsonObject(),
        ["version"] = layout.ProductVersion,
        ["eula"] = "",
        ["analytics_status"] = "off",
        ["analytics_collectors"] = new JsonObject(),
        ["become_methods"] = new JsonArray(
            new JsonArray("sudo", "Sudo"), new JsonArray("su", "Su"), new JsonArray("pbrun", "Pbrun"),
            new JsonArray("pfexec", "Pfexec"), new JsonArray("dzdo", "DZDO"), new JsonArray("pmrun", "Pmrun"),
            new JsonArray("runas", "Runas"), new JsonArray("enable", "Enable"), new JsonArray("doas", "Doas"),
            new JsonArray("ksu", "Ksu"), new JsonArray("machinectl", "Machinectl"), new JsonArray("sesu", "Sesu")),
    };
}
