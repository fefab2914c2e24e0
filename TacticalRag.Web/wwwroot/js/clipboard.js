// Copies text to the clipboard. The Clipboard API needs a secure context (https or localhost); elsewhere a hidden
// textarea and the older copy command do the job. Returns whether the text was copied.
export async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // Permission refused: try the older way below.
        }
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "clipboard-scratch";
    document.body.appendChild(area);
    const focused = document.activeElement;
    area.select();
    let copied = false;
    try {
        copied = document.execCommand("copy");
    } catch {
        copied = false;
    }
    area.remove();
    if (focused instanceof HTMLElement) {
        focused.focus();
    }
    return copied;
}
