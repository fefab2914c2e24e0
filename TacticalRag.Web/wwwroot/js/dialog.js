// Opens a <dialog> as a modal: the browser then keeps focus inside it, closes it on Escape and puts focus back
// where it was when it closes.
export function showModal(dialog) {
    if (dialog && !dialog.open) {
        dialog.showModal();
    }
}

export function close(dialog) {
    if (dialog && dialog.open) {
        dialog.close();
    }
}
