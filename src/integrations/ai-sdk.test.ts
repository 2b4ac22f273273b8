import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateText, streamText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3, simulateReadableStream } from 'ai/test';
import { footprintMiddleware, shapeFromAiUsage } from './ai-sdk.js';
import { footprintEstimator } from './footprint.js';

/** The usage a provider reports: 1,200 input tokens of which 1,000 read from cache, 300 output. */
const usage = {
  inputTokens: { total: 1200, noCache: 200, cacheRead: 1000, cacheWrite: undefined },
  outputTokens: { total: 300, text: 300, reasoning: undefined },
};
const serving = { params: '8B', hardware: 'h100', location: 'fr' } as const;
const expected = footprintEstimator(serving)({
  inputTokens: 200,
  cachedInputTokens: 1000,
  outputTokens: 300,
});

function mockModel() {
  return new MockLanguageModelV3({
    doGenerate: async () => ({
      content: [{ type: 'text', text: 'Bonjour' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage,
      warnings: [],
      providerMetadata: { mock: { kept: true } },
    }),
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: [
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: 'Bon' },
          { type: 'text-delta', id: 't', delta: 'jour' },
          { type: 'text-end', id: 't' },
          { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
        ],
      }),
    }),
  });
}

describe('footprintMiddleware with the real ai package and a mock model', () => {
  it('generateText: the footprint in providerMetadata.empreinte, other metadata kept', async () => {
    const model = wrapLanguageModel({ model: mockModel(), middleware: footprintMiddleware(serving) });
    const result = await generateText({ model, prompt: 'Salut' });
    assert.equal(result.text, 'Bonjour');
    const footprint = result.providerMetadata?.empreinte as unknown as typeof expected;
    assert.deepEqual(footprint, expected);
    assert.ok(footprint.energyWh > 0 && footprint.co2eG > 0);
    assert.deepEqual(result.providerMetadata?.mock, { kept: true });
  });

  it('streamText: the same footprint once the stream has finished', async () => {
    const model = wrapLanguageModel({ model: mockModel(), middleware: footprintMiddleware(serving) });
    const result = streamText({ model, prompt: 'Salut' });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    assert.equal(text, 'Bonjour');
    assert.deepEqual((await result.providerMetadata)?.empreinte, { ...expected });
  });

  it('adds nothing when the provider reports no usage', async () => {
    const model = wrapLanguageModel({
      model: new MockLanguageModelV3({
        doGenerate: async () => ({
          content: [{ type: 'text', text: 'x' }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: {
            inputTokens: {
              total: undefined,
              noCache: undefined,
              cacheRead: undefined,
              cacheWrite: undefined,
            },
            outputTokens: { total: undefined, text: undefined, reasoning: undefined },
          },
          warnings: [],
        }),
      }),
      middleware: footprintMiddleware(serving),
    });
    const result = await generateText({ model, prompt: 'x' });
    assert.equal(result.providerMetadata?.empreinte, undefined);
  });

  it('reads v6 and v5 usage shapes, and validates the serving set-up like the CLI', () => {
    assert.deepEqual(shapeFromAiUsage(usage), {
      inputTokens: 200,
      cachedInputTokens: 1000,
      outputTokens: 300,
    });
    assert.deepEqual(shapeFromAiUsage({ inputTokens: 10, outputTokens: 5, cachedInputTokens: 4 }), {
      inputTokens: 6,
      cachedInputTokens: 4,
      outputTokens: 5,
    });
    assert.throws(() => footprintMiddleware({ params: 8e9 }), /--hardware/);
  });
});
