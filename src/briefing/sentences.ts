import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;

/** Sentence boundaries from wink-nlp's model, which knows "U.S.", "Dr.", initials, quotes and decimals. */
function engine(): Nlp {
  nlp ??= winkNLP(model, ['sbd']);
  return nlp;
}

/** Splits text into sentences, paragraph by paragraph (a paragraph break always ends a sentence). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const p = paragraph.replace(/\s+/g, ' ').trim();
    if (!p) continue;
    for (const s of engine().readDoc(p).sentences().out()) {
      const sentence = s.trim();
      if (sentence) out.push(sentence);
    }
  }
  return out;
}
