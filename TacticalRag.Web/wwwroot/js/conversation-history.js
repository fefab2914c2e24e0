// The conversations this browser started, as JSON in localStorage. Storage can be off (private windows, policy):
// then the list is simply empty and nothing is remembered.
const key = "tacticalrag.conversations";

export function read() {
    try {
        return localStorage.getItem(key);
    } catch {
        return null;
    }
}

export function write(json) {
    try {
        localStorage.setItem(key, json);
    } catch {
        // Full or disabled storage: the conversation still works, it is just not listed later.
    }
}
