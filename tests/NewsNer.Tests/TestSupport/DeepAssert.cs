using System.Collections;
using System.Reflection;
using NewsNer.Tokenization;

namespace NewsNer.Tests.TestSupport;

/// <summary>
/// Structural equality over public properties, recursively, with readable paths in failures. Reflection-based on
/// purpose: a member added to a model class is compared without anyone touching this file.
/// </summary>
internal static class DeepAssert
{
    public static void Equal(object? expected, object? actual, string path = "document")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {Show(expected)}, got {Show(actual)}");
            return;
        }

        var type = expected.GetType();
        Assert.True(type == actual.GetType(), $"{path}: expected type {type.Name}, got {actual.GetType().Name}");
        switch (expected)
        {
            case string or bool or char or int or long or byte or short or uint or ulong or decimal or double or DateOnly or DateTime or Enum:
                Assert.True(expected.Equals(actual), $"{path}: expected {Show(expected)}, got {Show(actual)}");
                return;
            case float f:
                var g = (float)actual;
                Assert.True(f.Equals(g), $"{path}: expected {f:R}, got {g:R}");
                return;
            case Token t:
                var u = (Token)actual;
                Assert.True(t.Start == u.Start && t.End == u.End && t.Kind == u.Kind && t.Text == u.Text, $"{path}: expected {t}, got {u}");
                return;
            case IEnumerable sequence:
                var left = sequence.Cast<object?>().ToList();
                var right = ((IEnumerable)actual).Cast<object?>().ToList();
                Assert.True(left.Count == right.Count, $"{path}: expected {left.Count} items, got {right.Count}");
                for (var i = 0; i < left.Count; i++)
                {
                    Equal(left[i], right[i], $"{path}[{i}]");
                }

                return;
        }

        foreach (var property in PublicProperties(type))
        {
            Equal(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }

    public static IEnumerable<PropertyInfo> PublicProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + string.Concat(s.Select(c => c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "\"",
        _ => value.ToString() ?? "?",
    };
}
