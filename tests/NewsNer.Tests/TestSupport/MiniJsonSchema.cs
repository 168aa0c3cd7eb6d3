using Newtonsoft.Json.Linq;

namespace NewsNer.Tests.TestSupport;

/// <summary>
/// Checks JSON against the subset of JSON Schema that docs/newsner-1.schema.json uses ($ref, type, properties,
/// required, items, enum, const, minimum, pattern, anyOf/oneOf, additionalProperties as a schema). Stricter than
/// JSON Schema on one point: a property the schema does not declare is reported, so every field written is documented.
/// </summary>
internal static class MiniJsonSchema
{
    public static List<string> Validate(JObject root, JToken value)
    {
        var problems = new List<string>();
        Check(root, root, value, "$", problems);
        return problems;
    }

    private static void Check(JObject root, JObject schema, JToken value, string path, List<string> problems)
    {
        if (schema["$ref"] is JValue reference)
        {
            var target = root.SelectToken(((string)reference!).TrimStart('#').Replace('/', '.').TrimStart('.').Replace("$defs", "['$defs']", StringComparison.Ordinal));
            Check(root, (JObject)target!, value, path, problems);
            return;
        }

        if ((schema["anyOf"] ?? schema["oneOf"]) is JArray choices)
        {
            var best = choices.Select(c => { var p = new List<string>(); Check(root, (JObject)c, value, path, p); return p; }).OrderBy(p => p.Count).First();
            problems.AddRange(best);
            return;
        }

        if (schema["type"] is { } type)
        {
            var allowed = type is JArray array ? array.Select(t => (string)t!).ToList() : [(string)type!];
            if (!allowed.Any(t => Is(value, t)))
            {
                problems.Add($"{path}: expected {string.Join("|", allowed)}, found {value.Type}");
                return;
            }
        }

        if (schema["enum"] is JArray options && !options.Any(o => JToken.DeepEquals(o, value)))
        {
            problems.Add($"{path}: {value} is not one of {options.ToString(Newtonsoft.Json.Formatting.None)}");
        }

        if (schema["const"] is { } constant && !JToken.DeepEquals(constant, value))
        {
            problems.Add($"{path}: expected {constant}, found {value}");
        }

        if (schema["minimum"] is { } minimum && value.Type is JTokenType.Integer or JTokenType.Float && (double)value < (double)minimum)
        {
            problems.Add($"{path}: {value} is below {minimum}");
        }

        if (schema["maximum"] is { } maximum && value.Type is JTokenType.Integer or JTokenType.Float && (double)value > (double)maximum)
        {
            problems.Add($"{path}: {value} is above {maximum}");
        }

        if (schema["pattern"] is { } pattern && value.Type == JTokenType.String && !System.Text.RegularExpressions.Regex.IsMatch((string)value!, (string)pattern!))
        {
            problems.Add($"{path}: '{value}' does not match {pattern}");
        }

        if (value is JObject obj)
        {
            var properties = schema["properties"] as JObject;
            foreach (var name in schema["required"]?.Select(r => (string)r!) ?? [])
            {
                if (obj[name] is null)
                {
                    problems.Add($"{path}: required field '{name}' is missing");
                }
            }

            foreach (var property in obj.Properties())
            {
                if (properties?[property.Name] is JObject propertySchema)
                {
                    Check(root, propertySchema, property.Value, $"{path}.{property.Name}", problems);
                }
                else if (schema["additionalProperties"] is JObject additional)
                {
                    Check(root, additional, property.Value, $"{path}.{property.Name}", problems);
                }
                else
                {
                    problems.Add($"{path}: field '{property.Name}' is not documented in the schema");
                }
            }
        }

        if (value is JArray items && schema["items"] is JObject itemSchema)
        {
            for (var i = 0; i < items.Count; i++)
            {
                Check(root, itemSchema, items[i], $"{path}[{i}]", problems);
            }
        }
    }

    private static bool Is(JToken value, string type) => type switch
    {
        "object" => value.Type == JTokenType.Object,
        "array" => value.Type == JTokenType.Array,
        "string" => value.Type == JTokenType.String,
        "integer" => value.Type == JTokenType.Integer,
        "number" => value.Type is JTokenType.Integer or JTokenType.Float,
        "boolean" => value.Type == JTokenType.Boolean,
        "null" => value.Type == JTokenType.Null,
        _ => false,
    };
}
