using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TacticalRag.Api.Tests.Retrieval;

/// <summary>The sample library and calls to <c>POST /api/search</c> shared by the search tests.</summary>
internal static class SearchCalls
{
    public static async Task LoadSampleLibraryAsync(SearchHost host)
    {
        await host.IndexAsync("sop-radio", "Radio procedures SOP",
        [
            ("Call signs", "Each station uses the call sign issued in the signal operating instructions. Call signs change at midnight."),
            ("Radio checks", "The radio operator performs a radio check with net control every hour and logs the result."),
            ("Antenna", "Ground the antenna before transmitting and keep it clear of power lines."),
        ]);
        await host.IndexAsync("manual-generator", "Generator operator manual",
        [
            ("Refuelling", "Never refuel the generator while it is running or hot. Let the engine cool for fifteen minutes first."),
            ("Maintenance", "Change the oil every 250 operating hours and inspect the air filter weekly."),
            ("Grounding", "Drive the ground rod at least two metres deep before starting the set."),
        ]);
    }

    public static async Task<JsonElement> SearchAsync(SearchHost host, string json)
    {
        using var response = await PostAsync(host, json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> PostAsync(SearchHost host, string json) =>
        host.Client.PostAsync("/api/search", new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
