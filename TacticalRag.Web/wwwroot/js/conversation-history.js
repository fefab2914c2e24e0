// The conversations this browser started, as JSON in localStorage, one list per signed-in user (the key names
// the user). Storage can be off (private windows, policy): then the list is simply empty and nothing is remembered.
export function read(key) {
    try {
        return localStorage.getItem(key);
    } catch {
        return null;
    }
}

export function write(key, json) {
    try {
        localStorage.setItem(key, json);
    } catch {
        // Full or disabled storage: the conversation still works, it is just not listed later.
    }
}
