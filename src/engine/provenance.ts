import { type Lang, type Message, type MessageKey, msg, type Params, render } from '../messages/index.js';

/**
 * A provenance label that says something in words (`catalog:llama-3-70b (PUE folded into the
 * published power per chip)`): `source` is its English text, as every answer has always carried it;
 * `sourceMessage` says its words as message data, for a face to say in the reader's language. The
 * citations that follow the words are data, in `source` only (said once: answers stay small).
 */
export interface SaidSource {
  source: string;
  sourceMessage: Message;
}

export function saidSource(key: MessageKey, params?: Params, cited = ''): SaidSource {
  const sourceMessage = msg(key, params);
  return { source: render(sourceMessage, 'en', 'flag') + cited, sourceMessage };
}

/** An input's provenance in `lang`: its words said in `lang`, the citations after them as they are. */
export function sourceIn(input: { source: string; sourceMessage?: Message }, lang: Lang): string {
  const said = input.sourceMessage;
  if (!said || lang === 'en') return input.source;
  const english = render(said, 'en', 'flag');
  if (!input.source.startsWith(english)) return input.source;
  return render(said, lang, 'flag') + input.source.slice(english.length);
}

/** A figure's provenance, passed on: its label and, where it has one, its message. */
export function sourceOf(from: { source: string; sourceMessage?: Message }): {
  source: string;
  sourceMessage?: Message;
} {
  return from.sourceMessage
    ? { source: from.source, sourceMessage: from.sourceMessage }
    : { source: from.source };
}
