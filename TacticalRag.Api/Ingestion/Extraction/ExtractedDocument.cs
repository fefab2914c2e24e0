namespace TacticalRag.Api.Ingestion.Extraction;

/// <summary>
/// A run of text under one heading (null before the first heading). Paragraphs are separated by a blank line; a
/// single line break inside a paragraph is a hard break (a list item, a table row). PDFs give one section per page
/// and heading, 1-based <see cref="Page"/>; other formats have no pages.
/// </summary>
public sealed record ExtractedSection(string? Heading, int? Page, string Text);

/// <summary>The text of a file, in reading order, without markup.</summary>
public sealed record ExtractedDocument(string Title, IReadOnlyList<ExtractedSection> Sections);
