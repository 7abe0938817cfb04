using System.Xml;
using System.Xml.Linq;

namespace AapPacker.HelpGen.Tests;

public class MamlWriterTests
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static XElement WriteAndReload(string page)
    {
        string xml = MamlWriter.WriteToString([SamplePages.Parse(page)]);
        XDocument document = XDocument.Parse(xml);
        return Assert.Single(document.Root!.Elements(Command + "command"));
    }

    [Fact]
    public void The_root_is_helpItems_with_the_maml_schema()
    {
        XDocument document = XDocument.Parse(MamlWriter.WriteToString([SamplePages.Parse(SamplePages.Page())]));

        Assert.Equal(XName.Get("helpItems", "http://msh"), document.Root!.Name);
        Assert.Equal("maml", (string?)document.Root.Attribute("schema"));
    }

    [Fact]
    public void Details_carry_name_verb_noun_and_synopsis()
    {
        XElement details = WriteAndReload(SamplePages.Page()).Element(Command + "details")!;

        Assert.Equal("Get-Widget", (string?)details.Element(Command + "name"));
        Assert.Equal("Get", (string?)details.Element(Command + "verb"));
        Assert.Equal("Widget", (string?)details.Element(Command + "noun"));
        Assert.Equal("Gets a widget.", (string?)details.Element(Maml + "description")!.Element(Maml + "para"));
    }

    [Fact]
    public void Each_description_paragraph_is_a_para()
    {
        XElement command = WriteAndReload(SamplePages.Page());

        string[] paras = [.. command.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value)];
        Assert.Equal(["The `Get-Widget` cmdlet gets a widget by its name.", "A second paragraph."], paras);
    }

    [Fact]
    public void A_parameter_carries_required_position_pipeline_aliases_and_value()
    {
        XElement command = WriteAndReload(SamplePages.Page());

        XElement name = command.Element(Command + "parameters")!.Elements(Command + "parameter").First();
        Assert.Equal("Name", (string?)name.Element(Maml + "name"));
        Assert.Equal("true", (string?)name.Attribute("required"));
        Assert.Equal("0", (string?)name.Attribute("position"));
        Assert.Equal("True (ByValue)", (string?)name.Attribute("pipelineInput"));
        Assert.Equal("false", (string?)name.Attribute("globbing"));
        Assert.Equal("WidgetName, N", (string?)name.Attribute("aliases"));
        Assert.Equal("String", (string?)name.Element(Command + "parameterValue"));
        Assert.Equal("String", (string?)name.Element(Dev + "type")!.Element(Maml + "name"));
        Assert.Equal("The widget's name.", (string?)name.Element(Maml + "description")!.Element(Maml + "para"));
    }

    [Fact]
    public void A_switch_has_no_value_placeholder_in_the_syntax_but_keeps_its_type_in_parameters()
    {
        XElement command = WriteAndReload(SamplePages.Page());

        XElement inSyntax = command.Descendants(Command + "syntaxItem").Single().Elements(Command + "parameter").Single(p => (string?)p.Element(Maml + "name") == "Force");
        XElement inParameters = command.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => (string?)p.Element(Maml + "name") == "Force");
        Assert.Null(inSyntax.Element(Command + "parameterValue"));
        Assert.Equal("SwitchParameter", (string?)inParameters.Element(Command + "parameterValue"));
        Assert.Equal("none", (string?)inParameters.Attribute("aliases"));
        Assert.Equal("named", (string?)inParameters.Attribute("position"));
    }

    [Fact]
    public void The_syntax_item_lists_parameters_in_syntax_order()
    {
        XElement command = WriteAndReload(SamplePages.Page());

        XElement item = command.Descendants(Command + "syntaxItem").Single();
        Assert.Equal("Get-Widget", (string?)item.Element(Maml + "name"));
        Assert.Equal(["Name", "Force"], item.Elements(Command + "parameter").Select(p => (string?)p.Element(Maml + "name")));
    }

    [Fact]
    public void Examples_carry_title_code_and_remarks()
    {
        XElement example = WriteAndReload(SamplePages.Page()).Descendants(Command + "example").Single();

        Assert.Contains("Example 1: Get one widget", (string?)example.Element(Maml + "title"), StringComparison.Ordinal);
        Assert.Equal("Get-Widget -Name 'w1'", (string?)example.Element(Dev + "code"));
        Assert.Equal("Gets the widget named w1.", (string?)example.Element(Dev + "remarks")!.Element(Maml + "para"));
    }

    [Fact]
    public void Inputs_outputs_and_notes_are_written()
    {
        XElement command = WriteAndReload(SamplePages.Page());

        Assert.Equal("System.String", (string?)command.Descendants(Command + "inputType").Single().Element(Dev + "type")!.Element(Maml + "name"));
        Assert.Equal("Sample.Widget", (string?)command.Descendants(Command + "returnValue").Single().Element(Dev + "type")!.Element(Maml + "name"));
        Assert.Equal("Widgets are cached.", (string?)command.Element(Maml + "alertSet")!.Element(Maml + "alert")!.Element(Maml + "para"));
    }

    [Fact]
    public void A_link_to_another_page_keeps_its_text_and_drops_the_relative_uri()
    {
        XElement[] links = [.. WriteAndReload(SamplePages.Page()).Descendants(Maml + "navigationLink")];

        Assert.Equal(["Set-Widget", "Online docs"], links.Select(l => (string?)l.Element(Maml + "linkText")));
        Assert.Equal(["", "https://example.org/widgets"], links.Select(l => (string?)l.Element(Maml + "uri")));
    }

    [Fact]
    public void Markup_characters_survive_a_round_trip_escaped()
    {
        string description = "## DESCRIPTION\nCompares `a < b && c > \"d\"` with 'e'.\n\n";
        string examples = "## EXAMPLES\n\n### Example 1: A & B <tags>\n```powershell\nif ($a -lt 1 -and $b) { '<x>' + \"&amp;\" }\n```\n\nUses <angle> & ampersands.\n\n";

        string xml = MamlWriter.WriteToString([SamplePages.Parse(SamplePages.Page(description: description, examples: examples))]);
        XElement command = XDocument.Parse(xml).Root!.Elements(Command + "command").Single();

        Assert.Contains("a &lt; b &amp;&amp; c &gt;", xml, StringComparison.Ordinal);
        Assert.Equal("Compares `a < b && c > \"d\"` with 'e'.", (string?)command.Element(Maml + "description")!.Element(Maml + "para"));
        XElement example = command.Descendants(Command + "example").Single();
        Assert.Equal("if ($a -lt 1 -and $b) { '<x>' + \"&amp;\" }", (string?)example.Element(Dev + "code"));
        Assert.Contains("A & B <tags>", (string?)example.Element(Maml + "title"), StringComparison.Ordinal);
        Assert.Equal("Uses <angle> & ampersands.", (string?)example.Element(Dev + "remarks")!.Element(Maml + "para"));
    }

    [Fact]
    public void Commands_are_sorted_by_name_in_one_document()
    {
        CommandHelp widget = SamplePages.Parse(SamplePages.Page());
        CommandHelp alpha = MarkdownHelpParser.Parse("Add-Widget.md", SamplePages.Page().Replace("Get-Widget", "Add-Widget", StringComparison.Ordinal));

        XDocument document = XDocument.Parse(MamlWriter.WriteToString([widget, alpha]));

        Assert.Equal(
            ["Add-Widget", "Get-Widget"],
            document.Root!.Elements(Command + "command").Select(c => (string?)c.Element(Command + "details")!.Element(Command + "name")));
    }

    [Fact]
    public void The_file_is_utf8_without_a_byte_order_mark_and_well_formed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"helpgen-{Guid.NewGuid():N}.xml");
        try
        {
            MamlWriter.Write([SamplePages.Parse(SamplePages.Page(description: "## DESCRIPTION\nNaïve café — ok.\n\n"))], path);

            byte[] bytes = File.ReadAllBytes(path);
            Assert.NotEqual(0xEF, bytes[0]);
            var xml = new XmlDocument();
            xml.Load(path);
            Assert.Contains("Naïve café — ok.", xml.InnerText, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
