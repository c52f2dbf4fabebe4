using System.Globalization;
using Spectre.Console.Rendering;

namespace KenyaSms.Cli;

/// <summary>How the commands print: plain labelled lines and tables whose cells are text, never markup.</summary>
internal static class Output
{
    private const int LabelWidth = 12;

    /// <summary>Writes a line as it is: no markup, no wrapping (so commands and keys can be copied).</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="line">The text; empty for a blank line.</param>
    public static void Line(IAnsiConsole console, string line = "") => console.Profile.Out.Writer.WriteLine(line);

    /// <summary>Writes <c>label   value</c>, the label padded so values line up.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="label">The label.</param>
    /// <param name="value">The value, printed as given.</param>
    public static void Field(IAnsiConsole console, string label, string value) =>
        Line(console, label.PadRight(LabelWidth) + value);

    /// <summary>A table with the given column headers.</summary>
    /// <param name="columns">Column headers.</param>
    /// <returns>The empty table.</returns>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (string column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        return table;
    }

    /// <summary>
    /// Writes a table without the spaces that pad its last column: piped into a file, a mail or <c>grep</c>, a
    /// line ends where its text does, and a table is as wide as its content.
    /// </summary>
    /// <param name="console">Where to write.</param>
    /// <param name="table">The table.</param>
    public static void Write(IAnsiConsole console, Table table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        IAnsiConsole plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        plain.Profile.Width = console.Profile.Width;
        plain.Profile.Capabilities.Unicode = console.Profile.Capabilities.Unicode;
        plain.Write(table);
        string[] lines = text.ToString().Split('\n');
        int count = lines.Length;
        while (count > 0 && lines[count - 1].Trim().Length == 0)
        {
            count--;
        }

        for (int i = 0; i < count; i++)
        {
            Line(console, lines[i].TrimEnd());
        }
    }

    /// <summary>Adds a row of plain-text cells (a value like <c>[red]</c> prints as typed).</summary>
    /// <param name="table">The table.</param>
    /// <param name="cells">The cells.</param>
    public static void Row(Table table, params string?[] cells) =>
        table.AddRow([.. cells.Select(c => (IRenderable)new Text(c ?? string.Empty))]);

    /// <summary>A number for people: invariant digits, no grouping, at most two decimals.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An integer in invariant digits.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1 segment", "2 segments".</summary>
    /// <param name="count">How many.</param>
    /// <param name="noun">The singular noun.</param>
    /// <returns>The phrase.</returns>
    public static string Count(int count, string noun) => Number(count) + " " + noun + (count == 1 ? string.Empty : "s");

    /// <summary>The encoding as people write it.</summary>
    /// <param name="encoding">The encoding.</param>
    /// <returns><c>GSM-7</c> or <c>UCS-2</c>.</returns>
    public static string Encoding(SmsEncoding encoding) => encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2";

    /// <summary>Writes an error line on standard error.</summary>
    /// <param name="context">The context.</param>
    /// <param name="message">The message.</param>
    public static void Error(CliContext context, string message) => Line(context.Error, "kenyasms: " + message);
}
