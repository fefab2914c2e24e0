using Microsoft.AspNetCore.Components;

namespace TacticalRag.Web.Components.Chat;

/// <summary>
/// <c>@oncitationclick</c>: registered in the browser by wwwroot/TacticalRag.Web.lib.module.js, which reads the
/// chip's source number from its <c>data-citation</c> attribute.
/// </summary>
[EventHandler("oncitationclick", typeof(CitationClickEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers;
