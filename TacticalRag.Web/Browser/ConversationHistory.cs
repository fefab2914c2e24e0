using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace TacticalRag.Web.Browser;

/// <summary>
/// The conversations this browser started, newest first, kept in its localStorage (the API lists none: a
/// conversation belongs to whoever holds its id). Usable once the page is interactive; each change is read fresh
/// from storage so several tabs do not undo each other's. Each signed-in user has a list of their own, so someone
/// signing in after another on the same browser does not see the other's questions.
/// </summary>
public sealed class ConversationHistory(IJSRuntime js, AuthenticationStateProvider authentication) : IAsyncDisposable
{
    /// <summary>The localStorage key of a user's list.</summary>
    public static string StorageKey(string userId) => $"tacticalrag.conversations.{userId}";

    /// <summary>Older entries drop off the list; their conversations expire at the API anyway.</summary>
    public const int Capacity = 50;

    private const string ModulePath = "./js/conversation-history.js";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private IJSObjectReference? _module;

    public async Task<IReadOnlyList<ConversationHistoryEntry>> LoadAsync()
    {
        if (await UserKeyAsync() is not { } key)
        {
            return [];
        }
        var module = await ModuleAsync();
        var stored = await module.InvokeAsync<string?>("read", key);
        if (string.IsNullOrWhiteSpace(stored))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<ConversationHistoryEntry>>(stored, s_json)?
                .Where(entry => !string.IsNullOrEmpty(entry?.Id))
                .ToList() ?? [];
        }
        catch (JsonException)
        {
            return []; // Written by something else, or by hand: start a fresh list rather than fail the page.
        }
    }

    /// <summary>Puts the conversation at the top of the list, keeping the title it was first given.</summary>
    public async Task<IReadOnlyList<ConversationHistoryEntry>> RememberAsync(string id, string title, DateTimeOffset when)
    {
        var entries = (await LoadAsync()).ToList();
        var existing = entries.FindIndex(entry => entry.Id == id);
        var entry = existing >= 0 ? entries[existing] with { UpdatedUtc = when } : new ConversationHistoryEntry(id, title, when);
        if (existing >= 0)
        {
            entries.RemoveAt(existing);
        }
        entries.Insert(0, entry);
        return await SaveAsync(entries.Take(Capacity).ToList());
    }

    public async Task<IReadOnlyList<ConversationHistoryEntry>> ForgetAsync(string id)
    {
        var entries = (await LoadAsync()).Where(entry => entry.Id != id).ToList();
        return await SaveAsync(entries);
    }

    private async Task<IReadOnlyList<ConversationHistoryEntry>> SaveAsync(List<ConversationHistoryEntry> entries)
    {
        if (await UserKeyAsync() is not { } key)
        {
            return [];
        }
        var module = await ModuleAsync();
        await module.InvokeVoidAsync("write", key, JsonSerializer.Serialize(entries, s_json));
        return entries;
    }

    private async Task<string?> UserKeyAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id ? StorageKey(id) : null;
    }

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }
        try
        {
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module with it.
        }
    }
}
