using System.Text;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

public sealed class ServerSentEventReaderTests
{
    [Fact]
    public async Task ReadsEachEventUpToTheBlankLineThatEndsIt()
    {
        var events = await ReadAllAsync(
            "event: token\ndata: {\"text\":\"Hel\"}\n\n" +
            "event: token\ndata: {\"text\":\"lo\"}\n\n" +
            "event: done\ndata: {\"backend\":\"vllm\"}\n\n");

        Assert.Equal(
            [
                new ServerSentEvent("token", "{\"text\":\"Hel\"}"),
                new ServerSentEvent("token", "{\"text\":\"lo\"}"),
                new ServerSentEvent("done", "{\"backend\":\"vllm\"}"),
            ],
            events);
    }

    [Fact]
    public async Task JoinsSeveralDataLinesOfOneEventWithNewlines()
    {
        var events = await ReadAllAsync("event: token\ndata: first\ndata:second\ndata:  third\n\n");

        Assert.Equal([new ServerSentEvent("token", "first\nsecond\n third")], events);
    }

    [Fact]
    public async Task AcceptsCarriageReturnLineEnds()
    {
        var events = await ReadAllAsync("event: token\r\ndata: a\r\n\r\nevent: done\rdata: b\r\r");

        Assert.Equal([new ServerSentEvent("token", "a"), new ServerSentEvent("done", "b")], events);
    }

    [Fact]
    public async Task SkipsCommentsAndFieldsItDoesNotUse()
    {
        var events = await ReadAllAsync(": keep-alive\n\nid: 7\nretry: 1000\nevent: token\nmystery: x\ndata: a\n\n");

        Assert.Equal([new ServerSentEvent("token", "a")], events);
    }

    [Fact]
    public async Task CallsAnEventWithoutATypeAMessage()
    {
        var events = await ReadAllAsync("data: plain\n\nevent:\ndata: still plain\n\n");

        Assert.Equal([new ServerSentEvent("message", "plain"), new ServerSentEvent("message", "still plain")], events);
    }

    [Fact]
    public async Task DispatchesNothingForAnEventWithoutData()
    {
        var events = await ReadAllAsync("event: token\n\nevent: done\ndata:\n\n");

        Assert.Equal([new ServerSentEvent("done", "")], events);
    }

    [Fact]
    public async Task DropsAnEventThatTheEndOfTheStreamCutOff()
    {
        var events = await ReadAllAsync("event: token\ndata: whole\n\nevent: done\ndata: {\"backend\":");

        Assert.Equal([new ServerSentEvent("token", "whole")], events);
    }

    [Fact]
    public async Task KeepsUnicodeTextIntact()
    {
        var events = await ReadAllAsync("event: token\ndata: {\"text\":\"Grüße – 日本\"}\n\n");

        Assert.Equal("{\"text\":\"Grüße – 日本\"}", Assert.Single(events).Data);
    }

    private static async Task<List<ServerSentEvent>> ReadAllAsync(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var events = new List<ServerSentEvent>();
        await foreach (var sse in ServerSentEventReader.ReadAsync(stream))
        {
            events.Add(sse);
        }
        return events;
    }
}
