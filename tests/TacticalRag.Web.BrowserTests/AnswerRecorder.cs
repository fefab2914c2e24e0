using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Playwright;

namespace TacticalRag.Web.BrowserTests;

/// <summary>
/// Watches the latest answer inside the page, at every change the page makes to it, so a test can tell that it grew
/// while streaming: the page itself notes each state and length, and no polling interval can miss a step.
/// </summary>
internal sealed class AnswerRecorder(IPage page)
{
    public sealed record Step([property: JsonPropertyName("state")] string State, [property: JsonPropertyName("length")] int Length);

    public Task StartAsync() => page.EvaluateAsync("""
        () => {
            const steps = [];
            window.__answerSteps = steps;
            const note = () => {
                const answers = document.querySelectorAll('[data-testid=answer]');
                const answer = answers[answers.length - 1];
                if (!answer) return;
                const text = answer.querySelector('.answer-text');
                const step = { state: answer.dataset.state ?? '', length: text ? text.textContent.length : 0 };
                const last = steps[steps.length - 1];
                if (!last || last.state !== step.state || last.length !== step.length) steps.push(step);
            };
            new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        }
        """);

    // Read back as JSON text: Playwright's own conversion wants classes with parameterless constructors.
    public async Task<IReadOnlyList<Step>> StepsAsync() =>
        JsonSerializer.Deserialize<Step[]>(await page.EvaluateAsync<string>("() => JSON.stringify(window.__answerSteps ?? [])")) ?? [];
}
