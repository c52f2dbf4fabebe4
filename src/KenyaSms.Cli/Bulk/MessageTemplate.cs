using System.Text;

namespace KenyaSms.Cli.Bulk;

/// <summary>A message text with <c>{column}</c> placeholders; <c>{{</c> and <c>}}</c> are literal braces.</summary>
internal sealed class MessageTemplate
{
    private readonly List<(string Text, bool IsPlaceholder)> _parts;

    private MessageTemplate(List<(string Text, bool IsPlaceholder)> parts) => _parts = parts;

    /// <summary>The placeholder names, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders =>
        [.. _parts.Where(p => p.IsPlaceholder).Select(p => p.Text).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Reads a template.</summary>
    /// <param name="template">The template text.</param>
    /// <returns>The template.</returns>
    /// <exception cref="CliException">An unclosed or empty placeholder, or a lone <c>}</c> (exit 2).</exception>
    public static MessageTemplate Parse(string template)
    {
        var parts = new List<(string, bool)>();
        var literal = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                literal.Append(c);
                i++;
            }
            else if (c == '{')
            {
                int close = template.IndexOf('}', i + 1);
                string name = close < 0 ? string.Empty : template[(i + 1)..close].Trim();
                if (close < 0 || name.Length == 0 || name.Contains('{', StringComparison.Ordinal))
                {
                    throw new CliException(ExitCodes.BadInput,
                        $"--template has an unclosed or empty placeholder at position {i + 1}: write {{column}} for a value, {{{{ for a literal '{{'.");
                }

                parts.Add((literal.ToString(), false));
                literal.Clear();
                parts.Add((name, true));
                i = close;
            }
            else if (c == '}')
            {
                throw new CliException(ExitCodes.BadInput, $"--template has a '}}' without '{{' at position {i + 1}: write }}}} for a literal '}}'.");
            }
            else
            {
                literal.Append(c);
            }
        }

        parts.Add((literal.ToString(), false));
        return new MessageTemplate(parts);
    }

    /// <summary>The text for one row.</summary>
    /// <param name="value">The row's value for a placeholder name.</param>
    /// <returns>The text.</returns>
    public string Render(Func<string, string> value)
    {
        var text = new StringBuilder();
        foreach ((string part, bool isPlaceholder) in _parts)
        {
            text.Append(isPlaceholder ? value(part) : part);
        }

        return text.ToString();
    }
}
