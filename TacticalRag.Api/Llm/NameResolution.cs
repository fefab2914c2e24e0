using System.Net.Sockets;

namespace TacticalRag.Api.Llm;

/// <summary>Recognises a host name that did not resolve, however the HTTP stack reports it.</summary>
internal static class NameResolution
{
    public static bool Failed(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }
                || e is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData })
            {
                return true;
            }
        }
        return false;
    }
}
