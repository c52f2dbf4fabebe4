using System.Reflection;
using System.Runtime.CompilerServices;

namespace KenyaSms.Tests;

/// <summary>
/// Renders a type's public surface as C#-like lines ("Task&lt;SmsSendResult&gt; SendAsync(SmsMessage message, CancellationToken cancellationToken = default)"),
/// with nullable annotations, so that a test can compare it with the contract of api.md.
/// </summary>
internal static class PublicApiSurface
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(string)] = "string", [typeof(int)] = "int", [typeof(long)] = "long", [typeof(bool)] = "bool",
        [typeof(decimal)] = "decimal", [typeof(double)] = "double", [typeof(char)] = "char", [typeof(object)] = "object",
        [typeof(void)] = "void", [typeof(byte)] = "byte",
    };

    /// <summary>The public members declared by <paramref name="type"/>, one line each, sorted.</summary>
    public static string[] Members(Type type)
    {
        var nullability = new NullabilityInfoContext();
        var lines = new List<string>();
        if (type.IsEnum)
        {
            lines.AddRange(Enum.GetNames(type));
            return [.. lines];
        }

        foreach (ConstructorInfo ctor in type.GetConstructors(Declared))
        {
            lines.Add($"ctor({Parameters(ctor, nullability)})");
        }

        foreach (PropertyInfo property in type.GetProperties(Declared))
        {
            string accessors = property.GetMethod?.IsPublic == true ? "get; " : string.Empty;
            if (property.SetMethod is { IsPublic: true } setter)
            {
                // By name, as the compiler does: the netstandard2.0 build carries its own internal IsExternalInit.
                bool init = setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
                accessors += init ? "init; " : "set; ";
            }

            string modifier = property.GetMethod?.IsStatic == true ? "static " : string.Empty;
            lines.Add($"{modifier}{Name(property.PropertyType, nullability.Create(property))} {property.Name} {{ {accessors}}}");
        }

        foreach (FieldInfo field in type.GetFields(Declared))
        {
            string modifier = field.IsLiteral ? "const" : field.IsInitOnly ? "static readonly" : "static";
            lines.Add($"{modifier} {Name(field.FieldType, nullability.Create(field))} {field.Name}");
        }

        foreach (MethodInfo method in type.GetMethods(Declared))
        {
            if (method.IsSpecialName && !method.Name.StartsWith("op_", StringComparison.Ordinal))
            {
                continue; // property and event accessors
            }

            string modifier = method.IsStatic ? "static " : string.Empty;
            string generics = method.IsGenericMethod ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;
            lines.Add($"{modifier}{Name(method.ReturnType, nullability.Create(method.ReturnParameter))} {method.Name}{generics}({Parameters(method, nullability)})");
        }

        lines.Sort(StringComparer.Ordinal);
        return [.. lines];
    }

    /// <summary>"public sealed class", "public interface", ... for <paramref name="type"/>.</summary>
    public static string Kind(Type type)
    {
        if (type.IsInterface)
        {
            return "interface";
        }

        if (type.IsEnum)
        {
            return type.IsDefined(typeof(FlagsAttribute)) ? "[Flags] enum" : "enum";
        }

        bool record = type.GetMethod("<Clone>$") is not null || type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null;
        if (type.IsValueType)
        {
            // By name: on netstandard2.0 the compiler embeds its own IsReadOnlyAttribute in the library.
            bool readOnly = type.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.IsReadOnlyAttribute");
            return (readOnly ? "readonly " : string.Empty) + (record ? "record struct" : "struct");
        }

        string modifier = type is { IsAbstract: true, IsSealed: true } ? "static " : type.IsSealed ? "sealed " : type.IsAbstract ? "abstract " : string.Empty;
        return modifier + (record ? "record" : "class");
    }

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability) =>
        string.Join(", ", method.GetParameters().Select(p =>
        {
            Type type = p.ParameterType;
            string prefix = string.Empty;
            if (type.IsByRef)
            {
                type = type.GetElementType()!;
                prefix = p.IsOut ? "out " : p.IsIn ? "in " : "ref ";
            }
            else if (p.Position == 0 && method.IsDefined(typeof(ExtensionAttribute)))
            {
                prefix = "this ";
            }

            string text = $"{prefix}{Name(type, nullability.Create(p))} {p.Name}";
            if (p.HasDefaultValue)
            {
                text += " = " + p.DefaultValue switch
                {
                    null => "default",
                    string s => $"\"{s}\"",
                    bool b => b ? "true" : "false",
                    Enum e => $"{e.GetType().Name}.{e}",
                    object value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                };
            }

            return text;
        }));

    private static string Name(Type type, NullabilityInfo? info)
    {
        string nullable = info is { ReadState: NullabilityState.Nullable } && !type.IsValueType ? "?" : string.Empty;
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!, info?.ElementType) + nullable;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying, null) + "?";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!, info?.ElementType) + "[]" + nullable;
        }

        if (Keywords.TryGetValue(type, out string? keyword))
        {
            return keyword + nullable;
        }

        if (type.IsGenericType)
        {
            Type[] arguments = type.GetGenericArguments();
            string generic = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return generic + "<" + string.Join(", ", arguments.Select((a, i) => Name(a, info?.GenericTypeArguments.ElementAtOrDefault(i)))) + ">" + nullable;
        }

        return type.Name + nullable;
    }
}
