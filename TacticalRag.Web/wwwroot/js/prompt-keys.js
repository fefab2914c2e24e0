// Enter sends the prompt and Shift+Enter inserts a newline. This runs in the browser because Blazor's
// preventDefault cannot depend on which key was pressed. A plain script (no inline code) so the
// Content-Security-Policy can stay at script-src 'self'.
document.addEventListener("keydown", event => {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement) || !box.dataset.sendButton) {
        return;
    }
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) {
        return;
    }
    event.preventDefault();
    const send = document.getElementById(box.dataset.sendButton);
    if (send && !send.disabled) {
        send.click();
    }
});

window.tacticalRag = {
    // Moves focus to the element only when focus was lost (a focused button became disabled),
    // never away from wherever the user has put it.
    focusIfLost(element) {
        const active = document.activeElement;
        if (element && (!active || active === document.body || active.disabled)) {
            element.focus();
        }
    }
};
