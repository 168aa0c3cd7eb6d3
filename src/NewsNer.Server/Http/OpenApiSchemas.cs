using System.ComponentModel;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NewsNer.Server.Http;

/// <summary>The request object of the extract endpoints, for the OpenAPI document (the endpoints read it with <see cref="RequestJson"/>).</summary>
[Description("One article to process.")]
internal sealed record ExtractRequestSchema(
    [property: Description("The article text (required); kept as given, every offset indexes it.")] string Text,
    [property: Description("Publication date YYYY-MM-DD, to resolve relative dates.")] string? Date,
    [property: Description("Where the text comes from (URL, file name).")] string? Source,
    [property: Description("Caller metadata carried unchanged into the document: string values only.")] IReadOnlyDictionary<string, string>? Metadata);

/// <summary>The top of a newsner/1 document, for the OpenAPI document (the full schema: docs/newsner-1.schema.json).</summary>
[Description("A newsner/1 document; docs/json-schema.md describes every field.")]
internal sealed record DocumentSchema(
    [property: Description("Always newsner/1.")] string Schema,
    string? Source,
    string Language,
    string? PublicationDate,
    IReadOnlyDictionary<string, string> Metadata,
    string Text,
    IReadOnlyList<object> Sentences,
    IReadOnlyList<object>? Tokens,
    IReadOnlyList<object> Entities,
    IReadOnlyList<object> Events);

/// <summary>A newsner/1 error record.</summary>
[Description("A newsner/1 error record: what was refused and why.")]
internal sealed record ErrorRecordSchema(string Schema, string? Source, ErrorSchema Error);

/// <summary>The error of an error record.</summary>
internal sealed record ErrorSchema([property: Description("What went wrong and what to do.")] string Message);

/// <summary>The health answer.</summary>
internal sealed record HealthSchema(
    [property: Description("loading, ready, stopping or failed.")] string Status,
    bool Live,
    bool Ready,
    int Workers,
    int Admitted,
    double? ModelsLoadedInSeconds);

/// <summary>The title, version and description of the OpenAPI document.</summary>
internal sealed class OpenApiDescription : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "NewsNer",
            Version = "v1",
            Description = "French news information extraction over HTTP: tokens and sentences with exact offsets, named entities linked per document, "
                + "diplomatic-meeting events. Answers are newsner/1 JSON (docs/json-schema.md). Limits: body size (413), time per document (503), "
                + "concurrency with a bounded queue (503 + Retry-After). With an API key, send it in X-API-Key.",
        };
        return Task.CompletedTask;
    }
}

/// <summary>The request bodies of the extract endpoints (the endpoints read and check the body themselves).</summary>
internal sealed class OpenApiRequestBodies : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not ("extract" or "extractBatch"))
        {
            return;
        }

        var request = await context.GetOrCreateSchemaAsync(typeof(ExtractRequestSchema), null, cancellationToken);
        var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
        if (operation.OperationId == "extract")
        {
            content["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The article, UTF-8 unless a charset parameter says iso-8859-1 or windows-1252." } };
            content["application/json"] = new OpenApiMediaType { Schema = request };
        }
        else
        {
            foreach (var type in RequestBody.JsonLinesTypes)
            {
                content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "JSON Lines: one request object per line (see ExtractRequestSchema)." } };
            }
        }

        operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
    }
}
