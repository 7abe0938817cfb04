using AapPacker.Simulator.Auth;
using AapPacker.Simulator.Store;
using Host = AapPacker.Simulator.Store.Host;

namespace AapPacker.Simulator.Scenario;

/// <summary>Fills an empty store from a scenario; everything it creates is a seed object.</summary>
internal static class ScenarioSeeder
{
    public static void Seed(SimStore store, ScenarioDocument doc, DateTimeOffset now, string? playbookDirectory = null)
    {
        var created = now - TimeSpan.FromDays(30);
        store.InventoryDeletionDelay = TimeSpan.FromSeconds(doc.InventoryDeletionSeconds ?? 5);
        foreach (var u in doc.Users ?? [])
        {
            var user = new SimUser
            {
                Id = store.NextId("user"),
                Username = u.Username,
                Password = u.Password,
                IsSuperuser = u.Superuser,
                IsAuditor = u.Auditor,
                NoRights = u.NoRights,
                Created = created,
            };
            store.Users.Add(user);
            store.Tokens.AddRange(u.Tokens.Select(t => new SimToken(t.Token, user.Id, t.Scope) { Id = store.NextId("token"), Created = user.Created }));
        }
        foreach (var o in doc.Organizations ?? [])
        {
            var id = store.NextId("organization");
            store.Organizations[id] = new Organization { Id = id, Name = o.Name, Description = o.Description, Created = created };
        }
        foreach (var (name, kind, ns, fields) in ManagedCredentialTypes.All)
        {
            var id = store.NextId("credential_type");
            store.CredentialTypes[id] = new CredentialType { Id = id, Name = name, Kind = kind, Namespace = ns, Fields = fields, Created = created };
        }
        var org = (string name) => store.Organizations.Values.FirstOrDefault(o => o.Name == name)?.Id
                                   ?? throw new InvalidDataException($"Scenario refers to unknown organization '{name}'.");
        // System job templates take the first unified job template ids on a real controller.
        store.SkipIdsTo("unified_job_template", 6);
        var projectId = store.NextId("unified_job_template");
        store.Projects[projectId] = new Project { Id = projectId, Name = "Demo Project", OrganizationId = store.Organizations.Keys.First(), Created = created };
        foreach (var i in doc.Inventories ?? [])
        {
            var id = store.NextId("inventory");
            store.Inventories[id] = new Inventory { Id = id, Name = i.Name, OrganizationId = org(i.Organization), Created = created, Modified = created, IsSeed = true };
            foreach (var h in i.Hosts)
            {
                var hid = store.NextId("host");
                store.Hosts[hid] = new Host { Id = hid, Name = h, InventoryId = id, Created = created, Modified = created, IsSeed = true };
            }
        }
        foreach (var c in doc.Credentials ?? [])
        {
            var type = store.CredentialTypes.Values.First(t => t.Kind == c.Kind);
            var id = store.NextId("credential");
            store.Credentials[id] = new Credential
            {
                Id = id,
                Name = c.Name,
                OrganizationId = org(c.Organization),
                CredentialTypeId = type.Id,
                Inputs = (System.Text.Json.Nodes.JsonObject)c.Inputs.DeepClone(),
                Created = created,
                Modified = created,
                IsSeed = true,
            };
        }
        foreach (var t in doc.JobTemplates ?? [])
        {
            var id = store.NextId("unified_job_template");
            store.JobTemplates[id] = new JobTemplate
            {
                Id = id,
                Name = t.Name,
                Description = t.Description,
                OrganizationId = org(t.Organization),
                InventoryId = t.Inventory is null ? null : store.Inventories.Values.First(i => i.Name == t.Inventory).Id,
                ProjectId = projectId,
                Playbook = t.Playbook,
                ExtraVars = t.ExtraVars,
                JobSliceCount = Math.Max(1, t.SliceCount),
                Ask = new HashSet<string>(t.Ask, StringComparer.Ordinal),
                Survey = ToSurvey(t.Survey),
                CredentialIds = t.Credentials.Select(n => store.Credentials.Values.First(c => c.Name == n).Id).ToList(),
                Script = new JobScript
                {
                    Outcome = t.Outcome,
                    EventCount = t.EventCount,
                    EventStdoutBytes = t.EventStdoutBytes,
                    RunSeconds = t.RunSeconds,
                    Artifacts = t.Artifacts,
                    PlaybookFile = RealPlaybook(t, playbookDirectory),
                },
                Created = created,
                Modified = created,
            };
        }
        foreach (var t in store.JobTemplates.Values)
        {
            store.Projects[projectId].Playbooks.Add(t.Playbook);
            store.Projects[projectId].AllowOverride |= t.Asks("scm_branch");
        }
        foreach (var w in doc.WorkflowTemplates ?? [])
        {
            var id = store.NextId("unified_job_template");
            var template = new WorkflowTemplate
            {
                Id = id,
                Name = w.Name,
                Description = w.Description,
                OrganizationId = org(w.Organization),
                InventoryId = w.Inventory is null ? null : store.Inventories.Values.First(i => i.Name == w.Inventory).Id,
                ExtraVars = w.ExtraVars,
                Ask = new HashSet<string>(w.Ask, StringComparer.Ordinal),
                Survey = ToSurvey(w.Survey),
                Created = created,
                Modified = created,
            };
            foreach (var n in w.Nodes)
            {
                var jt = store.JobTemplates.Values.FirstOrDefault(j => j.Name == n.JobTemplate)
                         ?? throw new InvalidDataException($"Workflow '{w.Name}' refers to unknown job template '{n.JobTemplate}'.");
                template.Nodes.Add(new WorkflowTemplateNode(store.NextId("workflow_job_template_node"), jt.Id,
                    string.IsNullOrEmpty(n.Identifier) ? jt.Name : n.Identifier, n.After));
            }
            store.WorkflowTemplates[id] = template;
        }
    }

    /// <summary>The playbook a template runs for real: its <c>playbookFile</c>, else its playbook in the playbook directory.</summary>
    private static string? RealPlaybook(ScenarioJobTemplate t, string? playbookDirectory)
    {
        if (!string.IsNullOrEmpty(t.PlaybookFile))
        {
            return t.PlaybookFile;
        }
        if (string.IsNullOrEmpty(playbookDirectory))
        {
            return null;
        }
        var candidate = Path.GetFullPath(Path.Combine(playbookDirectory, t.Playbook));
        return File.Exists(candidate) ? candidate : null;
    }

    private static Survey ToSurvey(ScenarioSurvey? survey) => survey is null
        ? new Survey()
        : new Survey
        {
            Enabled = survey.Enabled,
            Questions = survey.Questions.Select(q => new SurveyQuestion
            {
                Variable = q.Variable,
                QuestionName = q.QuestionName,
                Required = q.Required,
                Type = q.Type,
                Default = q.Default?.DeepClone(),
                Choices = q.Choices,
            }).ToList(),
        };
}
