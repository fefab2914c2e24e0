// Blazor loads this JavaScript initializer by its name (<assembly>.lib.module.js) before it starts.
// "citationclick": a click on a citation chip inside an answer. The chips are HTML rendered from the answer's
// markdown, not components, so one handler on the answer reads which chip was clicked from data-citation.
export function afterWebStarted(blazor) {
    blazor.registerCustomEventType("citationclick", {
        browserEventName: "click",
        createEventArgs: event => {
            const chip = event.target instanceof Element ? event.target.closest("[data-citation]") : null;
            return { index: chip ? Number(chip.dataset.citation) : null };
        }
    });
}
