using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AapPacker.HelpGen;

/// <summary>
/// Writes commands as MAML, the <c>helpItems schema="maml"</c> XML that PowerShell's Get-Help reads from
/// <c>&lt;ModuleBase&gt;/&lt;culture&gt;/&lt;assembly&gt;-Help.xml</c>. Escaping is left to the XML writer.
/// </summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument ToDocument(IEnumerable<CommandHelp> commands) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Msh + "helpItems",
                new XAttribute("schema", "maml"),
                commands.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(CommandElement)));

    public static void Write(IEnumerable<CommandHelp> commands, string path)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
        };
        using XmlWriter writer = XmlWriter.Create(path, settings);
        ToDocument(commands).Save(writer);
    }

    public static string WriteToString(IEnumerable<CommandHelp> commands)
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true };
        using (var writer = XmlWriter.Create(builder, settings))
        {
            ToDocument(commands).Save(writer);
        }

        return builder.ToString();
    }

    private static XElement CommandElement(CommandHelp help) =>
        new(
            Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
            new XElement(
                Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Verb),
                new XElement(Command + "noun", help.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", help.Syntax.Select(set => SyntaxItem(help, set))),
            new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, p.Metadata[0], inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeEntry("inputType", t))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => TypeEntry("returnValue", t))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select((e, i) => Example(e, i + 1))),
            new XElement(Command + "relatedLinks", RelatedLinks(help)));

    private static XElement SyntaxItem(CommandHelp help, SyntaxHelp set) =>
        new(
            Command + "syntaxItem",
            new XElement(Maml + "name", help.Name),
            set.ParameterNames.Select(name =>
            {
                ParameterHelp parameter = help.Parameters.First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                return Parameter(parameter, parameter.For(set.ParameterSetName) ?? parameter.Metadata[0], inSyntax: true);
            }));

    private static XElement Parameter(ParameterHelp parameter, ParameterMetadata metadata, bool inSyntax)
    {
        var element = new XElement(
            Command + "parameter",
            new XAttribute("required", Flag(metadata.Required)),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", Flag(metadata.Globbing)),
            new XAttribute("pipelineInput", metadata.PipelineInput),
            new XAttribute("position", metadata.Position),
            new XAttribute("aliases", metadata.Aliases.Count == 0 ? "none" : string.Join(", ", metadata.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(parameter.Description));

        // In a syntax line a switch shows as [-Name]; a value placeholder would print "[-Name <SwitchParameter>]".
        if (!(inSyntax && parameter.IsSwitch))
        {
            element.Add(new XElement(
                Command + "parameterValue",
                new XAttribute("required", Flag(!parameter.IsSwitch)),
                new XAttribute("variableLength", Flag(parameter.Type.EndsWith("[]", StringComparison.Ordinal))),
                parameter.Type));
        }

        element.Add(
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", metadata.DefaultValue));
        return element;
    }

    private static XElement TypeEntry(string elementName, TypeHelp type) =>
        new(
            Command + elementName,
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            Description(type.Description));

    private static XElement Example(ExampleHelp example, int number)
    {
        string title = example.Title.Length == 0 ? $"Example {number}" : $"Example {number}: {example.Title}";
        return new XElement(
            Command + "example",
            new XElement(Maml + "title", $"---------- {title} ----------"),
            new XElement(Dev + "code", example.Code),
            // The trailing empty para gives the blank line Get-Help otherwise omits before the next example's title.
            new XElement(Dev + "remarks", Paras(example.Remarks), new XElement(Maml + "para", "")));
    }

    private static IEnumerable<XElement> RelatedLinks(CommandHelp help)
    {
        if (help.OnlineVersion.Length > 0)
        {
            yield return Link("Online Version:", help.OnlineVersion);
        }

        foreach (RelatedLink link in help.RelatedLinks)
        {
            yield return Link(link.Text, link.Uri);
        }
    }

    /// <summary>
    /// Get-Help refuses the whole topic when a link's uri is not absolute, so a link to another page
    /// (<c>Disconnect-Aap.md</c>) keeps only its text, which Get-Help shows as a topic name.
    /// </summary>
    private static XElement Link(string text, string uri) =>
        new(
            Maml + "navigationLink",
            new XElement(Maml + "linkText", text),
            new XElement(Maml + "uri", IsAbsoluteWebUri(uri) ? uri : ""));

    private static bool IsAbsoluteWebUri(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp);

    private static XElement Description(string text) => Description([text]);

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paras(paragraphs));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) =>
        paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Flag(bool value) => value ? "true" : "false";
}
