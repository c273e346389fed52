/**
 * The prompt for LLM-written story summaries. Changing the text means changing PROMPT_VERSION: cached
 * summaries are keyed by it, so a new prompt is not served old answers.
 */
export const PROMPT_VERSION = '2026-11-28.1';

export const SYSTEM_PROMPT = `You write neutral news briefings for busy professionals.
You are given several reports of the same news story, each labelled [1], [2], and so on.
Write one or two sentences that say what happened, for a reader who has not seen the reports.
Rules:
- Use only facts stated in the reports. Do not add names, numbers, dates, places or quotations that are not in them.
- Copy numbers exactly as the reports give them. Quote only words that appear in quotation marks in a report.
- No opinion, no speculation, no "according to reports". Plain past or present tense.
- At most 60 words in all.
Answer with JSON only, no code fence: {"summary": "<your sentences>", "sources": [<numbers of the reports that support it>]}`;

export interface PromptSource {
  source: string;
  title: string;
  text: string;
}

/** At most this much of each report goes into the prompt; leads carry the story. */
export const REPORT_CHARS = 1500;
export const MAX_REPORTS = 5;

export function userPrompt(sources: PromptSource[]): string {
  return sources
    .slice(0, MAX_REPORTS)
    .map((s, i) => `[${i + 1}] ${s.source}: ${s.title}\n${s.text.slice(0, REPORT_CHARS)}`)
    .join('\n\n');
}
